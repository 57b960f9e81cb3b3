/** scripts/lib/process.ts, which verify and the local runner both run commands with. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { test } from 'node:test';
import { exec, inTempDir, start } from '../../scripts/lib/process.ts';

const cwd = os.tmpdir();
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a program that ignores SIGTERM, and its child, are killed by the group kill after the grace period', async () => {
  // SIG_IGN is inherited: the backgrounded sleep ignores SIGTERM too.
  const p = start('sh', ['-c', 'trap "" TERM; echo ready; sleep 30 & wait'], { cwd, graceMs: 300 });
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, 200));
  await p.stop();
  const r = await p.result;
  assert.ok(Date.now() - t0 >= 300, 'SIGTERM alone did not end it, so SIGKILL came after the grace period');
  assert.equal(r.signal, 'SIGKILL');
  assert.ok(r.stopped);
  assert.equal(groupAlive(p.pid!), false, 'nothing of the group is left');
});

test('a program that ends on SIGTERM is not killed', async () => {
  const p = start('sleep', ['30'], { cwd, graceMs: 5_000 });
  await p.stop();
  assert.equal((await p.result).signal, 'SIGTERM');
});

test('the time limit ends the whole group and says so', async () => {
  const r = await exec('sh', ['-c', 'sleep 30 & sleep 30'], { cwd, timeoutMs: 200, graceMs: 300 });
  assert.ok(r.timedOut);
  assert.ok(r.ms < 5_000, `ended after ${r.ms} ms`);
});

test('output past the cap is dropped and ends the group; what came before is kept and streamed', async () => {
  const seen: string[] = [];
  const r = await exec('sh', ['-c', 'while :; do echo 0123456789; done'], { cwd, outputLimitBytes: 1000, onOutput: (d) => seen.push(d) });
  assert.ok(r.truncated);
  assert.equal(r.bytes, 1000);
  assert.equal(r.stdout.length, 1000);
  assert.equal(seen.join(''), r.stdout);
  assert.match(r.stdout, /^(0123456789\n)+/);
});

test('output streams as it comes, before the program ends', async () => {
  let first = 0;
  const started = Date.now();
  const r = await exec('sh', ['-c', 'echo one; sleep 0.5; echo two >&2'], { cwd, onOutput: () => (first ||= Date.now() - started) });
  assert.ok(first < r.ms - 300, `first output after ${first} ms of ${r.ms}`);
  assert.deepEqual([r.stdout, r.stderr, r.code], ['one\n', 'two\n', 0]);
});

test('a program left running by the one started is ended with it', async () => {
  const r = await exec('sh', ['-c', 'sleep 30 >/dev/null 2>&1 & echo $!'], { cwd });
  const orphan = Number(r.stdout.trim());
  assert.throws(() => process.kill(orphan, 0), /ESRCH/);
});

test('a program that cannot start says why', async () => {
  const r = await exec('no-such-program-handbook', [], { cwd });
  assert.match(r.startError ?? '', /ENOENT/);
  assert.notEqual(r.code, 0);
});

test('the temporary folder goes, even when the work throws', async () => {
  let dir = '';
  await assert.rejects(
    inTempDir(os.tmpdir(), 'process-test-', async (d) => {
      dir = d;
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.ok(dir && !existsSync(dir));
});
