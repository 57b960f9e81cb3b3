import type { BenchmarkResult } from '../sources/results.ts';

/** The cost model behind "should we cross?", from one example's recorded benchmarks. */
export interface CrossingModel {
  /** Median cost of one empty call into Rust. */
  overheadNs: number;
  /** Time per byte of the kernel, in Go and in Rust (through cgo), at the largest size measured for both. */
  goNsPerByte: number;
  rustNsPerByte: number;
  /** Bytes per call from which one call into Rust costs less than doing the work in Go (Infinity if never). */
  breakEvenBytes: number;
  measuredAt: number;
}

export function crossingModel(results: readonly BenchmarkResult[], go = 'Go', rust = 'Rust', empty = 'EmptyCall'): CrossingModel {
  const median = (name: string) => results.find((r) => r.name === name)?.nsPerOp.median;
  const overheadNs = median(empty);
  if (overheadNs === undefined) throw new Error(`no "${empty}" benchmark to measure the call overhead`);
  const sizes = results
    .map((r) => /^(\w+)\/size=(\d+)$/.exec(r.name))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === go)
    .map((m) => Number(m[2]))
    .filter((n) => median(`${rust}/size=${n}`) !== undefined);
  if (sizes.length === 0) throw new Error(`no size measured for both ${go} and ${rust}`);
  const size = Math.max(...sizes);
  const goNsPerByte = median(`${go}/size=${size}`)! / size;
  // The large-input Rust time still contains one call; take it out to get the kernel's own rate.
  const rustNsPerByte = Math.max(median(`${rust}/size=${size}`)! - overheadNs, 0) / size;
  const saving = goNsPerByte - rustNsPerByte;
  return { overheadNs, goNsPerByte, rustNsPerByte, breakEvenBytes: saving > 0 ? overheadNs / saving : Infinity, measuredAt: size };
}

export interface Estimate {
  goNs: number;
  rustNs: number;
  /** CPU cores' worth of time saved (negative: lost) at the given call rate. */
  coresSaved: number;
}

/** What an estimate needs: the page sends only these to the browser. */
export type CallCosts = Pick<CrossingModel, 'overheadNs' | 'goNsPerByte' | 'rustNsPerByte'>;

/** Time per call in each language, and what crossing saves at `callsPerSecond`. */
export function estimate(m: CallCosts, bytesPerCall: number, callsPerSecond: number): Estimate {
  const goNs = bytesPerCall * m.goNsPerByte;
  const rustNs = m.overheadNs + bytesPerCall * m.rustNsPerByte;
  return { goNs, rustNs, coresSaved: ((goNs - rustNs) * callsPerSecond) / 1e9 };
}
