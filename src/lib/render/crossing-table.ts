/**
 * The decision table of the crossings example ("Choosing the crossing"), computed from its record: one row per
 * crossing, found in the recorded figures (`startup/<id>`), with its benchmarks named after it (`cgo-static` →
 * `CgoStatic/size=N`, `EmptyCgoStatic`). Nothing is typed: a missing figure or benchmark is an error naming it.
 */
import type { BenchmarkResult } from '../sources/results.ts';
import { formatNs } from './site-data.ts';

/** A figure as cmd/measure prints it and verify records it. */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
}

export interface CrossingRow {
  id: string;
  cells: Record<CrossingColumn, string>;
}

export const CROSSING_COLUMNS = {
  empty: 'Empty call',
  small: '16 B',
  large: '16 MiB',
  startup: 'Start-up to first answer',
  binary: 'Go binary',
  ships: 'Ships beside it',
  darwin: 'darwin/arm64 without cgo',
  panic: 'Rust panic',
  abort: 'Rust abort',
} as const;
export type CrossingColumn = keyof typeof CROSSING_COLUMNS;

/** `cgo-static` → `CgoStatic`: the Go benchmark name of a crossing. */
export const benchVariant = (id: string): string =>
  id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const BASELINE = 'go';

export function crossingTable(figures: readonly Figure[], results: readonly BenchmarkResult[], where: string): CrossingRow[] {
  const byName = new Map(figures.map((f) => [f.figure, f]));
  const figure = (name: string, unit: string): number => {
    const f = byName.get(name);
    if (!f) throw new Error(`${where}: no recorded figure "${name}"`);
    if (f.unit !== unit) throw new Error(`${where}: figure "${name}" is in ${f.unit}, expected ${unit}`);
    return f.value;
  };
  const bench = (name: string): BenchmarkResult => {
    const r = results.find((b) => b.name === name);
    if (!r) throw new Error(`${where}: no recorded benchmark "${name}"`);
    return r;
  };
  const ids = figures.filter((f) => f.figure.startsWith('startup/')).map((f) => f.figure.slice('startup/'.length));
  if (ids.length === 0) throw new Error(`${where}: no recorded figure "startup/<crossing>"`);
  return ids.map((id) => {
    const v = benchVariant(id);
    const crossing = id !== BASELINE;
    const large = bench(`${v}/size=16777216`);
    const ships = figure(`ships-beside/${id}`, 'B');
    return {
      id,
      cells: {
        empty: crossing ? formatNs(bench(`Empty${v}`).nsPerOp.median) : 'none',
        small: formatNs(bench(`${v}/size=16`).nsPerOp.median),
        large: large.mbPerSec === undefined ? formatNs(large.nsPerOp.median) : `${Math.round(large.mbPerSec).toLocaleString('en-US')} MB/s`,
        startup: formatNs(figure(`startup/${id}`, 'ns')),
        binary: mb(figure(`binary-size/${id}`, 'B')),
        ships: ships === 0 ? 'nothing' : mb(ships),
        darwin: figure(`builds-darwin-arm64-without-cgo/${id}`, 'bool') ? 'builds' : 'fails',
        panic: crossing ? (figure(`go-survives-panic/${id}`, 'bool') ? 'Go gets an error' : 'Go dies') : '—',
        abort: crossing ? (figure(`go-survives-abort/${id}`, 'bool') ? 'Go gets an error' : 'Go dies') : '—',
      },
    };
  });
}
