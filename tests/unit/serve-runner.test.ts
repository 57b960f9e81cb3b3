/**
 * A run stopped mid-build leaves nothing behind (issue 11, item 3): within 5 s no process of it and
 * none of its temporary folders (Go's go-build work folder) remain, whether the reader closed the
 * stream or the server shut down. A real example, built for real.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type ClientRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { createRunner } from '../../scripts/serve/runner.ts';
import { buildEnv } from '../../scripts/verify/example-steps.ts';
import { loadExamples } from '../../src/lib/manifest.ts';

let server: Server;
let port: number;
let runner: ReturnType<typeof createRunner>;
// The runs' TMPDIR: a folder of the test's own, so other builds on the machine cannot disturb the count.
let tmp: string;

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'serve-runner-'));
  server = createServer((req, res) => void runner.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  // A define no build has seen makes cgo rebuild (runtime/cgo and the example's package) and relink: a
  // few seconds of real building, with the go-build folder and compiler processes a stop must clean up.
  const env = { ...buildEnv(), TMPDIR: tmp, CGO_CPPFLAGS: `-DHANDBOOK_STOP_TEST_${randomBytes(6).toString('hex')}` };
  runner = createRunner({ port, examples: loadExamples().filter((e) => e.slug === 'hello-boundary'), env });
});
after(async () => {
  await runner.stopAll();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

/** Processes whose environment says they belong to a run of this test (children inherit TMPDIR). */
function runProcesses(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      continue; // exited meanwhile
    }
    if (environ.split('\0').some((v) => v === `TMPDIR=${tmp}` || v.startsWith(`TMPDIR=${tmp}/`))) {
      found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ').trim()}`);
    }
  }
  return found;
}

/** Everything under the test's TMPDIR, two levels deep (a run's folder and the go-build folder in it). */
function leftovers(): string[] {
  return readdirSync(tmp, { recursive: true, encoding: 'utf8' }).filter((f) => f.split(path.sep).length <= 2);
}

/** Starts `go run` of hello-boundary; resolves once Go is building (its go-build folder exists), with the request and the stream so far. */
async function startBuilding(): Promise<{ req: ClientRequest; ended: Promise<string> }> {
  let body = '';
  let status = 0;
  let ended!: (body: string) => void;
  const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/run/hello-boundary/run', headers: { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` } }, (res) => {
    status = res.statusCode!;
    res.on('data', (d: Buffer) => (body += d));
    res.on('end', () => ended(body));
    res.on('error', () => {}); // the first test aborts this response itself
  });
  req.on('error', () => {});
  req.end();
  const until = Date.now() + 90_000;
  while (!leftovers().some((f) => path.basename(f).startsWith('go-build'))) {
    assert.ok(Date.now() < until, `go never started building: status ${status}, stream ${body}`);
    assert.ok(!body.includes('"t":"exit"'), `the run ended before it could be stopped: ${body}`);
    await sleep(20);
  }
  await sleep(300); // into the compile: gcc, cgo and compile running
  assert.ok(runProcesses().length > 0, 'the run has processes to stop');
  return { req, ended: new Promise((resolve) => (ended = resolve)) };
}

/** Within 5 s: no process of the run and nothing under the test's TMPDIR. */
async function assertNothingLeft(): Promise<void> {
  const until = Date.now() + 5_000;
  let procs = runProcesses();
  let files = leftovers();
  while ((procs.length || files.length) && Date.now() < until) {
    await sleep(50);
    procs = runProcesses();
    files = leftovers();
  }
  assert.deepEqual(procs, [], 'processes of the stopped run still alive after 5 s');
  assert.deepEqual(files, [], `temporary folders of the stopped run left in ${tmp} after 5 s`);
  assert.equal(runner.active(), 0);
}

test('closing the stream mid-build leaves no process and no temporary folder', { timeout: 120_000 }, async () => {
  const { req } = await startBuilding();
  req.destroy();
  await assertNothingLeft();
});

test('shutting the server down mid-build leaves no process and no temporary folder', { timeout: 120_000 }, async () => {
  const { ended } = await startBuilding();
  await runner.stopAll();
  await assertNothingLeft();
  assert.match(await ended, /"t":"exit".*"stopped":true/, 'the reader is told the run was stopped');
});
