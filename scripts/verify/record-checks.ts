/** What `verify --check` holds a recorded verified.json to, besides the outputs: its freshness and its figures. */
import type { Example } from '../../src/lib/sources/manifest.ts';
import { relative } from '../../src/lib/sources/paths.ts';
import { driftedRatios, formatRatio, inconsistentFigures, RATIO_TOLERANCE } from '../../src/lib/measure/record-checks.ts';
import { toolchainDrift, verifiedPath, type Verified } from '../../src/lib/sources/results.ts';
import { StepFailure } from './example-steps.ts';

const recordFile = (example: Example) => relative(verifiedPath(example.dir));
const rerecord = (example: Example) => `run \`npm run verify -- --example ${example.slug}\` and commit verified.json`;

/**
 * Why the record no longer describes the example (never recorded, sources changed, other toolchains), or undefined.
 * The caller still builds and tests the example, so a real failure in changed sources is reported before this.
 */
export function staleness(example: Example, recorded: Verified | null, hash: string, toolchains: Verified['toolchains']): string | undefined {
  const file = recordFile(example);
  if (!recorded) return `${file}: missing: ${example.slug} was never recorded\n  → ${rerecord(example)}`;
  if (recorded.sourceHash !== hash) {
    return `${file}: stale: the sources of ${example.slug} changed since its results were recorded (${recorded.sourceHash.slice(7, 19)} → ${hash.slice(7, 19)})\n  → ${rerecord(example)}`;
  }
  const drift = toolchainDrift(recorded.toolchains, toolchains);
  if (drift.length) {
    return `${file}: stale: measured with other toolchains than this machine's\n  ${drift.join('\n  ')}\n  → run \`npm run verify -- --example ${example.slug}\` with the project's toolchains and commit verified.json`;
  }
  return undefined;
}

/** Fails when a recorded median, interval, MB/s or claim is not what the record's own samples give. */
export function checkRecordedFigures(example: Example, recorded: Verified): void {
  if (!recorded.benchmarks) return;
  const problems = inconsistentFigures(recorded.benchmarks, example.manifest.benchmarks?.claims ?? []);
  if (problems.length) {
    throw new StepFailure(
      `${recordFile(example)}: figures that its own samples do not give (edited by hand, or written by an older verify)\n  ${problems.join('\n  ')}\n  → ${rerecord(example)}`,
    );
  }
}

/** A message naming every shown ratio the fresh benchmarks contradict by more than RATIO_TOLERANCE, or undefined. */
export function freshRatioProblem(example: Example, recorded: Verified, fresh: NonNullable<Verified['benchmarks']>): string | undefined {
  if (!recorded.benchmarks) return undefined;
  const wider = example.manifest.benchmarks?.ratioTolerance ?? {};
  const drifts = driftedRatios(recorded.benchmarks, fresh, RATIO_TOLERANCE, wider);
  if (!drifts.length) return undefined;
  const lines = drifts.map((d) => `${d.figure}: recorded ${formatRatio(d.recorded)}, this run ${formatRatio(d.fresh)}`);
  const except = Object.entries(wider)
    .map(([v, t]) => `, ${t}× with ${v}`)
    .join('');
  return `${recordFile(example)}: ratios that this run contradicts by more than ${RATIO_TOLERANCE}× either way${except}\n  ${lines.join('\n  ')}\n  → rerun to rule out noise; if it persists, ${rerecord(example)}`;
}
