import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateClaim } from '../../src/lib/claims.ts';
import { parseGoBench } from '../../src/lib/gobench.ts';
import { hashSources } from '../../src/lib/hash.ts';
import type { Example } from '../../src/lib/manifest.ts';
import { examplesDir, relative, rootDir } from '../../src/lib/paths.ts';
import type { BenchmarkResult, Verified } from '../../src/lib/results.ts';
import { summarize } from '../../src/lib/stats.ts';
import { exec, tail, type ExecResult } from './exec.ts';

/** A step that failed: what failed, in which file, and what to do about it. */
export class StepFailure extends Error {}

/** Where verify installs its own tools (`cargo install --root`). */
export const TOOLS_DIR = path.join(rootDir, '.cache', 'tools');
export const CBINDGEN = path.join(TOOLS_DIR, 'bin', 'cbindgen');
/** Inputs outside an example's folder that shape its results. */
export const SHARED_INPUTS = [path.join(rootDir, 'rust-toolchain.toml')];

export interface BenchMode {
  count: number;
  benchtime: string;
}
export const QUICK: BenchMode = { count: 6, benchtime: '100ms' };
export const FULL: BenchMode = { count: 10, benchtime: '500ms' };

/** Environment for every Go and Cargo command: builds cached in the project's ignored folders, no toolchain downloads. */
export function buildEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOCACHE: path.join(rootDir, '.cache', 'go-build'),
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    CGO_ENABLED: '1',
    CARGO_TARGET_DIR: path.join(examplesDir, 'target'),
    CARGO_TERM_COLOR: 'never',
  };
}

/** A command the project runs for an example; verify and the local runner build them from the manifest alone. */
export interface Command {
  cmd: string;
  args: string[];
  cwd: string;
}

export const cargoBuild = (example: Example): Command => ({ cmd: 'cargo', args: ['build', '--release', '--locked', '-p', example.manifest.rust.crate], cwd: examplesDir });
export const goRun = (example: Example): Command => ({ cmd: 'go', args: ['run', example.manifest.go.main], cwd: path.join(example.dir, 'go') });
export function goBench(example: Example, mode: BenchMode): Command {
  const spec = example.manifest.benchmarks;
  if (!spec) throw new Error(`${example.slug} has no benchmarks`);
  return {
    cmd: 'go',
    args: ['test', '-run', '^$', '-bench', spec.pattern, '-benchmem', '-count', String(mode.count), '-benchtime', mode.benchtime, spec.package],
    cwd: path.join(example.dir, 'go'),
  };
}

/**
 * Go's build cache does not notice a changed static library; a define carrying
 * the library's hash makes cgo rebuild and relink. Call after `cargoBuild`.
 */
export function rustLibEnv(example: Example): NodeJS.ProcessEnv {
  const lib = path.join(examplesDir, 'target', 'release', `lib${example.manifest.rust.crate.replaceAll('-', '_')}.a`);
  if (!existsSync(lib)) throw new StepFailure(`${relative(example.dir)}/rust: cargo built no ${relative(lib)}\n  → set crate-type = ["staticlib", "rlib"] in rust/Cargo.toml`);
  const digest = createHash('sha256').update(readFileSync(lib)).digest('hex').slice(0, 16);
  return { CGO_CFLAGS: `-O2 -g -DHANDBOOK_RUST_LIB_${digest}`, ...example.manifest.go.env };
}

async function must(what: string, file: string, cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, fix: string, timeoutMs?: number): Promise<ExecResult> {
  const r = await exec(cmd, args, { cwd, env, timeoutMs });
  if (r.timedOut) throw new StepFailure(`${file}: ${what} timed out after ${Math.round(r.ms / 1000)} s (\`${cmd} ${args.join(' ')}\`)\n  → ${fix}`);
  if (r.code !== 0) {
    throw new StepFailure(`${file}: ${what} failed (\`${cmd} ${args.join(' ')}\` exited ${r.code ?? r.signal})\n${tail(r.stdout + r.stderr)}\n  → ${fix}`);
  }
  return r;
}

export class ExampleRunner {
  readonly goDir: string;
  readonly rustDir: string;
  private env: NodeJS.ProcessEnv;

