/**
 * An example's `measures` in one verify run: recorded (every one, or with unchanged sources only those that re-run),
 * or under --check re-run where `rerun` and held to the record (src/lib/measure/figures.ts). Under --no-bench they
 * are kept from a current record, like benchmarks.
 */
import { figureDrift } from '../../src/lib/measure/figures.ts';
import type { Example, Measure } from '../../src/lib/sources/manifest.ts';
import { relative } from '../../src/lib/sources/paths.ts';
import { verifiedPath, type MeasureResult, type Verified } from '../../src/lib/sources/results.ts';
import { StepFailure } from './example-steps.ts';
import { passedBefore, passedWhen, rememberPass } from './check-cache.ts';

export interface MeasureRun {
  example: Example;
  recorded: Verified | null;
  /** The example's source hash now: figures recorded for other sources are never kept. */
  hash: string;
  mode: { check: boolean; quick: boolean; noBench: boolean; remeasure: boolean };
  /** Runs one measure's program (ExampleRunner.measure, as a step named `label`). */
  run(m: Measure, label: string, mode: 'record' | 'check'): Promise<MeasureResult>;
  /** Under --check, the key under which a re-run that agreed with `old` is remembered (scripts/verify/check-cache.ts). */
  agreed?(m: Measure, old: MeasureResult): string | undefined;
  say(line: string): void;
}

/** The measures to record, and what the record no longer agrees with (reported, not thrown, like a drifted ratio). */
export async function measureExample({ example, recorded, hash, mode, run, agreed, say }: MeasureRun): Promise<{ measures: MeasureResult[]; problems: string[] }> {
  const wanted = example.manifest.measures;
  const file = relative(verifiedPath(example.dir));
  const rerecord = `run \`npm run verify -- --example ${example.slug}\` and commit verified.json`;
  const kept = (id: string) => (recorded?.sourceHash === hash ? recorded.measures.find((r) => r.id === id) : undefined);
  if (mode.noBench) {
    if (mode.check) return { measures: [], problems: [] };
    const lost = wanted.filter((m) => !kept(m.id));
    if (lost.length)
      throw new StepFailure(`${file}: measures ${lost.map((m) => `"${m.id}"`).join(', ')} are not recorded for these sources\n  → run without --no-bench to measure them`);
    return { measures: wanted.map((m) => kept(m.id)!), problems: [] };
  }
  const problems: string[] = [];
  const gone = mode.check ? (recorded?.measures ?? []).filter((r) => !wanted.some((m) => m.id === r.id)) : [];
  if (gone.length) problems.push(`${file}: records measures ${gone.map((r) => `"${r.id}"`).join(', ')}, which example.yaml no longer has\n  → ${rerecord}`);
  const measures: MeasureResult[] = [];
  for (const m of wanted) {
    const old = kept(m.id);
    const label = `measure ${m.id}${m.toolchain ? ` on ${m.toolchain}` : ''}`;
    if (!m.rerun && (mode.check || (old && !mode.remeasure))) {
      if (!old) {
        throw new StepFailure(
          `${file}: measure "${m.id}" (recorded only: \`rerun: false\`) is not recorded for these sources\n  → run \`npm run verify -- --example ${example.slug} --remeasure\` where ${m.toolchain ?? 'its tools'} can run`,
        );
      }
      say(`  · ${label}: kept from ${old.recordedAt.slice(0, 10)} (${old.toolchain})`);
      measures.push(old);
      continue;
    }
    const key = mode.check && old ? agreed?.(m, old) : undefined;
    const before = key && passedBefore(key);
    if (before) {
      say(`  ✓ ${label} (re-run ${passedWhen(before)}: agreed with this record, on this machine and these inputs: not repeated)`);
      measures.push(old!);
      continue;
    }
    const fresh = await run(m, label, mode.check || mode.quick ? 'check' : 'record');
    if (mode.check) {
      const drift = old ? figureDrift(old.figures, fresh.figures, m.tolerance) : ['never recorded'];
      if (key && !drift.length) rememberPass(key, `${example.slug} measure ${m.id}`);
      if (drift.length)
        problems.push(`${file}: measure "${m.id}": this run contradicts the record\n  ${drift.join('\n  ')}\n  → rerun to rule out noise; if it persists, ${rerecord}`);
    }
    measures.push(fresh);
  }
  return { measures, problems };
}
