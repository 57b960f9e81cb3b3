/**
 * `npm start` stops as a whole on SIGTERM and SIGINT sent to the npm process (issue 11, item 8): the
 * listener goes, every process npm started exits, and a run in flight is stopped and cleaned up.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { rootDir } from '../../src/lib/sources/paths.ts';
import { assertNothingLeftUnder, goBuildingUnder, processesUnder } from '../support/run-leftovers.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'serve-start-'));
const dist = path.join(tmp, 'dist');
mkdirSync(dist);
writeFileSync(path.join(dist, 'index.html'), '<p>home</p>');
const started: ChildProcess[] = [];
after(() => {
  // Whatever a failed test left: npm's group (npm started in its own), and any process with our TMPDIR.
  const pids = [...started.map((npm) => -npm.pid!), ...processesUnder(tmp).map((p) => Number(p.split(' ')[0]))];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(tmp, { recursive: true, force: true });
});

function get(port: number, urlPath: string, method = 'GET', body = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
    const req = request({ host: '127.0.0.1', port, path: urlPath, method, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      res.on('error', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `npm start` on a free port, serving the small build; resolves with its port once it listens. */
async function npmStart(runTmp: string): Promise<{ npm: ChildProcess; port: number; exited: Promise<void> }> {
  const npm = spawn('npm', ['start'], {
    cwd: rootDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // TMPDIR marks the server's runs as this test's; the define makes Go build for a few seconds.
    env: { ...process.env, PORT: '0', HANDBOOK_DIST: dist, TMPDIR: runTmp, CGO_CPPFLAGS: `-DHANDBOOK_STOP_TEST_${randomBytes(6).toString('hex')}` },
  });
  started.push(npm);
  const exited = new Promise<void>((resolve) => npm.on('exit', () => resolve()));
  let out = '';
  npm.stdout!.on('data', (d: Buffer) => (out += d));
  npm.stderr!.on('data', (d: Buffer) => (out += d));
  const until = Date.now() + 60_000;
  let m: RegExpExecArray | null;
  while (!(m = /the handbook is at http:\/\/127\.0\.0\.1:(\d+)\//.exec(out))) {
    assert.ok(Date.now() < until && npm.exitCode === null, `npm start did not start listening:\n${out}`);
    await sleep(50);
  }
  return { npm, port: Number(m[1]), exited };
}

/** Every process of npm's group gone (npm, its shell, the server) and the port closed, within `ms`. */
async function assertStopped(npm: ChildProcess, port: number, exited: Promise<void>, ms: number): Promise<void> {
  const timeout = sleep(ms).then(() => 'timeout');
  assert.notEqual(await Promise.race([exited.then(() => 'exited'), timeout]), 'timeout', `npm still running ${ms / 1000} s after the signal`);
  const until = Date.now() + ms;
  const groupAlive = () => {
    try {
      process.kill(-npm.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  while (groupAlive() && Date.now() < until) await sleep(50);
  assert.ok(!groupAlive(), 'a process npm started outlived it');
  await assert.rejects(get(port, '/'), { code: 'ECONNREFUSED' }, 'the server still listens');
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} to the npm process stops the server`, { timeout: 90_000 }, async () => {
    const runTmp = mkdtempSync(path.join(tmp, 'runs-'));
    const { npm, port, exited } = await npmStart(runTmp);
    assert.equal((await get(port, '/')).status, 200);
    process.kill(npm.pid!, signal);
    await assertStopped(npm, port, exited, 10_000);
  });
}

test('SIGTERM to the npm process mid-build stops the run too: no process, no temporary folder', { timeout: 120_000 }, async () => {
  const runTmp = mkdtempSync(path.join(tmp, 'runs-'));
  const { npm, port, exited } = await npmStart(runTmp);
  const run = get(port, '/api/run/hello-boundary/run', 'POST');
  await goBuildingUnder(runTmp, () => 'the run never reached go');
  process.kill(npm.pid!, 'SIGTERM');
  await assertStopped(npm, port, exited, 10_000);
  await assertNothingLeftUnder(runTmp);
  assert.match((await run).body, /"t":"exit".*"stopped":true/, 'the reader was told the run stopped');
});
