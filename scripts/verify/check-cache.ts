/**
 * Checks that passed, remembered by every input verify knows of (decision 160): the check's commands and their
 * environment, the example's sources, the built artifacts, the workspace files, the toolchains, the code that
 * defines and judges checks, and for a re-measurement the machine and the record it agreed with. A second verify on
 * unchanged inputs reports the earlier pass instead of repeating it, as `go test` caches test results; a fresh clone
 * (CI) has no cache and runs everything. Failures are never remembered. `--only` always runs, and HANDBOOK_FRESH=1
 * ignores the cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashSources } from '../../src/lib/sources/hash.ts';
import { rootDir } from '../../src/lib/sources/paths.ts';

const DIR = path.join(rootDir, '.cache', 'verify-passed');
/** Files outside the example that shape every check's result: the workspaces, and verify's own code that runs and judges checks. */
const SHARED = [
  'examples/Cargo.toml',
  'examples/Cargo.lock',
  'examples/go.work',
  'examples/go.work.sum',
  'rust-toolchain.toml',
  'rust-toolchain-miri.toml',
  'src/lib/commands/commands.ts',
  'scripts/verify/example-steps.ts',
  'src/lib/measure/record-checks.ts',
  'src/lib/measure/claims.ts',
  'src/lib/measure/figures.ts',
  // Go packages every example may import (the ABI lock check): outside each example's source hash, inside its tests.
  'examples/internal',
];

export interface CheckInputs {
  /** What is checked: `lane repeat`, `benchmarks`, `measure startup`. */
  check: string;
  /** Each command as shown, with its own variables. */
  commands: string[];
  sourceHash: string;
  artifacts: Record<string, string>;
  /** Toolchain version lines (Go, rustc, cargo, cc, and Miri's where the lane uses it). */
  toolchains: string[];
  /** For a re-measurement: the machine it ran on and the recorded figures it agreed with. */
  measuredAgainst?: { machine: string; record: unknown };
}

/** The shared files' digest, read once per run: verify changes none of them while it runs. */
let shared: string | undefined;
function sharedDigest(): string {
  if (shared) return shared;
  const h = createHash('sha256');
  for (const f of SHARED) {
    const file = path.join(rootDir, f);
    if (!existsSync(file)) h.update(`\0${f}\0absent`);
    else if (statSync(file).isDirectory()) h.update(`\0${f}\0${hashSources(file)}`);
    else h.update(`\0${f}\0`).update(readFileSync(file));
  }
  return (shared = h.digest('hex'));
}

export function checkKey(inputs: CheckInputs): string {
  return createHash('sha256').update(JSON.stringify(inputs)).update(sharedDigest()).digest('hex');
}

const enabled = () => process.env.HANDBOOK_FRESH !== '1';
const entry = (key: string) => path.join(DIR, `${key}.json`);

/** A remembered pass's time as the reports print it: `2026-11-28 20:39 UTC`. */
export const passedWhen = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** When the check last passed with exactly these inputs, or undefined. */
export function passedBefore(key: string): string | undefined {
  if (!enabled() || !existsSync(entry(key))) return undefined;
  try {
    return (JSON.parse(readFileSync(entry(key), 'utf8')) as { passedAt: string }).passedAt;
  } catch {
    return undefined;
  }
}

export function rememberPass(key: string, what: string): void {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(entry(key), JSON.stringify({ what, passedAt: new Date().toISOString() }));
}
