/**
 * Every command the project runs for an example, derived from its manifest: the environment, the Rust build
 * (one row per artifact kind, src/lib/commands/artifact-kinds.ts), the header check, the lanes of tests, the run, the
 * benchmarks, the toolchain probes, and the text shown to readers. verify, the local runner, the example page
 * and the StackBlitz README all read it, so what a reader is told to type is what verify runs.
 *
 * Pure TypeScript (no Node imports): it describes commands; scripts/lib/process.ts runs them.
 * The bar (tests/unit/layering.test.ts): no `go` or `cargo` command line outside this file.
 */
import { ARTIFACT_KINDS, type ArtifactKind, type ArtifactKindName } from './artifact-kinds.ts';
import type { Example, Measure } from '../sources/manifest.ts';

/** A program and its arguments (never run through a shell), where and how it runs. */
export interface Command {
  cmd: string;
  args: string[];
  /** Working directory, relative to the repository root, with forward slashes. */
  dir: string;
  /** Variables on top of the build environment. */
  env?: Record<string, string>;
  /** Runs against the built artifacts: needs `artifactEnv` (Go commands). */
  links?: true;
  timeoutMs?: number;
  /** Fails when it prints anything on stdout, even with exit status 0 (a formatter's diff). */
  silentWhenGood?: true;
}

const EXAMPLES = 'examples';
const TARGET = `${EXAMPLES}/target`;
const goDir = (e: Example) => `${EXAMPLES}/${e.slug}/go`;
const rustDir = (e: Example) => `${EXAMPLES}/${e.slug}/rust`;
const crate = (e: Example) => e.manifest.rust.crate;
/** `-p` for the crate and each crate it lists under `also`: what the fmt, clippy and cargo-test lanes check. */
const crates = (e: Example) => [crate(e), ...e.manifest.rust.also].flatMap((c) => ['-p', c]);

/** Environment for every Go and Cargo command, given the repository root: builds cached in the project's ignored folders, no toolchain downloads. */
export function buildEnv(root: string): Record<string, string> {
  return {
    GOCACHE: `${root}/.cache/go-build`,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    CGO_ENABLED: '1',
    CARGO_TARGET_DIR: `${root}/${TARGET}`,
    CARGO_TERM_COLOR: 'never',
  };
}

/** One artifact of an example, resolved from its manifest entry and its kind's row. */
export interface BuiltArtifact {
  kind: ArtifactKindName;
  /** The file cargo writes, relative to the repository root. */
  file: string;
  build: Command;
  relink: boolean;
  /** The variable that hands Go the file's absolute path, if the kind needs one. */
  pathEnv?: string;
  /** What to change when cargo built no such file. */
  missing: string;
}

const fill = (template: string, e: Example, name: string | undefined) => template.replaceAll('{lib}', crate(e).replaceAll('-', '_')).replaceAll('{bin}', name ?? crate(e));

export function artifacts(e: Example): BuiltArtifact[] {
  return e.manifest.rust.artifacts.map((a) => {
    const kind: ArtifactKind = ARTIFACT_KINDS[a.kind];
    const target = kind.target === undefined ? [] : ['--target', kind.target];
    const pathEnv = a.env ?? kind.pathEnv;
    return {
      kind: a.kind,
      file: `${TARGET}/${kind.target === undefined ? '' : `${kind.target}/`}release/${fill(kind.file, e, a.name)}`,
      build: { cmd: 'cargo', args: ['build', '--release', '--locked', '-p', crate(e), ...target, ...kind.select.map((s) => fill(s, e, a.name))], dir: EXAMPLES },
      relink: kind.relink,
      missing: kind.missing,
      ...(pathEnv === undefined ? {} : { pathEnv }),
    };
  });
}

const line = (c: Command) => `${c.dir}\0${c.cmd} ${c.args.join(' ')}`;

