/**
 * What one verify run does with an example's benchmarks (scripts/verify/benchmarks.ts), with the benchmarks faked:
 * claims judged, shown ratios held to the record, and a re-measurement that agreed remembered, never one that did not.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchmarkExample } from '../../scripts/verify/benchmarks.ts';
import { evaluateClaim } from '../../src/lib/measure/claims.ts';
import { summarize } from '../../src/lib/measure/stats.ts';
import { exampleManifestSchema, type Example } from '../../src/lib/sources/manifest.ts';
import type { Verified } from '../../src/lib/sources/results.ts';

const HASH = `sha256:${'c'.repeat(64)}`;
const example: Example = {
  slug: 'sample',
  dir: '/repo/examples/sample',
  manifest: exampleManifestSchema.parse({
    title: 'Sample',
    summary: 'A sample example used by the unit tests of benchmarks.',
    demonstrates: ['something'],
    rust: { crate: 'sample', header: 'rust/include/sample.h' },
    go: { main: './cmd/sample' },
    files: ['go/x.go'],
    benchmarks: { claims: [{ id: 'rust-wins', says: 'Rust is at least twice as fast here.', faster: 'Rust/size=1024', than: 'Go/size=1024', by: 2 }] },
  }),
};
/** Benchmarks whose Go/Rust ratio is `ratio`. */
function bench(ratio: number): NonNullable<Verified['benchmarks']> {
  const result = (name: string, ns: number) => ({ name, nsPerOp: summarize([ns, ns, ns]), samples: [ns, ns, ns] });
  const results = [result('Go/size=1024', 100 * ratio), result('Rust/size=1024', 100)];
  return { command: 'go test -bench', count: 3, benchtime: '100ms', results, claims: example.manifest.benchmarks!.claims.map((c) => evaluateClaim(c, results)) };
}
const record = (ratio: number) => ({ sourceHash: HASH, benchmarks: bench(ratio) }) as Verified;
const MODE = { check: true, quick: false, noBench: false };

async function check(recorded: Verified, freshRatio: number, key: string) {
  let runs = 0;
  const out = await benchmarkExample({
    example,
    recorded,
    hash: HASH,
    mode: MODE,
    run: async () => (runs++, bench(freshRatio)),
    agreed: () => key,
    say: () => {},
  });
  return { ...out, runs };
}
const fresh = (what: string) => `verify-benchmarks-test ${what} ${process.pid} ${Date.now()}`;

test('a re-measurement that agrees is remembered, and the next check on the same key does not repeat it', async () => {
  const key = fresh('agrees');
  const first = await check(record(4), 4.5, key);
  assert.deepEqual([first.runs, first.problems], [1, []]);
  const again = await check(record(4), 4.5, key);
  assert.deepEqual([again.runs, again.problems], [0, []]);
});

test('a claim that does not hold, or a ratio off by more than 3×, fails and is never remembered', async () => {
  const key = fresh('fails');
  const broken = await check(record(4), 1.5, key);
  assert.equal(broken.runs, 1);
  assert.match(broken.problems.join('\n'), /claim "rust-wins" does not hold on this machine: measured 1\.5×, claimed ≥ 2×/);
  assert.equal((await check(record(4), 1.5, key)).runs, 1, 'a failure is measured again');

  const drifted = await check(record(40), 4, fresh('drift'));
  assert.match(drifted.problems.join('\n'), /ratios that this run contradicts by more than 3× either way/);
  assert.equal((await check(record(40), 4, fresh('drift'))).runs, 1);
});

test('recording always measures; --no-bench keeps a current record and refuses one of other sources', async () => {
  let runs = 0;
  const run = async () => (runs++, bench(4));
  await benchmarkExample({ example, recorded: record(4), hash: HASH, mode: { ...MODE, check: false }, run, agreed: () => fresh('record'), say: () => {} });
  assert.equal(runs, 1);
  const kept = await benchmarkExample({ example, recorded: record(4), hash: HASH, mode: { check: false, quick: false, noBench: true }, run, say: () => {} });
  assert.deepEqual([runs, kept.benchmarks], [1, record(4).benchmarks]);
  await assert.rejects(
    benchmarkExample({ example, recorded: record(4), hash: `sha256:${'d'.repeat(64)}`, mode: { check: false, quick: false, noBench: true }, run, say: () => {} }),
    /the sources changed since the benchmarks were measured/,
  );
});
