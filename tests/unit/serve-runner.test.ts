/**
 * A run stopped mid-build leaves nothing behind (issue 11, item 3): within 5 s no process of it and
 * none of its temporary folders (Go's go-build work folder) remain, whether the reader closed the
 * stream or the server shut down. A real example, built for real.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type ClientRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createRunner } from '../../scripts/serve/runner.ts';
import { buildEnv } from '../../scripts/lib/example-env.ts';
import { loadExamples } from '../../src/lib/sources/manifest.ts';
import { assertNothingLeftUnder, goBuildingUnder } from '../support/run-leftovers.ts';

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
});
after(async () => {
  await runner?.stopAll();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

/** Starts `go run` of hello-boundary; resolves once Go is building, with the request and the whole stream to come. */
async function startBuilding(): Promise<{ req: ClientRequest; ended: Promise<string> }> {
  // A define no build has seen makes cgo rebuild (runtime/cgo and the example's package) and relink: a
  // few seconds of real building, with the go-build folder and compiler processes a stop must clean up.
  const env = { ...buildEnv(), TMPDIR: tmp, CGO_CPPFLAGS: `-DHANDBOOK_STOP_TEST_${randomBytes(6).toString('hex')}` };
  runner = createRunner({ port, examples: loadExamples().filter((e) => e.slug === 'hello-boundary'), env });
  let body = '';
  let status = 0;
  let end!: (body: string) => void;
  const ended = new Promise<string>((resolve) => (end = resolve));
  const req = request(
    { host: '127.0.0.1', port, method: 'POST', path: '/api/run/hello-boundary/run', headers: { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` } },
    (res) => {
      status = res.statusCode!;
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => end(body));
      res.on('error', () => {}); // the first test aborts this response itself
    },
  );
  req.on('error', () => {});
  req.end();
  await goBuildingUnder(tmp, () => `status ${status}, stream ${body}`);
  return { req, ended };
}

async function assertNothingLeft(): Promise<void> {
  await assertNothingLeftUnder(tmp);
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
