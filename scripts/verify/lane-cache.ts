/**
 * Lanes that passed, remembered by every input verify knows of (decision 160): the lane's commands and their
 * environment, the example's sources, the built artifacts, the workspace files, the toolchains and the code that
 * defines and judges lanes. A second verify on unchanged inputs reports the earlier pass instead of repeating it, as
 * `go test` caches test results; a fresh clone (CI) has no cache and runs every lane. Failures are never remembered.
 * `--only` always runs, and HANDBOOK_FRESH=1 ignores the cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rootDir } from '../../src/lib/sources/paths.ts';

const DIR = path.join(rootDir, '.cache', 'verify-lanes');
/** Files outside the example that shape every lane's result: the workspaces, and verify's own lane code. */
const SHARED = [
  'examples/Cargo.toml',
  'examples/Cargo.lock',
  'examples/go.work',
  'examples/go.work.sum',
  'rust-toolchain.toml',
  'rust-toolchain-miri.toml',
  'src/lib/commands/commands.ts',
  'scripts/verify/example-steps.ts',
];

export interface LaneInputs {
  lane: string;
  /** Each command as shown, with its own variables. */
  commands: string[];
  sourceHash: string;
  artifacts: Record<string, string>;
  /** Toolchain version lines (Go, rustc, cargo, cc, and Miri's where the lane uses it). */
  toolchains: string[];
}

export function laneKey(inputs: LaneInputs): string {
  const h = createHash('sha256').update(JSON.stringify(inputs));
  for (const f of SHARED) {
    const file = path.join(rootDir, f);
    h.update(`\0${f}\0`);
    if (existsSync(file)) h.update(readFileSync(file));
  }
  return h.digest('hex');
}

const enabled = () => process.env.HANDBOOK_FRESH !== '1';
const entry = (key: string) => path.join(DIR, `${key}.json`);

/** When the lane last passed with exactly these inputs, or undefined. */
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