/** The Rust builds, in manifest order, each once (a staticlib and a cdylib of one crate are one `cargo build --lib`). */
export function buildSteps(e: Example): Command[] {
  const seen = new Set<string>();
  return artifacts(e)
    .map((a) => a.build)
    .filter((c) => !seen.has(line(c)) && seen.add(line(c)));
}

/**
 * The environment Go commands need once the artifacts are built: the example's own `go.env`, each run-time
 * artifact's absolute path, and a define per linked artifact carrying its digest (`digests[file]`, computed by
 * whoever can read the file), so Go relinks when the library changes.
 */
export function artifactEnv(e: Example, root: string, digests: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  const defines: string[] = [];
  for (const a of artifacts(e)) {
    if (a.pathEnv !== undefined) env[a.pathEnv] = `${root}/${a.file}`;
    if (!a.relink) continue;
    const digest = digests[a.file];
    if (digest === undefined) throw new Error(`no digest of ${a.file}: build it first`);
    defines.push(`-DHANDBOOK_RUST_LIB_${digest}`);
  }
  if (defines.length) env.CGO_CFLAGS = ['-O2 -g', ...defines].join(' ');
  return { ...env, ...e.manifest.go.env };
}

/**
 * Tools verify installs with `cargo install`, each at a pinned version in a folder of its own under the machine's tools
 * folder (scripts/lib/tools.ts), so every clone on a machine shares one build and a new version installs beside the old.
 */
export const TOOLS = {
  cbindgen: { crate: 'cbindgen', version: '0.29.4', bin: 'cbindgen' },
  // For measures that name them (`tools` in example.yaml): boundary-security's fuzzing hunts and supply-chain checks.
  'cargo-fuzz': { crate: 'cargo-fuzz', version: '0.13.1', bin: 'cargo-fuzz' },
  'cargo-deny': { crate: 'cargo-deny', version: '0.18.4', bin: 'cargo-deny' },
} as const;
export type ToolName = keyof typeof TOOLS;
export const TOOL_NAMES = Object.keys(TOOLS) as [ToolName, ...ToolName[]];
export type Tool = (typeof TOOLS)[keyof typeof TOOLS];
const toolRoot = (toolsDir: string, t: Tool) => `${toolsDir}/${t.crate}-${t.version}`;
export const toolPath = (toolsDir: string, t: Tool): string => `${toolRoot(toolsDir, t)}/bin/${t.bin}`;
export const installTool = (toolsDir: string, t: Tool): Command => ({
  cmd: 'cargo',
  args: ['install', `${t.crate}@${t.version}`, '--locked', '--root', toolRoot(toolsDir, t)],
  dir: '.',
  timeoutMs: 15 * 60_000,
});

