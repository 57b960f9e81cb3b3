import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shortToolchain, toolchainRows } from '../../src/lib/render/toolchain-rows.ts';
import type { Measure } from '../../src/lib/sources/manifest.ts';
import type { MeasureResult } from '../../src/lib/sources/results.ts';

const measure = (id: string, rerun: boolean): Measure => ({ id, what: 'a figure by toolchain', go: './', args: [], env: {}, rerun, tolerance: 3 });
const result = (id: string, toolchain: string, figures: MeasureResult['figures']): MeasureResult => ({
  id,
  command: 'go run ./',
  toolchain,
  mode: 'record',
  recordedAt: '2026-11-28T20:00:00.000Z',
  figures,
});

test('a row names the release that produced it', () => {
  assert.equal(shortToolchain('go version go1.22.12 linux/amd64'), 'go1.22.12');
  assert.equal(shortToolchain('rustc 1.80.1 (3f5fd8dd4 2024-08-06)'), 'rustc 1.80.1');
});

test('rows follow the manifest, keep their provenance and skip measures without the figures', () => {
  const measures = [measure('old', false), measure('other', true), measure('now', true)];
  const results = [
    result('now', 'go version go1.26.8 linux/amd64', [{ name: 'cgo-call', value: 40, unit: 'ns' }]),
    result('other', 'go version go1.26.8 linux/amd64', [{ name: 'size', value: 1 }]),
    result('old', 'go version go1.22.12 linux/amd64', [{ name: 'cgo-call', value: 50, unit: 'ns' }]),
  ];
  const rows = toolchainRows('x', measures, results, ['cgo-call']);
  assert.deepEqual(
    rows.map((r) => [r.id, r.toolchain, r.rerun, r.figures[0]!.value]),
    [
      ['old', 'go1.22.12', false, 50],
      ['now', 'go1.26.8', true, 40],
    ],
  );
});

test('a figure missing from a row, or from every row, fails naming the record', () => {
  const results = [result('a', 'rustc 1.80.1 (x)', [{ name: 'aborted', value: false }])];
  assert.throws(() => toolchainRows('x', [measure('a', false)], results, ['aborted', 'exit']), /examples\/x\/verified\.json: measure "a" recorded no figure "exit"/);
  assert.throws(() => toolchainRows('x', [measure('a', false)], results, ['cgo-call']), /no measure recorded "cgo-call"/);
});
