import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateClaim } from '../../src/lib/measure/claims.ts';
import type { BenchmarkResult } from '../../src/lib/sources/results.ts';

const result = (name: string, median: number): BenchmarkResult => ({ name, nsPerOp: { median, low: median, high: median, samples: 6 }, samples: [median] });
const results = [result('Go/size=1024', 700), result('Rust/size=1024', 170)];
const claim = { id: 'rust-wins', says: 'Rust is faster at 1 KiB', faster: 'Rust/size=1024', than: 'Go/size=1024', by: 3 };

test('a claim holds when the ratio of medians reaches the factor', () => {
  assert.deepEqual(evaluateClaim(claim, results), { id: 'rust-wins', says: claim.says, ratio: 4.12, by: 3, holds: true });
});

test('a claim fails when the ratio falls short', () => {
  assert.equal(evaluateClaim({ ...claim, by: 5 }, results).holds, false);
});

test('a claim naming an unmeasured benchmark is an error, never a pass', () => {
  assert.throws(() => evaluateClaim({ ...claim, faster: 'Rust/size=1' }, results), /"Rust\/size=1", which was not measured/);
});
