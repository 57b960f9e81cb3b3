import path from 'node:path';
import {
  benchCommand,
  buildSteps,
  headerCommand,
  LANES,
  measureCommand,
  measureToolchainProbe,
  runCommand,
  shown,
  type BenchMode,
  type Command,
  type Lane,
} from '../../src/lib/commands/commands.ts';
import { parseFigures } from '../../src/lib/measure/figures.ts';
import { evaluateClaim } from '../../src/lib/measure/claims.ts';
import { parseGoBench } from '../../src/lib/measure/gobench.ts';
import { hashSources } from '../../src/lib/sources/hash.ts';
import type { Example, Measure } from '../../src/lib/sources/manifest.ts';
import { relative, rootDir } from '../../src/lib/sources/paths.ts';
import type { BenchmarkResult, MeasureResult, Verified } from '../../src/lib/sources/results.ts';
import { summarize } from '../../src/lib/measure/stats.ts';
import { ArtifactMissing, artifactDigests, linkEnv, processOptions } from '../lib/example-env.ts';
import { checkKey, type CheckInputs } from './check-cache.ts';
import { toolsDir } from '../lib/tools.ts';
import { exec, tail, type ProcessResult } from '../lib/process.ts';
import { failureExcerpt } from './compiler-output.ts';
import { firstErrors } from './first-errors.ts';

/** A step that failed: what failed, in which file, and what to do about it. */
export class StepFailure extends Error {}

/**
 * Where the first error starts in a lane's output, most telling first: a Go test failure or crash (before any Rust
 * panic message, which panic tests print on purpose); a compiler, clippy, Miri or go vet diagnostic, a cargo test
 * failure or a formatting diff; a Rust panic.
 */
