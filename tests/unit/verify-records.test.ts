/**
 * `verify --check` end to end on copies of the repository (tests/support/repository-copy.ts): figures edited by hand, a stale
 * example whose changed sources do not build or pass their tests, a truncated record.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { evaluateClaim } from '../../src/lib/measure/claims.ts';
import { loadExample } from '../../src/lib/sources/manifest.ts';
import type { Verified } from '../../src/lib/sources/results.ts';
import { summarize } from '../../src/lib/measure/stats.ts';
import { copyOfRepository, edit, markCurrent, verifyCheck } from '../support/repository-copy.ts';

const RECORD = 'examples/error-mapping/verified.json';
const CLAIM = 'error-path-costs-more';

function editRecord(dir: string, change: (v: Verified) => void) {
  markCurrent(dir, 'error-mapping');
  const file = path.join(dir, RECORD);
  const v = JSON.parse(readFileSync(file, 'utf8')) as Verified;
  change(v);
  writeFileSync(file, `${JSON.stringify(v, null, 2)}\n`);
}

test('a recorded median divided by 10, or a claim ratio multiplied by 10, fails --check naming the file, the figure and both values', () => {
  const median = copyOfRepository();
  let honest = 0;
  editRecord(median, (v) => {
    const r = v.benchmarks!.results.find((b) => b.name === 'Parse/result=ok')!;
    honest = r.nsPerOp.median;
    r.nsPerOp.median /= 10;
  });
  let { code, out } = verifyCheck(median, '--no-bench', '--example', 'error-mapping');
  assert.equal(code, 1, out);
  assert.ok(out.includes(`${RECORD}: figures that its own samples do not give`), out);
  assert.ok(out.includes(`benchmark "Parse/result=ok": nsPerOp.median: recorded ${honest / 10}, the recorded samples give ${honest}`), out);

  const ratio = copyOfRepository();
  editRecord(ratio, (v) => {
    const c = v.benchmarks!.claims.find((x) => x.id === CLAIM)!;
    honest = c.ratio;
    c.ratio *= 10;
  });
  ({ code, out } = verifyCheck(ratio, '--no-bench', '--example', 'error-mapping'));
  assert.equal(code, 1, out);
  assert.ok(out.includes(`claim "${CLAIM}": ratio: recorded ${honest * 10}, the recorded samples give ${honest}`), out);
});

test('samples forged to match their edited figures are caught by the fresh quick benchmarks', () => {
  const dir = copyOfRepository();
  const claims = loadExample('error-mapping').manifest.benchmarks!.claims;
  let forged = 0;
  editRecord(dir, (v) => {
    const b = v.benchmarks!;
    const r = b.results.find((x) => x.name === 'Parse/result=syntax-error')!;
    r.samples = r.samples.map((x) => x * 10);
    r.nsPerOp = summarize(r.samples);
    b.claims = claims.map((c) => evaluateClaim(c, b.results));
    forged = b.claims.find((c) => c.id === CLAIM)!.ratio;
  });
  const { code, out } = verifyCheck(dir, '--example', 'error-mapping');
  assert.equal(code, 1, out);
  assert.doesNotMatch(out, /figures that its own samples do not give/);
  assert.match(
    out,
    new RegExp(`${RECORD}: ratios that this run contradicts by more than 3× either way\\n  claim "${CLAIM}": recorded ${forged.toPrecision(3)}×, this run \\d[\\d.]*×`),
  );
});

test("a stale example that no longer compiles reports the compiler's error with its location, then that the record is stale", () => {
  const dir = copyOfRepository();
  // The first error, then enough later ones that the last 25 lines of output no longer reach it.
  const later = Array.from({ length: 6 }, (_, i) => `pub fn broken_${i}() -> i32 {\n    "not a number"\n}\n`).join('');
  let line = 0;
  edit(dir, 'examples/hello-boundary/rust/src/lib.rs', (s) => {
    line = s.split('\n').indexOf('        a.wrapping_add(b)') + 1;
    assert.ok(line > 0, 'hello-boundary/rust/src/lib.rs no longer has the line this test breaks');
    return `${s.replace('        a.wrapping_add(b)\n', '        let _: u8 = a;\n        a.wrapping_add(b)\n')}${later}`;
  });
  const { code, out } = verifyCheck(dir, '--no-bench', '--example', 'hello-boundary');
  assert.equal(code, 1, out);
  assert.match(
    out,
    new RegExp(
      `examples/hello-boundary/rust: cargo build failed[^]*error\\[E0308\\]: mismatched types\\n +--> hello-boundary/rust/src/lib\\.rs:${line}:\\d+[^]*examples/hello-boundary/verified\\.json: stale: the sources of hello-boundary changed`,
    ),
  );
});

test('a stale example whose Go test fails reports the failing test, then that the record is stale', () => {
  const dir = copyOfRepository();
  edit(dir, 'examples/hello-boundary/go/hello_test.go', (s) => s.replace('got != c.a+c.b ||', 'got != c.a+c.b+1 ||'));
  const { code, out } = verifyCheck(dir, '--no-bench', '--example', 'hello-boundary');
  assert.equal(code, 1, out);
  assert.match(
    out,
    /examples\/hello-boundary: the repeat lane failed[^]*--- FAIL: TestAddMatchesGo[^]*examples\/hello-boundary\/verified\.json: stale: the sources of hello-boundary changed/,
  );
});

test('a truncated verified.json is reported once, with the command that records that example alone', () => {
  const dir = copyOfRepository();
  edit(dir, 'examples/hello-boundary/verified.json', (s) => s.slice(0, s.length / 2));
  const { code, out } = verifyCheck(dir, '--no-bench', '--example', 'hello-boundary');
  assert.equal(code, 1, out);
  assert.equal(out.split('examples/hello-boundary/verified.json: not valid JSON').length - 1, 1, out);
  assert.match(out, /not valid JSON: .*\n {2}→ run `npm run verify -- --example hello-boundary` to record it again/);
});
