/**
 * Issue 10's bar: putting defect 1, 2, 3 or 4 back in a copy of the repository makes `verify --check` fail, naming the
 * example and the lane that must catch it. Each defect is put back by an exact edit of today's code (replaceOnce fails,
 * naming the file, if a refactor moved that code), and verify runs only the lanes that must catch it:
 *
 * 1. memory-contracts, `EncodeInto` over overlapping slices: both overlap checks gone (Go and Rust); Miri must report
 *    the undefined behaviour (it runs no Go, so its failure comes from the Rust side alone).
 * 2. concurrency, `cc_mix_batch` with in == out or a partial overlap: the in-place path and the overlap check gone;
 *    Miri must report it. The Go wrapper still refuses a partial overlap, and in place the release build happens to
 *    compute the right values, so no Go test sees it: that is why the lane is Miri.
 * 3. concurrency, the guard turns a caught panic into `CC_STATUS_OK` (success, outputs left at 0): the Go panic test
 *    (repeat lane) must report an export that gave Go no error.
 * 4. concurrency, a Pool method after Close reaches Rust with NULL instead of returning ErrClosed: the Go Close tests
 *    (repeat lane) must report it.
 *
 * Defects 1 and 2 are in two examples, so they share a copy (one verify run, Miri only). Defects 3 and 4 both fail Go
 * tests of concurrency, and a lane report shows only the first failure of a shuffled run, so each has its own copy.
 * The three runs overlap; verify installs cbindgen first if this checkout has none (the copies share its .cache), so
 * that three runs do not each build it into the same folder at once.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, test } from 'node:test';
import { TOOLS, toolPath } from '../../src/lib/commands/commands.ts';
import { toolsDir } from '../../scripts/lib/tools.ts';
import { rootDir } from '../../src/lib/sources/paths.ts';
import { copyOfRepository, laneReport, replaceOnce, verifyAsync } from '../support/repository-copy.ts';

const MC = 'examples/memory-contracts';
const CC = 'examples/concurrency';

interface Edit {
  file: string;
  anchor: string;
  replacement: string;
}

const DEFECT_1: Edit[] = [
  {
    file: `${MC}/go/contracts.go`,
    anchor: '\tif overlap(dst, src) {\n\t\treturn 0, ErrOverlap\n\t}\n',
    replacement: '',
  },
  {
    file: `${MC}/rust/src/lib.rs`,
    anchor: '        if overlaps(span(src, src_len), span(dst, dst_cap)) {\n            return McResult::fail(McStatus::Overlap);\n        }\n',
    replacement: '',
  },
];

const DEFECT_2: Edit[] = [
  {
    file: `${CC}/rust/src/lib.rs`,
    anchor: [
      '        if input == out.cast_const() {',
      '            // SAFETY: the caller promises n writable u64s at out, touched by nobody else.',
      '            let xs = unsafe { items_mut(out, n)? };',
      '            xs.iter_mut().for_each(|x| *x = mix(*x));',
      '            return Ok(());',
      '        }',
      '        if overlap(input.addr(), out.addr(), byte_len::<u64>(n)?).ok_or(CcStatus::TooLong)? {',
      '            return Err(CcStatus::Overlap);',
      '        }',
      '',
    ].join('\n'),
    replacement: '',
  },
];

const DEFECT_3: Edit[] = [{ file: `${CC}/rust/src/boundary.rs`, anchor: '        Err(_) => CcStatus::Panic,\n', replacement: '        Err(_) => CcStatus::Ok,\n' }];

const DEFECT_4: Edit[] = [
  {
    file: `${CC}/go/pool.go`,
    anchor: '\tif !p.enter() {\n\t\treturn ErrClosed\n\t}\n',
    replacement: '\tif !p.enter() {\n\t\treturn call(nil)\n\t}\n',
  },
];

/** A copy with `edits` made, and verify --check run on it with only `lanes` of `examples`. */
async function withDefects(edits: Edit[], examples: string[], lanes: string[]) {
  const dir = copyOfRepository();
  for (const e of edits) replaceOnce(dir, e.file, e.anchor, e.replacement);
  const args = ['--check', ...examples.flatMap((slug) => ['--example', slug]), '--only', lanes.join(',')];
  return verifyAsync(dir, args);
}

let miri: { code: number | null; out: string };
let panics: { code: number | null; out: string };
let closed: { code: number | null; out: string };
before(async () => {
  const started = Date.now();
  if (!existsSync(toolPath(toolsDir(), TOOLS.cbindgen))) {
    const install = await verifyAsync(rootDir, ['--check', '--example', 'hello-boundary', '--only', 'fmt']);
    assert.equal(install.code, 0, install.out);
  }
  [miri, panics, closed] = await Promise.all([
    withDefects([...DEFECT_1, ...DEFECT_2], ['memory-contracts', 'concurrency'], ['miri']),
    withDefects(DEFECT_3, ['concurrency'], ['repeat']),
    withDefects(DEFECT_4, ['concurrency'], ['repeat']),
  ]);
  console.log(`verify-defects: three verify runs in ${((Date.now() - started) / 1000).toFixed(0)} s`);
});

/** The run failed, marking `lane` failed for each example, and the report of that lane names the example. */
function failedLane(run: { code: number | null; out: string }, slug: string, lane: string): string {
  assert.equal(run.code, 1, run.out);
  return laneReport(run.out, slug, lane);
}

test('defect 1: Miri reports overlapping buffers in memory-contracts as undefined behaviour', () => {
  const r = failedLane(miri, 'memory-contracts', 'miri');
  assert.match(r, /error: Undefined Behavior: /);
  assert.match(r, new RegExp(`--> ${MC}/rust/src/lib\\.rs:\\d+`));
  assert.match(r, /^\s+0: mc_hex_encode::/m, 'the backtrace starts in the export the defect is in');
});

test('defect 2: Miri reports cc_mix_batch over one buffer as undefined behaviour', () => {
  const r = failedLane(miri, 'concurrency', 'miri');
  assert.match(r, /error: Undefined Behavior: /);
  assert.match(r, new RegExp(`--> ${CC}/rust/src/lib\\.rs:\\d+`));
  assert.match(r, /^\s+0: cc_mix_batch::/m, 'the backtrace starts in the export the defect is in');
});

test('defect 3: the Go panic test reports an export that turned a panic into success', () => {
  const r = failedLane(panics, 'concurrency', 'repeat');
  assert.match(r, /--- FAIL: TestEveryExportTurnsAPanicIntoAnError/);
  assert.match(r, /with a panic forced in cc_\w+: error <nil>, want one matching ErrPanic/);
});

test('defect 4: the Go Close tests report a closed pool whose methods reach Rust with NULL', () => {
  const r = failedLane(closed, 'concurrency', 'repeat');
  assert.match(r, /--- FAIL: TestClose(FreesOnceAndLaterCallsGetErrClosed|WhileOtherGoroutinesCall)/);
  assert.match(r, /concurrency: Pool\.(MixSum|Visit): NULL or misaligned pointer/);
});

test('an edit whose code is gone fails, naming the file', () => {
  const dir = copyOfRepository();
  assert.throws(() => replaceOnce(dir, `${CC}/go/pool.go`, 'no such code', ''), new RegExp(`${CC}/go/pool\\.go: the text this test edits occurs 0 times`));
});