  constructor(readonly example: Example, baseEnv: NodeJS.ProcessEnv) {
    this.goDir = path.join(example.dir, 'go');
    this.rustDir = path.join(example.dir, 'rust');
    this.env = baseEnv;
  }

  private get label() {
    return relative(this.example.dir);
  }

  async buildRust(): Promise<void> {
    const build = cargoBuild(this.example);
    await must('cargo build', `${this.label}/rust`, build.cmd, build.args, build.cwd, this.env, 'fix the Rust compile error above');
    this.env = { ...this.env, ...rustLibEnv(this.example) };
  }

  async checkHeader(update: boolean): Promise<void> {
    const { crate, header } = this.example.manifest.rust;
    if (header === undefined) return;
    const args = ['--config', 'cbindgen.toml', '--crate', crate, '--output', path.relative(this.rustDir, path.join(this.example.dir, header)), '--quiet'];
    await must(
      update ? 'cbindgen' : 'header check',
      `${this.label}/${header}`,
      CBINDGEN,
      update ? args : [...args, '--verify'],
      this.rustDir,
      this.env,
      update ? 'fix the cbindgen error above' : 'the header is not what cbindgen generates from the Rust source: run `npm run verify -- --update-headers` and commit the header',
    );
  }

  async testRust(): Promise<void> {
    await must('cargo test', `${this.label}/rust`, 'cargo', ['test', '--release', '--locked', '-p', this.example.manifest.rust.crate], examplesDir, this.env, 'fix the failing Rust test above');
  }

  async vetGo(): Promise<void> {
    await must('go vet', `${this.label}/go`, 'go', ['vet', './...'], this.goDir, this.env, 'fix what go vet reports above');
    const fmt = await must('gofmt', `${this.label}/go`, 'gofmt', ['-l', '.'], this.goDir, this.env, 'install Go');
    if (fmt.stdout.trim()) throw new StepFailure(`${this.label}/go: not gofmt-formatted:\n${tail(fmt.stdout)}\n  → run gofmt -w on those files`);
  }

  async testGo(): Promise<void> {
    await must('go test -race', `${this.label}/go`, 'go', ['test', '-race', '-count=1', './...'], this.goDir, this.env, 'fix the failing Go test above', 8 * 60_000);
  }

  async runMain(): Promise<Verified['run']> {
    const { main } = this.example.manifest.go;
    const run = goRun(this.example);
    const r = await exec(run.cmd, run.args, { cwd: run.cwd, env: this.env, timeoutMs: 5 * 60_000 });
    if (r.timedOut) throw new StepFailure(`${this.label}/go/${main}: did not finish within 5 minutes`);
    if (r.code !== 0 && r.stdout === '') throw new StepFailure(`${this.label}/go/${main}: failed to run (exit ${r.code})\n${tail(r.stderr)}`);
    return { command: `go run ${main}`, output: r.stdout, exitCode: r.code ?? -1 };
  }

  async bench(mode: BenchMode): Promise<NonNullable<Verified['benchmarks']>> {
    const spec = this.example.manifest.benchmarks!;
    const { cmd, args, cwd } = goBench(this.example, mode);
    const r = await must('benchmarks', `${this.label}/go`, cmd, args, cwd, this.env, 'fix the failing benchmark above', 20 * 60_000);
    const byName = new Map<string, ReturnType<typeof parseGoBench>>();
    for (const s of parseGoBench(r.stdout)) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
    if (byName.size === 0) throw new StepFailure(`${this.label}/go: \`go test -bench ${spec.pattern}\` ran no benchmark\n  → fix benchmarks.pattern in example.yaml`);
    const last = <T>(xs: (T | undefined)[]) => xs.filter((x): x is T => x !== undefined).at(-1);
    const results: BenchmarkResult[] = [...byName].map(([name, samples]) => {
      const mbps = samples.map((s) => s.mbPerSec).filter((x): x is number => x !== undefined);
      return {
        name,
        nsPerOp: summarize(samples.map((s) => s.nsPerOp)),
        samples: samples.map((s) => s.nsPerOp),
        ...(mbps.length ? { mbPerSec: summarize(mbps).median } : {}),
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
    return { command: `${cmd} ${args.join(' ')}`, count: mode.count, benchtime: mode.benchtime, results, claims };
  }

  sourceHash(): string {
    return hashSources(this.example.dir, SHARED_INPUTS);
  }
}