/** cbindgen writes (or with `verify`, checks) the header, for examples whose artifacts have a C ABI. */
export function headerCommand(e: Example, toolsDir: string, mode: 'update' | 'verify'): Command | undefined {
  const { header } = e.manifest.rust;
  if (header === undefined || !e.manifest.rust.artifacts.some((a) => ARTIFACT_KINDS[a.kind].header)) return undefined;
  const out = header.replace(/^rust\//, '');
  const args = ['--config', 'cbindgen.toml', '--crate', crate(e), '--output', header.startsWith('rust/') ? out : `../${header}`, '--quiet'];
  return { cmd: toolPath(toolsDir, TOOLS.cbindgen), args: mode === 'verify' ? [...args, '--verify'] : args, dir: rustDir(e) };
}

/** The example's command, as `go run` runs it. */
export const runCommand = (e: Example): Command => ({ cmd: 'go', args: ['run', e.manifest.go.main], dir: goDir(e), links: true, timeoutMs: 5 * 60_000 });

/** How long and how often benchmarks run: `record` writes verified.json, `check` is CI's quick re-measure, `runner` a reader's button. */
export const BENCH_MODES = {
  record: { count: 10, benchtime: '500ms' },
  check: { count: 6, benchtime: '100ms' },
  runner: { count: 1, benchtime: '100ms' },
} as const;
export type BenchMode = (typeof BENCH_MODES)[keyof typeof BENCH_MODES];

export function benchCommand(e: Example, mode: BenchMode): Command {
  const spec = e.manifest.benchmarks;
  if (!spec) throw new Error(`${e.slug} has no benchmarks`);
  // go test runs the test binaries of several packages at once (-p): benchmarks of one package would run beside another's.
  const oneAtATime = spec.package.endsWith('...') || spec.alongside.length > 0 ? ['-p', '1'] : [];
  return {
    cmd: 'go',
    args: ['test', ...oneAtATime, '-run', '^$', '-bench', spec.pattern, '-benchmem', '-count', String(mode.count), '-benchtime', mode.benchtime, spec.package, ...spec.alongside],
    dir: goDir(e),
    links: true,
    timeoutMs: 20 * 60_000,
  };
}

/**
 * A measure's program (see `measures` in src/lib/sources/manifest.ts), with `HANDBOOK_MODE` telling it whether
 * verify records (`record`) or re-checks (`check`), so it can do less work in CI.
 */
export function measureCommand(e: Example, m: Measure, mode: 'record' | 'check'): Command {
  const env = { ...m.env, HANDBOOK_MODE: mode };
  if (m.go !== undefined) {
    return {
      cmd: 'go',
      args: ['run', m.go, ...m.args],
      dir: `${EXAMPLES}/${e.slug}/${m.in ?? 'go'}`,
      env: m.toolchain === undefined ? env : { ...env, GOTOOLCHAIN: m.toolchain },
      links: true,
      timeoutMs: 10 * 60_000,
    };
  }
  const plus = m.toolchain === undefined ? [] : [`+${m.toolchain}`];
  const pkg = m.in === undefined ? ['-p', m.crate ?? crate(e)] : [];
  return {
    cmd: 'cargo',
    args: [...plus, 'run', '--release', '--locked', '--quiet', ...pkg, '--bin', m.cargo!, ...(m.args.length ? ['--', ...m.args] : [])],
    dir: m.in === undefined ? EXAMPLES : `${EXAMPLES}/${e.slug}/${m.in}`,
    env: m.toolchain === undefined ? env : { ...env, ...NO_AUTO_INSTALL },
    links: true,
    timeoutMs: 10 * 60_000,
  };
}

/** The command that names the toolchain a measure ran on, for its record. */
export function measureToolchainProbe(e: Example, m: Measure): Command {
  const c = measureCommand(e, m, 'record');
  return m.go !== undefined
    ? { cmd: 'go', args: ['version'], dir: c.dir, ...(c.env ? { env: c.env } : {}) }
    : { cmd: 'rustc', args: m.toolchain === undefined ? ['--version'] : [`+${m.toolchain}`, '--version'], dir: c.dir, ...(c.env ? { env: c.env } : {}) };
}

const GO_TEST_TIMEOUT = 8 * 60_000;
/** -fullpath: failures name files from the repository root, not a bare `x_test.go:12`. */
const goTest = (e: Example, args: string[], env?: Record<string, string>): Command => ({
  cmd: 'go',
  args: ['test', ...args, '-fullpath', './...'],
  dir: goDir(e),
  ...(env ? { env } : {}),
  links: true,
  timeoutMs: GO_TEST_TIMEOUT,
});
/** Miri must never trigger a toolchain download: a missing nightly is a clear error instead. */
const NO_AUTO_INSTALL = { RUSTUP_AUTO_INSTALL: '0' };

export interface LaneSpec {
  /** One line for readers: what the lane runs and what it catches. */
  what: string;
  /**
   * Go lanes link the Rust artifacts, so verify builds them (and checks the header) first. The Rust lanes run beside
   * the Go lanes: Miri is single-threaded and the valgrind scenarios in Go tests mostly are, so on two cores they overlap.
   */
  side: 'rust' | 'go';
  /** Shown on the example page as the tests to run by hand. */
  byHand: boolean;
  commands(e: Example, miri: string): Command[];
  fix(e: Example, miri: string): string;
}

/** The checks verify runs on every example, in the order each side runs them and failures are reported: the quick static checks first, Miri (the slowest) last. */
const LANE_ROWS = {
  fmt: {
    what: 'the code is formatted as each language formats it (rustfmt and gofmt)',
    side: 'rust',
    byHand: false,
    commands: (e) => [
      { cmd: 'cargo', args: ['fmt', '--check', ...crates(e), '--', '--color', 'never'], dir: EXAMPLES },
      // From the root, so that the diff names each file as examples/<slug>/go/…
      { cmd: 'gofmt', args: ['-d', goDir(e)], dir: '.', silentWhenGood: true },
    ],
    fix: (e) => `run \`${shown({ cmd: 'cargo', args: ['fmt', ...crates(e)] })}\` in ${EXAMPLES} and \`gofmt -w .\` in ${goDir(e)}`,
  },
  clippy: {
    what: 'every Clippy lint as an error, including an unsafe block without a `// SAFETY:` comment',
    side: 'rust',
    byHand: false,
    commands: (e) => [{ cmd: 'cargo', args: ['clippy', '--all-targets', '--locked', ...crates(e), '--', '-D', 'warnings'], dir: EXAMPLES }],
    fix: () => 'fix what clippy reports; an unsafe block needs a `// SAFETY:` comment saying why it is sound',
  },
  'cargo-test': {
    what: "the crate's own tests, in release mode",
    side: 'rust',
    byHand: true,
    commands: (e) => [{ cmd: 'cargo', args: ['test', '--release', '--locked', ...crates(e)], dir: EXAMPLES, timeoutMs: GO_TEST_TIMEOUT }],
    fix: () => 'fix the failing Rust test',
  },
  vet: {
    what: 'suspicious Go, including misuse of unsafe.Pointer',
    side: 'go',
    byHand: false,
    commands: (e) => [{ cmd: 'go', args: ['vet', './...'], dir: goDir(e), links: true }],
    fix: () => 'fix what go vet reports',
  },
  repeat: {
    what: 'the Go tests in a shuffled order, three times over, with the race detector (which does not see Rust): a test that depends on order or on state a run leaves behind fails',
    side: 'go',
    byHand: true,
    commands: (e) => [goTest(e, ['-race', '-count=3', '-shuffle=on'])],
    fix: () =>
      `fix the failing Go test or the race; a test that passes once but not when repeated or reordered depends on state another run leaves behind (reproduce with the \`-test.shuffle\` seed printed above: \`${shown({ cmd: 'go', args: ['test', '-race', '-count=3', '-shuffle=<seed>', './...'] })}\`)`,
  },
  cgocheck2: {
    what: 'the Go tests in a build that checks every store of a Go pointer into C memory',
    side: 'go',
    byHand: false,
    commands: (e) => [goTest(e, ['-count=1'], { GOEXPERIMENT: 'cgocheck2' })],
    fix: () => 'a Go pointer was stored in memory Go does not manage (C or Rust); keep it in Go memory or pin it (runtime.Pinner)',
  },
  miri: {
    what: "the crate's tests under Miri on the pinned nightly, which reports undefined behaviour in the Rust code they reach (it runs no Go)",
    side: 'rust',
    byHand: false,
    commands: (e, miri) => [miriTest(e, miri)],
    fix: (e, miri) => `fix the undefined behaviour or failing test Miri reports (rerun: \`cd ${EXAMPLES} && ${shown({ ...miriTest(e, miri), env: {} })}\`)`,
  },
} satisfies Record<string, LaneSpec>;
export type Lane = keyof typeof LANE_ROWS;
export const LANES: Record<Lane, LaneSpec> = LANE_ROWS;
export const LANE_NAMES = Object.keys(LANES) as Lane[];

function miriTest(e: Example, miri: string): Command {
  return { cmd: 'cargo', args: [`+${miri}`, 'miri', 'test', '--locked', '-p', crate(e)], dir: EXAMPLES, env: NO_AUTO_INSTALL, timeoutMs: 15 * 60_000 };
}

/** Miri's version on the pinned nightly: whether the miri lane can run. */
export const miriProbe = (miri: string): Command => ({ cmd: 'cargo', args: [`+${miri}`, 'miri', '--version'], dir: EXAMPLES, env: NO_AUTO_INSTALL });
/** How to install that nightly with Miri (never done by verify itself). */
export const miriInstall = (miri: string): string =>
  `\`${shown({ cmd: 'rustup', args: ['toolchain', 'install', miri, '--profile', 'minimal', '--component', 'miri,rust-src'] })}\`, then \`${shown({ cmd: 'cargo', args: [`+${miri}`, 'miri', 'setup'] })}\``;

/** The toolchains every example needs, with how to find each one's version. */
export const TOOLCHAIN_PROBES = [
  { key: 'go', name: 'Go', probe: { cmd: 'go', args: ['version'] }, install: 'Install Go 1.26 or newer and put `go` on PATH.' },
  { key: 'rustc', name: 'Rust', probe: { cmd: 'rustc', args: ['--version'] }, install: 'Install Rust with rustup; rust-toolchain.toml selects 1.95.0.' },
  { key: 'cargo', name: 'Cargo', probe: { cmd: 'cargo', args: ['--version'] }, install: 'Install Rust with rustup, which brings cargo.' },
  { key: 'cc', name: 'a C compiler', probe: { cmd: 'cc', args: ['--version'] }, install: 'Install gcc or clang (cgo needs `cc`).' },
] as const;

/** `VAR=value cmd args`: a command as a reader would type it into a POSIX shell (quoted where the shell would change it). */
export const shown = (c: { cmd: string; args: readonly string[]; env?: Record<string, string> }): string =>
  [...Object.entries(c.env ?? {}).map(([k, v]) => `${k}=${quote(v)}`), c.cmd, ...c.args.map(quote)].join(' ');

/**
 * The commands a reader types to build, test and run an example by hand, from the repository root: the Rust
 * builds, the lanes marked `byHand`, and the run, with the environment Go needs exported first. The digest
 * define is verify's alone (a reader's `-count` flags already skip Go's cached test results).
 */
export function readerScript(e: Example): string {
  // The lanes shown run on the stable toolchain: only the miri lane reads the nightly's name.
  const lanes: Command[] = LANE_NAMES.filter((l) => LANES[l].byHand).flatMap((l) => LANES[l].commands(e, ''));
  const steps: Command[] = [...buildSteps(e), ...lanes.filter((c) => !c.links), ...lanes.filter((c) => c.links), runCommand(e)];
  const out: string[] = [];
  let at = '.';
  let exported = false;
  for (const c of steps) {
    if (c.links && !exported) {
      exported = true;
      // From examples/, where the artifact paths are `target/…`; absolute, so they hold in every package folder.
      if (at !== EXAMPLES) (out.push(`cd ${cdPath(at, EXAMPLES)}`), (at = EXAMPLES));
      for (const a of artifacts(e)) if (a.pathEnv !== undefined) out.push(`export ${a.pathEnv}="$PWD/${a.file.slice(EXAMPLES.length + 1)}"`);
      for (const [k, v] of Object.entries(e.manifest.go.env)) out.push(`export ${k}=${quote(v)}`);
    }
    if (c.dir !== at) (out.push(`cd ${cdPath(at, c.dir)}`), (at = c.dir));
    out.push(shown(c));
  }
  return out.join('\n');
}

/** A `cd` argument from one root-relative folder to another. */
function cdPath(from: string, to: string): string {
  const a = from === '.' ? [] : from.split('/');
  const b = to === '.' ? [] : to.split('/');
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/') || '.';
}

function quote(v: string): string {
  return /^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replaceAll("'", "'\\''")}'`;
}
