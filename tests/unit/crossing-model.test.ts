import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossingModel, estimate } from '../../src/lib/measure/crossing-model.ts';
import type { BenchmarkResult } from '../../src/lib/sources/results.ts';

const r = (name: string, median: number): BenchmarkResult => ({ name, nsPerOp: { median, low: median, high: median, samples: 6 }, samples: [median] });
const results = [r('EmptyCall', 30), r('Go/size=16', 16), r('Rust/size=16', 40), r('Go/size=1024', 1024), r('Rust/size=1024', 286)];

test('the model takes rates at the largest shared size and the call cost from the empty call', () => {
  const m = crossingModel(results);
  assert.equal(m.measuredAt, 1024);
  assert.equal(m.goNsPerByte, 1);
  assert.equal(m.rustNsPerByte, 0.25);
  assert.equal(m.breakEvenBytes, 40);
});

test('estimates: small calls lose, large calls win', () => {
  const m = crossingModel(results);
  assert.ok(estimate(m, 16, 1e6).coresSaved < 0);
  const big = estimate(m, 4096, 1e6);
  assert.equal(big.goNs, 4096);
  assert.equal(big.rustNs, 30 + 1024);
  assert.ok(Math.abs(big.coresSaved - 3.042) < 1e-9);
});

test('missing benchmarks are errors', () => {
  assert.throws(() => crossingModel(results.filter((x) => x.name !== 'EmptyCall')), /EmptyCall/);
  assert.throws(() => crossingModel([r('EmptyCall', 1)]), /no size measured/);
});
