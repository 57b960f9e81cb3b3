/**
 * Checks of the figures in a verified.json: against its own samples (every median, interval, MB/s and claim must be
 * what the samples give) and against a fresh run (every ratio a page shows must still be roughly what it says).
 */
import { splitBenchName, toSeries } from './bench-series.ts';
import { evaluateClaim } from './claims.ts';
import type { Claim } from '../sources/manifest.ts';
import type { Verified } from '../sources/results.ts';
import { median, summarize } from './stats.ts';

type Benchmarks = NonNullable<Verified['benchmarks']>;

/** Equal up to float rounding: the record is written with JSON.stringify, which round-trips doubles exactly. */
const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);

/**
 * Every figure of `bench` that its recorded samples (and the manifest's claims) do not give, one message each:
 * `figure: recorded X, the samples give Y`. An empty list means the record is self-consistent.
 */
export function inconsistentFigures(bench: Benchmarks, claims: readonly Claim[]): string[] {
  const problems: string[] = [];
  const differs = (figure: string, recorded: unknown, computed: unknown) => {
    const equal = typeof recorded === 'number' && typeof computed === 'number' ? same(recorded, computed) : recorded === computed;
    if (!equal) problems.push(`${figure}: recorded ${String(recorded)}, the recorded samples give ${String(computed)}`);
  };
  const unbacked: string[] = [];
  for (const r of bench.results) {
    const at = `benchmark "${r.name}"`;
    if (r.samples.length !== bench.count) problems.push(`${at}: ${r.samples.length} samples recorded from a run with -count ${bench.count}`);
    if (r.samples.length === 0) continue;
    const s = summarize(r.samples);
    for (const k of ['median', 'low', 'high', 'samples'] as const) differs(`${at}: nsPerOp.${k}`, r.nsPerOp[k], s[k]);
    if (r.mbPerSecSamples?.length) {
      if (r.mbPerSecSamples.length !== r.samples.length) problems.push(`${at}: ${r.mbPerSecSamples.length} MB/s samples for ${r.samples.length} ns/op samples`);
      differs(`${at}: mbPerSec`, r.mbPerSec, median(r.mbPerSecSamples));
    } else if (r.mbPerSec !== undefined) unbacked.push(r.name);
  }
  if (unbacked.length) problems.push(`mbPerSec of ${unbacked.length} benchmarks (${unbacked.slice(0, 3).join(', ')}…) recorded without the MB/s samples it is the median of`);
  // Claims judged on the samples' medians, so an edited median is reported once, as itself.
  const fromSamples = bench.results.map((r) => (r.samples.length ? { ...r, nsPerOp: summarize(r.samples) } : r));
  const recorded = new Map(bench.claims.map((c) => [c.id, c]));
  for (const claim of claims) {
    const r = recorded.get(claim.id);
    recorded.delete(claim.id);
    if (!r) {
      problems.push(`claim "${claim.id}": stated in example.yaml but not recorded`);
      continue;
    }
    let expected;
    try {
      expected = evaluateClaim(claim, fromSamples);
    } catch (e) {
      problems.push((e as Error).message);
      continue;
    }
    for (const k of ['ratio', 'by', 'holds', 'says'] as const) differs(`claim "${claim.id}": ${k}`, r[k], expected[k]);
  }
  for (const id of recorded.keys()) problems.push(`claim "${id}": recorded but not stated in example.yaml`);
  return problems;
}

/**
 * The ratios a page shows, by name: every claim's ratio (`<ClaimResult>`), and every pair of variants measured at the
 * same parameter value (`<BenchTable>` and `<BenchChart>` put them side by side, `<Crossover>` is decided by them).
 */
export function shownRatios(bench: Pick<Benchmarks, 'results' | 'claims'>): Map<string, number> {
  const ratios = new Map<string, number>(bench.claims.map((c) => [`claim "${c.id}"`, c.ratio]));
  for (const t of toSeries(bench.results).tables) {
    for (const row of t.rows) {
      const cells = [...row.cells.values()];
      cells.forEach((a, i) => cells.slice(i + 1).forEach((b) => ratios.set(`${a.name} ÷ ${b.name}`, a.nsPerOp.median / b.nsPerOp.median)));
    }
  }
  return ratios;
}

/**
 * How far a fresh quick run may move a shown ratio before the record is called wrong: a factor of 3 either way.
 * Under a full machine, quick runs moved these ratios by up to 2.6× (docs/decisions.md, 64).
 */
export const RATIO_TOLERANCE = 3;

export interface RatioDrift {
  figure: string;
  recorded: number;
  fresh: number;
}

/**
 * The shown ratios of `recorded` that the fresh run does not confirm within `tolerance`, or did not measure at all. A
 * ratio with a variant named in `wider` (the manifest's `benchmarks.ratioTolerance`) may move as far as that allows.
 */
export function driftedRatios(
  recorded: Pick<Benchmarks, 'results' | 'claims'>,
  fresh: Pick<Benchmarks, 'results' | 'claims'>,
  tolerance = RATIO_TOLERANCE,
  wider: Readonly<Record<string, number>> = {},
): RatioDrift[] {
  const now = shownRatios(fresh);
  const drifts: RatioDrift[] = [];
  for (const [figure, was] of shownRatios(recorded)) {
    const is = now.get(figure) ?? Number.NaN;
    const factor = is / was;
    const variants = figure.split(' ÷ ').map((name) => splitBenchName(name).variant);
    const allowed = Math.max(tolerance, ...variants.map((v) => wider[v] ?? 0));
    if (!(factor <= allowed && factor >= 1 / allowed)) drifts.push({ figure, recorded: was, fresh: is });
  }
  return drifts;
}

/** A ratio as a page would print it: `4.8×`, with enough digits for small ones. */
export const formatRatio = (x: number): string => (Number.isNaN(x) ? 'not measured' : `${x.toPrecision(3)}×`);
