/**
 * Benchmarks named `Variant/param=value` (`Rust/size=1024`) read as series: one
 * per variant, over the values of a parameter. Self-contained (no imports), so
 * the StackBlitz analysis project ships this very file.
 */

export interface NamedMedian {
  name: string;
  /** The median, and where recorded its 95% confidence interval. */
  nsPerOp: { median: number; low?: number; high?: number };
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
  /** `level`: at `after`, neither variant was clearly faster. */
  | { kind: 'from'; at: number; after: number; level: boolean }
  | { kind: 'unmeasured' };

/**
 * `a` is clearly faster than `b`: its whole 95% interval lies below b's, the test under which benchstat stops printing `~`.
 * Without intervals, the medians decide.
 */
function clearlyFaster(a: NamedMedian['nsPerOp'], b: NamedMedian['nsPerOp']): boolean {
  return a.high !== undefined && b.low !== undefined ? a.high < b.low : a.median < b.median;
}

/** The smallest measured value from which `to` is clearly faster than `from` at that value and every larger one. */
export function crossover(results: readonly NamedMedian[], param: string, from: string, to: string): Crossover {
  const table = toSeries(results).tables.find((t) => t.param === param);
  const rows = (table?.rows ?? []).filter((r) => r.cells.has(from) && r.cells.has(to));
  if (rows.length === 0) return { kind: 'unmeasured' };
  const ns = (r: (typeof rows)[number], v: string) => r.cells.get(v)!.nsPerOp;
  const wins = rows.map((r) => clearlyFaster(ns(r, to), ns(r, from)));
  const first = wins.lastIndexOf(false) + 1;
  if (first === 0) return { kind: 'always', at: rows[0]!.value };
  if (first === rows.length) return { kind: 'never' };
  const before = rows[first - 1]!;
  return { kind: 'from', at: rows[first]!.value, after: before.value, level: !clearlyFaster(ns(before, from), ns(before, to)) };
}