const ERROR_START = [/^(--- FAIL: |panic: |fatal error: )/, /^(error(\[\w+\])?: |\S+\.go:\d+:\d+: |# |---- .+ stdout ----$|Diff in |diff )/, /^thread '.*' panicked at /];

/** Inputs outside an example's folder that shape its results. */
export const SHARED_INPUTS = [path.join(rootDir, 'rust-toolchain.toml')];

/** Runs `c`; a failure or timeout is a StepFailure naming `file`, what failed and `fix`. */
async function must(what: string, file: string, c: Command, env: NodeJS.ProcessEnv, fix: string): Promise<ProcessResult> {
  const r = await exec(c.cmd, c.args, processOptions(c, env));
  if (r.timedOut) throw new StepFailure(`${file}: ${what} timed out after ${Math.round(r.ms / 1000)} s (\`${shown(c)}\`)\n  → ${fix}`);
  if (r.code !== 0) {
    throw new StepFailure(
      `${file}: ${what} failed (\`${shown(c)}\` ${r.startError ? `could not start: ${r.startError}` : `exited ${r.code ?? r.signal}`})\n${failureExcerpt(r.stdout + r.stderr)}\n  → ${fix}`,
    );
  }
  return r;
}

export class ExampleRunner {
  private env: NodeJS.ProcessEnv;
  private digests: Record<string, string> = {};
  private hashed: string | undefined;

  constructor(
    readonly example: Example,
    baseEnv: NodeJS.ProcessEnv,
  ) {
    this.env = baseEnv;
  }

  private get label() {
    return relative(this.example.dir);
  }

  /** Builds every artifact the manifest names; Go commands after this link against them. */
  async buildRust(): Promise<void> {
    for (const c of buildSteps(this.example)) await must(`${c.cmd} ${c.args[0]}`, `${this.label}/rust`, c, this.env, 'fix the Rust compile error above');
    try {
      this.digests = artifactDigests(this.example);
      this.env = { ...this.env, ...linkEnv(this.example, this.digests) };
    } catch (e) {
      if (e instanceof ArtifactMissing) throw new StepFailure(e.message);
      throw e;
    }
  }

  /** cbindgen checks (or with `update`, rewrites) the header, for C ABI artifacts. */
  async checkHeader(update: boolean): Promise<void> {
    const c = headerCommand(this.example, toolsDir(), update ? 'update' : 'verify');
    if (!c) return;
    await must(
      update ? 'cbindgen' : 'header check',
      `${this.label}/${this.example.manifest.rust.header}`,
      c,
      this.env,
      update ? 'fix the cbindgen error above' : 'the header is not what cbindgen generates from the Rust source: run `npm run verify -- --update-headers` and commit the header',
    );
  }

  /**
   * Runs every command of a lane (both formatters report, not only the first); a failure names the example and the
   * lane and shows each command's first errors, with file:line.
   */
  async lane(lane: Lane, miri: string): Promise<void> {
    const spec = LANES[lane];
    const failed: string[] = [];
    for (const c of spec.commands(this.example, miri)) {
      const r = await exec(c.cmd, c.args, processOptions(c, this.env));
      const why = r.timedOut
        ? `timed out after ${Math.round(r.ms / 1000)} s`
        : r.code !== 0
          ? `exited ${r.code ?? r.signal}`
          : c.silentWhenGood && r.stdout.trim()
            ? 'reported'
            : null;
      if (!why) continue;
      const cwd = path.join(rootDir, c.dir);
      failed.push(`  \`${shown(c)}\` in ${c.dir} ${why}:\n${firstErrors(r.stdout + r.stderr, { cwd, start: ERROR_START, keep: /^-test\.shuffle \d+$/ })}`);
    }
    if (failed.length) throw new StepFailure(`${this.label}: the ${lane} lane failed\n${failed.join('\n')}\n  → ${spec.fix(this.example, miri)}`);
  }

  /** The key under which a passing check of this example, as built now, is remembered (scripts/verify/check-cache.ts). */
  checkKey(check: string, commands: readonly Command[], toolchains: string[], measuredAgainst?: CheckInputs['measuredAgainst']): string {
    const shownCommands = commands.map((c) => `${c.dir}: ${shown(c)}`);
    // The sources as this run found them, read once for all of the example's checks.
    this.hashed ??= this.sourceHash();
    return checkKey({ check, commands: shownCommands, sourceHash: this.hashed, artifacts: this.digests, toolchains, ...(measuredAgainst ? { measuredAgainst } : {}) });
  }

  laneKey(lane: Lane, miri: string, toolchains: string[]): string {
    return this.checkKey(`lane ${lane}`, LANES[lane].commands(this.example, miri), toolchains);
  }

  async runMain(): Promise<Verified['run']> {
    const run = runCommand(this.example);
    const where = `${this.label}/go/${this.example.manifest.go.main.replace(/^\.\//, '')}`;
    const r = await exec(run.cmd, run.args, processOptions(run, this.env));
    if (r.timedOut) throw new StepFailure(`${where}: did not finish within ${Math.round(r.ms / 60_000)} minutes`);
    if (r.code !== 0 && r.stdout === '') throw new StepFailure(`${where}: failed to run (exit ${r.code})\n${tail(r.stderr)}`);
    return { command: shown(run), output: r.stdout, exitCode: r.code ?? -1 };
  }

  async bench(mode: BenchMode): Promise<NonNullable<Verified['benchmarks']>> {
    const spec = this.example.manifest.benchmarks!;
    const c = benchCommand(this.example, mode);
    const r = await must('benchmarks', `${this.label}/go`, c, this.env, 'fix the failing benchmark above');
    const byName = new Map<string, ReturnType<typeof parseGoBench>>();
    for (const s of parseGoBench(r.stdout)) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
    if (byName.size === 0) throw new StepFailure(`${this.label}/go: \`${shown(c)}\` ran no benchmark\n  → fix benchmarks.pattern in example.yaml`);
    const last = <T>(xs: (T | undefined)[]) => xs.filter((x): x is T => x !== undefined).at(-1);
    const results: BenchmarkResult[] = [...byName].map(([name, samples]) => {
      const mbps = samples.map((s) => s.mbPerSec).filter((x): x is number => x !== undefined);
      return {
        name,
        nsPerOp: summarize(samples.map((s) => s.nsPerOp)),
        samples: samples.map((s) => s.nsPerOp),
        ...(mbps.length ? { mbPerSec: summarize(mbps).median, mbPerSecSamples: mbps } : {}),
        ...(last(samples.map((s) => s.bytesPerOp)) !== undefined ? { bytesPerOp: last(samples.map((s) => s.bytesPerOp)) } : {}),
        ...(last(samples.map((s) => s.allocsPerOp)) !== undefined ? { allocsPerOp: last(samples.map((s) => s.allocsPerOp)) } : {}),
      };
    });
    let claims;
    try {
      claims = spec.claims.map((c) => evaluateClaim(c, results));
    } catch (e) {
      throw new StepFailure(`${this.label}/example.yaml: ${(e as Error).message}\n  → name a benchmark that exists`);
    }
    return { command: shown(c), count: mode.count, benchtime: mode.benchtime, results, claims };
  }

  /** Runs a measure's program and reads the figures it prints; `mode` is what the program is told (HANDBOOK_MODE). */
  async measure(m: Measure, mode: 'record' | 'check'): Promise<MeasureResult> {
    const where = `${this.label}/example.yaml: measure "${m.id}"`;
    const probe = measureToolchainProbe(this.example, m);
    const version = await must(
      `${m.id}: toolchain`,
      where,
      probe,
      this.env,
      m.toolchain ? `install ${m.toolchain} (see docs/authoring.md, measures)` : 'install the project toolchains',
    );
    const c = measureCommand(this.example, m, mode);
    const r = await must(m.id, where, c, this.env, 'fix the program above: it must exit 0 (a crash it demonstrates belongs in a child process)');
    let figures;
    try {
      figures = parseFigures(r.stdout);
    } catch (e) {
      throw new StepFailure(`${where}: \`${shown(c)}\`: ${(e as Error).message}\n  → print one JSON object per figure: {"figure":"name","value":1.5,"unit":"ns"}`);
    }
    if (!figures.length) throw new StepFailure(`${where}: \`${shown(c)}\` printed no figure\n  → print one JSON line per figure: {"figure":"name","value":1.5,"unit":"ns"}`);
    return {
      id: m.id,
      command: shown(c),
      toolchain: version.stdout.trim().split('\n')[0]!,
      mode: mode === 'record' ? 'record' : 'quick',
      recordedAt: new Date().toISOString(),
      figures,
    };
  }

  sourceHash(): string {
    return hashSources(this.example.dir, SHARED_INPUTS);
  }
}
