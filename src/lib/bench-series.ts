/**
 * Benchmarks named `Variant/param=value` (`Rust/size=1024`) read as series: one
 * per variant, over the values of a parameter. Self-contained (no imports), so
 * the StackBlitz analysis project ships this very file.
 */

export interface NamedMedian {
  name: string;
  nsPerOp: { median: number };
}

export function splitBenchName(name: string): { variant: string; param?: string; value?: number } {
  const m = /^([^/]+)\/(\w+)=(\d+)$/.exec(name);
  return m ? { variant: m[1]!, param: m[2]!, value: Number(m[3]) } : { variant: name };
}

export interface Series<T extends NamedMedian> {
  param: string;
  variants: string[];
  /** Sorted by value; a cell is missing where a variant was not measured at that value. */
  rows: { value: number; cells: Map<string, T> }[];
}

/** Groups results into one series table per parameter, and the results that have no parameter. */
export function toSeries<T extends NamedMedian>(results: readonly T[]): { tables: Series<T>[]; single: T[] } {
  const tables = new Map<string, Series<T>>();
  const single: T[] = [];
  for (const r of results) {
    const { variant, param, value } = splitBenchName(r.name);
    if (!param || value === undefined) {
      single.push(r);
      continue;
    }
    const t = tables.get(param) ?? { param, variants: [], rows: [] };
    tables.set(param, t);
    if (!t.variants.includes(variant)) t.variants.push(variant);
    let row = t.rows.find((x) => x.value === value);
    if (!row) t.rows.push((row = { value, cells: new Map() }));
    row.cells.set(variant, r);
  }
  for (const t of tables.values()) t.rows.sort((a, b) => a.value - b.value);
  return { tables: [...tables.values()], single };
}

export type Crossover =
  | { kind: 'always'; at: number }
  | { kind: 'never' }
  | { kind: 'from'; at: number; after: number }
  | { kind: 'unmeasured' };

/** The smallest measured value from which `to` is faster than `from` at that value and every larger one. */
export function crossover(results: readonly NamedMedian[], param: string, from: string, to: string): Crossover {
  const table = toSeries(results).tables.find((t) => t.param === param);
  const rows = (table?.rows ?? []).filter((r) => r.cells.has(from) && r.cells.has(to));
  if (rows.length === 0) return { kind: 'unmeasured' };
  const wins = rows.map((r) => r.cells.get(to)!.nsPerOp.median < r.cells.get(from)!.nsPerOp.median);
  const first = wins.lastIndexOf(false) + 1;
  if (first === 0) return { kind: 'always', at: rows[0]!.value };
  if (first === rows.length) return { kind: 'never' };
  return { kind: 'from', at: rows[first]!.value, after: rows[first - 1]!.value };
}
