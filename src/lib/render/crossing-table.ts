/**
 * The decision table of "Choosing the crossing", computed from a record: one column per crossing found among a
 * measure's figures (`startup/<id>`), with the benchmarks named after it (`cgo-static` → `CgoStatic/size=N`,
 * `Empty/cgo-static`). Nothing is typed: a missing figure or benchmark is an error naming it. Pure: no Astro.
 */
import type { Figure } from '../measure/figures.ts';
import type { BenchmarkResult } from '../sources/results.ts';
import { formatFigure, formatNs } from './format.ts';

export const CROSSING_ROWS = {
  empty: 'Empty call',
  small: '16 B',
  large: '16 MiB',
  startup: 'Start-up to first answer',
  binary: 'Go binary',
  ships: 'Ships beside it',
  darwin: 'darwin/arm64, CGO_ENABLED=0',
  panic: 'Rust panics',
  abort: 'Rust aborts',
} as const;
export type CrossingRow = keyof typeof CROSSING_ROWS;

export interface CrossingColumn {
  id: string;
  cells: Record<CrossingRow, string>;
}

/** `cgo-static` → `CgoStatic`: the Go benchmark variant of a crossing. */
export const benchVariant = (id: string): string =>
  id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** A number and its unit on one line (`2.33 MiB`, not `2.33` over `MiB`) in the table's narrow columns. */
const together = (text: string) => text.replaceAll(' ', '\u00a0');

/** The reference column: the pure Go kernel, which crosses nothing. */
const BASELINE = 'go';

export function crossingTable(figures: readonly Figure[], results: readonly BenchmarkResult[], where: string): CrossingColumn[] {
  const figure = (name: string, type: 'number' | 'boolean', unit?: string): Figure => {
    const f = figures.find((x) => x.name === name);
    if (!f) throw new Error(`${where}: no recorded figure "${name}"`);
    if (typeof f.value !== type || f.unit !== unit) throw new Error(`${where}: figure "${name}" is ${JSON.stringify(f.value)} ${f.unit ?? ''}, expected a ${type} ${unit ?? ''}`);
    return f;
  };
  const yes = (name: string) => figure(name, 'boolean').value === true;
  const bench = (name: string): BenchmarkResult => {
    const r = results.find((b) => b.name === name);
    if (!r) throw new Error(`${where}: no recorded benchmark "${name}"`);
    return r;
  };
  const ids = figures.filter((f) => f.name.startsWith('startup/')).map((f) => f.name.slice('startup/'.length));
  if (ids.length === 0) throw new Error(`${where}: no recorded figure "startup/<crossing>"`);
  return ids.map((id) => {
    const v = benchVariant(id);
    const crossing = id !== BASELINE;
    const large = bench(`${v}/size=16777216`);
    const ships = figure(`ships-beside/${id}`, 'number', 'bytes');
    const survives = (how: string) => (yes(`go-survives-${how}/${id}`) ? 'Go gets an error' : 'Go dies');
    return {
      id,
      cells: {
        empty: crossing ? together(formatNs(bench(`Empty/${id}`).nsPerOp.median)) : 'none',
        small: together(formatNs(bench(`${v}/size=16`).nsPerOp.median)),
        large: together(large.mbPerSec === undefined ? formatNs(large.nsPerOp.median) : `${Math.round(large.mbPerSec).toLocaleString('en-US')} MB/s`),
        startup: together(formatFigure(figure(`startup/${id}`, 'number', 'ns'))),
        binary: together(formatFigure(figure(`binary-size/${id}`, 'number', 'bytes'))),
        ships: ships.value === 0 ? 'nothing' : together(formatFigure(ships)),
        darwin: yes(`builds-darwin-arm64-without-cgo/${id}`) ? 'builds' : 'fails',
        panic: crossing ? survives('panic') : '–',
        abort: crossing ? survives('abort') : '–',
      },
    };
  });
}
