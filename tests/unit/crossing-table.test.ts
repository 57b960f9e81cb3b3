/**
 * src/lib/render/crossing-table.ts: the decision table of "Choosing the crossing" is computed from the crossings
 * example's record, so a changed figure or median changes the page, and a missing one fails the build naming it.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { benchVariant, crossingTable } from '../../src/lib/render/crossing-table.ts';
import { formatFigure, formatNs } from '../../src/lib/render/format.ts';
import { examplesDir } from '../../src/lib/sources/paths.ts';
import { readVerified } from '../../src/lib/sources/results.ts';

const record = readVerified(path.join(examplesDir, 'crossings'))!;
const figures = record.measures.find((m) => m.id === 'programs')!.figures;
const results = record.benchmarks!.results;
const table = (f = figures, r = results) => crossingTable(f, r, 'test');
/** A cell's text, with the no-break spaces that keep a number beside its unit read as spaces. */
const cell = (cols: ReturnType<typeof table>, id: string, row: keyof ReturnType<typeof table>[number]['cells']) =>
  cols.find((c) => c.id === id)!.cells[row].replaceAll('\u00a0', ' ');

test('a column per crossing the record measured, the pure Go reference among them', () => {
  assert.deepEqual(
    table().map((c) => c.id),
    ['go', 'cgo-static', 'cgo-dynamic', 'purego', 'wazero', 'process'],
  );
  assert.equal(benchVariant('cgo-dynamic'), 'CgoDynamic');
});

test('changing a recorded figure changes the cell that shows it', () => {
  const startup = figures.find((f) => f.name === 'startup/wazero')!;
  const before = cell(table(), 'wazero', 'startup');
  assert.equal(before, formatFigure(startup));
  const changed = figures.map((f) => (f === startup ? { ...f, value: (f.value as number) * 10 } : f));
  assert.notEqual(cell(table(changed), 'wazero', 'startup'), before);
  assert.equal(cell(table(changed), 'wazero', 'startup'), formatFigure({ ...startup, value: (startup.value as number) * 10 }));

  const abort = figures.find((f) => f.name === 'go-survives-abort/cgo-static')!;
  const flipped = figures.map((f) => (f === abort ? { ...f, value: !f.value } : f));
  assert.notEqual(cell(table(flipped), 'cgo-static', 'abort'), cell(table(), 'cgo-static', 'abort'));
});

test('changing a recorded median changes the cell that shows it', () => {
  const empty = results.find((r) => r.name === 'Empty/purego')!;
  const slower = results.map((r) => (r === empty ? { ...r, nsPerOp: { ...r.nsPerOp, median: r.nsPerOp.median * 3 } } : r));
  assert.equal(cell(table(), 'purego', 'empty'), formatNs(empty.nsPerOp.median));
  assert.equal(cell(table(figures, slower), 'purego', 'empty'), formatNs(empty.nsPerOp.median * 3));
});

test('a missing or mistyped figure, or a missing benchmark, fails naming it', () => {
  assert.throws(() => table(figures.filter((f) => f.name !== 'ships-beside/process')), /test: no recorded figure "ships-beside\/process"/);
  assert.throws(() => table(figures.map((f) => (f.name === 'go-survives-panic/wazero' ? { ...f, value: 1 } : f))), /figure "go-survives-panic\/wazero" is 1 , expected a boolean/);
  assert.throws(
    () =>
      table(
        figures,
        results.filter((r) => r.name !== 'Process/size=16'),
      ),
    /no recorded benchmark "Process\/size=16"/,
  );
  assert.throws(() => table([], results), /no recorded figure "startup\/<crossing>"/);
});
