import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { countEvents, timingTable } from '../../scripts/test-all/counts.ts';
import { rootDir } from '../../src/lib/sources/paths.ts';

const reporter = pathToFileURL(path.join(rootDir, 'scripts/test-all/events-reporter.ts')).href;

/** Runs node:test on one test file as scripts/test-all.ts does, and counts its events. */
async function runAndCount(source: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'counts-'));
  try {
    writeFileSync(path.join(dir, 'x.test.mjs'), source);
    const events = path.join(dir, 'events.jsonl');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-reporter=${reporter}`, `--test-reporter-destination=${events}`, path.join(dir, 'x.test.mjs')], {
      cwd: rootDir,
      // Without this the inner runner would take itself for a child of this one and send its events here.
      env: { ...process.env, NODE_TEST_CONTEXT: undefined },
      encoding: 'utf8',
    });
    let text = '';
    try {
      text = readFileSync(events, 'utf8');
    } catch {
      /* no events file: counted as a crash below */
    }
    const { passed, failed, problems } = countEvents(text, 'fixture', r.status);
    return { passed, failed, problem: problems.at(-1) ?? '', leftBehind: await processesUsing(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Processes still running from `dir` once they have had a second to end (an orphaned test file, say). */
async function processesUsing(dir: string): Promise<string[]> {
  const running = () =>
    readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .flatMap((p) => {
        try {
          const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' ');
          return cmd.includes(dir) ? [`${p}: ${cmd.slice(0, 120)}`] : [];
        } catch {
          return [];
        }
      });
  for (let i = 0; i < 10 && running().length; i++) await new Promise((r) => setTimeout(r, 100));
  return running();
}

const imports = "import { test } from 'node:test'; import assert from 'node:assert';\n";

test('passes and failures are counted from node:test events', async () => {
  const counts = await runAndCount(`${imports}test('a', () => {}); test('b', () => {}); test('c', () => assert.equal(1, 2));`);
  assert.deepEqual(counts, { passed: 2, failed: 1, problem: counts.problem, leftBehind: [] });
  assert.match(counts.problem, /fixture: c \(.*x\.test\.mjs:\d+\): 1 == 2/);
});

test('a runner killed before its summary counts as a failure, and the fixture leaves nothing running', async () => {
  // The test kills the runner (its parent) before node:test can report, then ends itself: an orphan would outlive the suite.
  const counts = await runAndCount(
    `${imports}test('a', () => {}); test('kill', () => { process.kill(process.ppid, 'SIGKILL'); setTimeout(() => process.exit(1), 200); return new Promise(() => {}); });`,
  );
  assert.deepEqual(counts, { passed: 0, failed: 1, problem: counts.problem, leftBehind: [] });
  assert.match(counts.problem, /reported no summary/);
});

test('a test file that fails to load is a failure', async () => {
  assert.equal((await runAndCount(`${imports}throw new Error('broken at load');`)).failed, 1);
});

test('the timing table lists every step with its seconds and counts', () => {
  const table = timingTable([
    { name: 'types', seconds: 14.2, passed: 1, failed: 0 },
    { name: 'unit tests', seconds: 122, passed: 56, failed: 2 },
  ]);
  assert.match(table, /^step +seconds +passed +failed$/m);
  assert.match(table, /^✓ types +14 +1 +0$/m);
  assert.match(table, /^✗ unit tests +122 +56 +2$/m);
});

test('a run that exits non-zero with nothing failed is a failure', () => {
  const summary = JSON.stringify({ type: 'summary', passed: 3, failed: 0, cancelled: 0, success: true });
  assert.deepEqual(countEvents(summary, 'fixture', 1), { passed: 3, failed: 1, problems: ['✖ fixture: nothing failed, yet the run was not a success (exit 1)'] });
  assert.deepEqual(countEvents(summary, 'fixture', 0), { passed: 3, failed: 0, problems: [] });
});
