import type { Claim } from '../sources/manifest.ts';
import type { BenchmarkResult, ClaimResult } from '../sources/results.ts';

/**
 * Judges a ratio claim on medians measured in one run: the claim holds when
 * median(than) / median(faster) ≥ by. Naming a benchmark that was not measured
 * is an error, never a silent pass.
 */
export function evaluateClaim(claim: Claim, results: readonly BenchmarkResult[]): ClaimResult {
  const find = (name: string) => {
    const r = results.find((b) => b.name === name);
    if (!r) {
      const known = results.map((b) => b.name).join(', ') || 'none';
      throw new Error(`claim "${claim.id}" names benchmark "${name}", which was not measured (measured: ${known})`);
    }
    return r.nsPerOp.median;
  };
  const ratio = find(claim.than) / find(claim.faster);
  return { id: claim.id, says: claim.says, ratio: round(ratio), by: claim.by, holds: ratio >= claim.by };
}

const round = (x: number): number => Math.round(x * 100) / 100;
