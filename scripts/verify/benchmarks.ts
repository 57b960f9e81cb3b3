/**
 * An example's benchmarks in one verify run: measured in record mode; under --check re-measured quickly, every claim
 * judged and every shown ratio held to the record; under --no-bench kept from a current record. A re-measurement that
 * agreed with this record, on this machine and these inputs, is not repeated (decision 160).
 */
import { BENCH_MODES, benchCommand, type BenchMode, type Command } from '../../src/lib/commands/commands.ts';
import type { Example } from '../../src/lib/sources/manifest.ts';
import { relative } from '../../src/lib/sources/paths.ts';
import { verifiedPath, type Verified } from '../../src/lib/sources/results.ts';
import { passedBefore, passedWhen, rememberPass } from './check-cache.ts';
import { StepFailure } from './example-steps.ts';
import { freshRatioProblem } from './record-checks.ts';

type Benchmarks = NonNullable<Verified['benchmarks']>;

export interface BenchRun {
  example: Example;
  recorded: Verified | null;
  hash: string;
  mode: { check: boolean; quick: boolean; noBench: boolean };
  /** Runs the benchmarks (ExampleRunner.bench, as a step). */
  run(mode: BenchMode): Promise<Benchmarks>;
  /** Under --check, the key under which a re-measurement that agreed with `record` is remembered. */
  agreed?(command: Command, record: Benchmarks): string | undefined;
  say(line: string): void;
}

export async function benchmarkExample({ example, recorded, hash, mode, run, agreed, say }: BenchRun): Promise<{ benchmarks: Verified['benchmarks']; problems: string[] }> {
  if (!example.manifest.benchmarks) return { benchmarks: null, problems: [] };
  if (mode.noBench) {
    if (mode.check || !recorded?.benchmarks) return { benchmarks: null, problems: [] };
    if (recorded.sourceHash !== hash) {
      throw new StepFailure(
        `${relative(verifiedPath(example.dir))}: the sources changed since the benchmarks were measured, so they cannot be kept\n  → run without --no-bench to measure them again`,
      );
    }
    return { benchmarks: recorded.benchmarks, problems: [] };
  }
  const benchMode = mode.check || mode.quick ? BENCH_MODES.check : BENCH_MODES.record;
  const key = mode.check && recorded?.benchmarks ? agreed?.(benchCommand(example, benchMode), recorded.benchmarks) : undefined;
  const before = key && passedBefore(key);
  if (before) {
    say(`  ✓ benchmarks (re-measured ${passedWhen(before)}: claims held and ratios agreed with this record, on this machine and these inputs: not repeated)`);
    return { benchmarks: recorded!.benchmarks, problems: [] };
  }
  const benchmarks = await run(benchMode);
  for (const c of benchmarks.claims) say(`    ${c.holds ? '✓' : '✗'} ${c.id}: ${c.ratio}× (needs ≥ ${c.by}×)`);
  const problems: string[] = [];
  const drift = mode.check && recorded ? freshRatioProblem(example, recorded, benchmarks) : undefined;
  if (drift) problems.push(drift);
  const broken = benchmarks.claims.filter((c) => !c.holds);
  if (broken.length) {
    problems.push(
      broken
        .map(
          (c) =>
            `${relative(example.dir)}/example.yaml: claim "${c.id}" does not hold on this machine: measured ${c.ratio}×, claimed ≥ ${c.by}×\n  "${c.says}"\n  → rerun to rule out noise; if it persists, the claim (and the guide citing it) must change`,
        )
        .join('\n'),
    );
  }
  if (key && !problems.length) rememberPass(key, `${example.slug} benchmarks`);
  return { benchmarks, problems };
}
