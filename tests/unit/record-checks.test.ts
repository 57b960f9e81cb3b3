import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateClaim } from '../../src/lib/measure/claims.ts';
import { loadExample, type Claim } from '../../src/lib/sources/manifest.ts';
import { driftedRatios, inconsistentFigures, RATIO_TOLERANCE } from '../../src/lib/measure/record-checks.ts';
import { readVerified, type Verified } from '../../src/lib/sources/results.ts';
import { summarize } from '../../src/lib/measure/stats.ts';

type Benchmarks = NonNullable<Verified['benchmarks']>;

/** error-mapping's committed benchmarks (a fresh copy per call) and its manifest's claims. */
function errorMapping(): { bench: Benchmarks; claims: Claim[] } {
  const example = loadExample('error-mapping');
  const bench = structuredClone(readVerified(example.dir)!.benchmarks!);
  return { bench, claims: example.manifest.benchmarks!.claims };
}

/** What an honest record of `samples` would hold: `name`'s samples scaled by `factor`, every figure recomputed. */
function rescaled(bench: Benchmarks, claims: readonly Claim[], name: string, factor: number): Benchmarks {
  const results = bench.results.map((r) => {
    if (r.name !== name) return r;
    const samples = r.samples.map((x) => x * factor);
    return { ...r, samples, nsPerOp: summarize(samples) };
  });
  return { ...bench, results, claims: claims.map((c) => evaluateClaim(c, results)) };
}

test('a committed record without MB/s figures is consistent with its own samples', () => {
  const { bench, claims } = errorMapping();
  assert.deepEqual(inconsistentFigures(bench, claims), []);
});

test('a median divided by 10 is named with its recorded and recomputed values', () => {
  const { bench, claims } = errorMapping();
  const r = bench.results.find((b) => b.name === 'Parse/result=ok')!;
  const honest = r.nsPerOp.median;
  r.nsPerOp.median = honest / 10;
  assert.deepEqual(inconsistentFigures(bench, claims), [`benchmark "Parse/result=ok": nsPerOp.median: recorded ${honest / 10}, the recorded samples give ${honest}`]);
});

test('an interval bound, a claim ratio and a verdict edited by hand are each named', () => {
  const { bench, claims } = errorMapping();
  bench.results[0]!.nsPerOp.high += 1;
  const claim = bench.claims[0]!;
  const honest = claim.ratio;
  claim.ratio = honest * 10;
  const problems = inconsistentFigures(bench, claims);
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.match(problems[0]!, /nsPerOp\.high: recorded/);
  assert.equal(problems[1], `claim "${claim.id}": ratio: recorded ${honest * 10}, the recorded samples give ${honest}`);
  claim.ratio = honest;
  claim.holds = !claim.holds;
  assert.match(inconsistentFigures(bench, claims).at(-1)!, /claim ".*": holds: recorded false, the recorded samples give true/);
});

test('MB/s must be the median of recorded MB/s samples', () => {
  const { bench, claims } = errorMapping();
  bench.results[0]!.mbPerSec = 100;
  assert.match(inconsistentFigures(bench, claims)[0]!, /mbPerSec of 1 benchmarks \(Parse\/result=ok…\) recorded without the MB\/s samples/);
  bench.results[0]!.mbPerSecSamples = bench.results[0]!.samples.map((ns) => 16_000 / ns);
  assert.match(inconsistentFigures(bench, claims)[0]!, /Parse\/result=ok": mbPerSec: recorded 100, the recorded samples give \d/);
});

test('a fresh run that agrees within the tolerance leaves every shown ratio alone', () => {
  const { bench, claims } = errorMapping();
  assert.deepEqual(driftedRatios(bench, bench), []);
  assert.deepEqual(driftedRatios(bench, rescaled(bench, claims, 'Parse/result=syntax-error', RATIO_TOLERANCE * 0.99)), []);
});

test('samples forged consistently are caught by the fresh run: the claim and the row ratios, recorded and fresh', () => {
  const example = loadExample('checksum');
  const bench = readVerified(example.dir)!.benchmarks!;
  const claims = example.manifest.benchmarks!.claims;
  const forged = rescaled(bench, claims, 'Rust/size=1048576', 10);
  const drifts = driftedRatios(forged, bench);
  assert.deepEqual(
    drifts.map((d) => d.figure),
    ['claim "rust-wins-at-1mib"', 'Go/size=1048576 ÷ Rust/size=1048576', 'Rust/size=1048576 ÷ RustCopy/size=1048576'],
  );
  assert.equal(drifts[0]!.recorded, forged.claims.find((c) => c.id === 'rust-wins-at-1mib')!.ratio);
  assert.equal(drifts[0]!.fresh, bench.claims.find((c) => c.id === 'rust-wins-at-1mib')!.ratio);
});

test('a shown ratio the fresh run did not measure is a drift, not a pass', () => {
  const { bench } = errorMapping();
  assert.deepEqual(
    driftedRatios(bench, { ...bench, claims: [] }).map((d) => [d.figure, d.fresh]),
    [['claim "error-path-costs-more"', Number.NaN]],
  );
});

test("a sample dropped from a benchmark is named with the run's -count", () => {
  const { bench, claims } = errorMapping();
  const r = bench.results[0]!;
  r.samples.pop();
  assert.equal(inconsistentFigures(bench, claims)[0], `benchmark "${r.name}": 9 samples recorded from a run with -count 10`);
});

test('a variant given a wider ratio tolerance may move that far, and only the ratios it is in', () => {
  const example = loadExample('checksum');
  const bench = readVerified(example.dir)!.benchmarks!;
  const claims = example.manifest.benchmarks!.claims;
  const moved = rescaled(bench, claims, 'RustCopy/size=1048576', 5);
  const named = (wider: Record<string, number>) => driftedRatios(bench, moved, RATIO_TOLERANCE, wider).map((d) => d.figure);
  assert.deepEqual(named({}), ['Go/size=1048576 ÷ RustCopy/size=1048576', 'Rust/size=1048576 ÷ RustCopy/size=1048576']);
  assert.deepEqual(named({ RustCopy: 6 }), []);
  assert.deepEqual(named({ RustCopy: 4 }), named({}), 'not far enough');
  assert.deepEqual(named({ Go: 6 }), ['Rust/size=1048576 ÷ RustCopy/size=1048576'], 'a pair without the variant keeps the 3×');
});
