/**
 * Lanes: the checks verify runs on every example, in record and in check mode. Each passes or fails on its own and
 * records nothing, so one run reports every lane that fails. `--only <lane,…>` runs just those lanes (after the build
 * they need): that is how a test proves a lane fails with a bug put back.
 */
import path from 'node:path';
import type { Example } from '../../src/lib/manifest.ts';
import { examplesDir, relative, rootDir } from '../../src/lib/paths.ts';
import type { Command } from './example-steps.ts';

/** In the order each side (LaneSpec.side) runs them and failures are reported: quick static checks first, Miri last. */
export const LANES = ['fmt', 'clippy', 'cargo-test', 'vet', 'repeat', 'cgocheck2', 'miri'] as const;
export type Lane = (typeof LANES)[number];

export interface LaneCommand extends Command {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Fails when it prints anything on stdout, even with exit status 0. */
  silentWhenGood?: boolean;
}

export interface LaneSpec {
  /** One line for `verify --only`'s list: what the lane runs and what it catches. */
  what: string;
  /**
   * Go lanes link the Rust static library, so verify builds it (and checks the header) first. The Rust lanes run beside
   * the Go lanes: Miri is single-threaded and the valgrind scenarios in Go tests mostly are, so on two cores they overlap.
   */
  side: 'rust' | 'go';
  commands(example: Example, miri: string): LaneCommand[];
  fix(example: Example, miri: string): string;
}

const TEST_TIMEOUT = 8 * 60_000;
const crate = (e: Example) => e.manifest.rust.crate;
const goDir = (e: Example) => path.join(e.dir, 'go');
/** -fullpath: failures name files from the repository root, not a bare `x_test.go:12`. */
const goTest = (e: Example, args: string[], env?: NodeJS.ProcessEnv): LaneCommand => ({
  cmd: 'go',
  args: ['test', ...args, '-fullpath', './...'],
  cwd: goDir(e),
  env,
  timeoutMs: TEST_TIMEOUT,
});

export const LANE_SPECS: Record<Lane, LaneSpec> = {
  fmt: {
    what: '`cargo fmt --check` and `gofmt -d`: the code is formatted as each language formats it',
    side: 'rust',
    commands: (e) => [
      { cmd: 'cargo', args: ['fmt', '--check', '-p', crate(e), '--', '--color', 'never'], cwd: examplesDir },
      // From the root, so that the diff names each file as examples/<slug>/go/…
      { cmd: 'gofmt', args: ['-d', relative(goDir(e))], cwd: rootDir, silentWhenGood: true },
    ],
    fix: (e) => `run \`cargo fmt -p ${crate(e)}\` in examples and \`gofmt -w .\` in ${relative(goDir(e))}`,
  },
  clippy: {
    what: '`cargo clippy --all-targets -- -D warnings`: every lint, including an unsafe block without a `// SAFETY:` comment',
    side: 'rust',
    commands: (e) => [{ cmd: 'cargo', args: ['clippy', '--all-targets', '--locked', '-p', crate(e), '--', '-D', 'warnings'], cwd: examplesDir }],
    fix: () => 'fix what clippy reports; an unsafe block needs a `// SAFETY:` comment saying why it is sound',
  },
  'cargo-test': {
    what: '`cargo test --release`: the crate\'s own tests',
    side: 'rust',
    commands: (e) => [{ cmd: 'cargo', args: ['test', '--release', '--locked', '-p', crate(e)], cwd: examplesDir, timeoutMs: TEST_TIMEOUT }],
    fix: () => 'fix the failing Rust test',
  },
  vet: {
    what: '`go vet`: suspicious Go, including misuse of unsafe.Pointer',
    side: 'go',
    commands: (e) => [{ cmd: 'go', args: ['vet', './...'], cwd: goDir(e) }],
    fix: () => 'fix what go vet reports',
  },
  repeat: {
    what: '`go test -race -count=3 -shuffle=on`: the Go tests in a shuffled order, three times over, with the race detector (which does not see Rust): a test that depends on order or on state a run leaves behind fails',
    side: 'go',
    commands: (e) => [goTest(e, ['-race', '-count=3', '-shuffle=on'])],
    fix: () => 'fix the failing Go test or the race; a test that passes once but not when repeated or reordered depends on state another run leaves behind (reproduce with the `-test.shuffle` seed printed above: `go test -race -count=3 -shuffle=<seed>`)',
  },
  cgocheck2: {
    what: '`GOEXPERIMENT=cgocheck2 go test`: the Go tests in a build that checks every store of a Go pointer into C memory',
    side: 'go',
    commands: (e) => [goTest(e, ['-count=1'], { GOEXPERIMENT: 'cgocheck2' })],
    fix: () => 'a Go pointer was stored in memory Go does not manage (C or Rust); keep it in Go memory or pin it (runtime.Pinner)',
  },
  miri: {
    what: '`cargo miri test` on the pinned nightly: the crate\'s tests under Miri, which reports undefined behaviour in the Rust code they reach (it runs no Go)',
    side: 'rust',
    commands: (e, miri) => [{ cmd: 'cargo', args: [`+${miri}`, 'miri', 'test', '--locked', '-p', crate(e)], cwd: examplesDir, env: { RUSTUP_AUTO_INSTALL: '0' }, timeoutMs: 15 * 60_000 }],
    fix: (e, miri) => `fix the undefined behaviour or failing test Miri reports (rerun: \`cd examples && cargo +${miri} miri test -p ${crate(e)}\`)`,
  },
};

/** Parses `--only fmt,miri --only repeat` (commas or repeats; `all` is every lane); undefined means every lane. */
export function parseLanes(values: string[] | undefined): { lanes: Lane[] } | { unknown: string[] } {
  const named = values?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean) ?? ['all'];
  if (named.includes('all')) return { lanes: [...LANES] };
  const unknown = named.filter((n) => !(LANES as readonly string[]).includes(n));
  if (unknown.length) return { unknown };
  return { lanes: LANES.filter((l) => named.includes(l)) };
}

/** Every lane with what it runs, for a message that lists them. */
export const describeLanes = (): string => LANES.map((l) => `  ${l}: ${LANE_SPECS[l].what}`).join('\n');
