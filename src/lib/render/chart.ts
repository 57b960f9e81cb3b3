import { crossover, toSeries, type NamedMedian } from '../measure/bench-series.ts';

/** Geometry for a chart of benchmark series: plain numbers, so the SVG is rendered at build time. */
export interface ChartPoint {
  x: number;
  y: { log: number; linear: number };
  value: number;
  ns: number;
}
export interface ChartModel {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  param: string;
  series: { variant: string; points: ChartPoint[] }[];
  xTicks: { x: number; value: number }[];
  yTicks: { log: { y: number; ns: number }[]; linear: { y: number; ns: number }[] };
  crossovers: { from: string; to: string; x: number; value: number }[];
}

const W = 640;
const H = 340;
const PLOT = { left: 76, right: W - 36, top: 16, bottom: H - 44 };

/** Lays out one parameter's series (x: the parameter on a log scale; y: ns/op on log and linear scales). */
export function chartModel(results: readonly NamedMedian[], param: string, pairs: readonly [string, string][] = []): ChartModel | null {
  const table = toSeries(results).tables.find((t) => t.param === param);
  if (!table || table.rows.length < 2) return null;
  const values = table.rows.map((r) => r.value);
  const all = table.rows.flatMap((r) => [...r.cells.values()].map((c) => c.nsPerOp.median));
  const [x0, x1] = [Math.log10(Math.min(...values)), Math.log10(Math.max(...values))];
  const [lo, hi] = [Math.floor(Math.log10(Math.min(...all))), Math.ceil(Math.log10(Math.max(...all)))];
  const linMax = niceCeil(Math.max(...all));
  const x = (v: number) => PLOT.left + ((Math.log10(v) - x0) / (x1 - x0 || 1)) * (PLOT.right - PLOT.left);
  const yLog = (ns: number) => PLOT.bottom - ((Math.log10(ns) - lo) / (hi - lo || 1)) * (PLOT.bottom - PLOT.top);
  const yLin = (ns: number) => PLOT.bottom - (ns / linMax) * (PLOT.bottom - PLOT.top);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    width: W,
    height: H,
    plot: PLOT,
    param,
    series: table.variants.map((variant) => ({
      variant,
      points: table.rows
        .filter((r) => r.cells.has(variant))
        .map((r) => {
          const ns = r.cells.get(variant)!.nsPerOp.median;
          return { x: round(x(r.value)), y: { log: round(yLog(ns)), linear: round(yLin(ns)) }, value: r.value, ns };
        }),
    })),
    xTicks: values.map((v) => ({ x: round(x(v)), value: v })),
    yTicks: {
      log: Array.from({ length: hi - lo + 1 }, (_, i) => ({ y: round(yLog(10 ** (lo + i))), ns: 10 ** (lo + i) })),
      linear: Array.from({ length: 5 }, (_, i) => ({ y: round(yLin((linMax * i) / 4)), ns: (linMax * i) / 4 })),
    },
    crossovers: pairs.flatMap(([from, to]) => {
      const c = crossover(results, param, from, to);
      return c.kind === 'from' ? [{ from, to, x: round((x(c.at) + x(c.after)) / 2), value: c.at }] : [];
    }),
  };
}

/** 1, 2 or 5 times a power of ten, at or above n. */
function niceCeil(n: number): number {
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= n)!;
}
