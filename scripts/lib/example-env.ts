/** The environment the commands of src/lib/commands/commands.ts run in, for verify and the local runner. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { artifactEnv, artifacts, buildEnv as commandEnv, type Command } from '../../src/lib/commands/commands.ts';
import type { Example } from '../../src/lib/sources/manifest.ts';
import { relative, rootDir } from '../../src/lib/sources/paths.ts';
import type { ProcessOptions } from './process.ts';

/** A build that did not produce what the manifest says it builds. */
export class ArtifactMissing extends Error {}

/** This process's environment with builds cached in the project's ignored folders and no toolchain downloads. */
export const buildEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ...commandEnv(rootDir) });

/** Each built artifact's digest (sha256, 16 hex digits), by file; a missing one is an ArtifactMissing saying what to change. */
export function artifactDigests(example: Example): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const a of artifacts(example)) {
    const file = path.join(rootDir, a.file);
    if (!existsSync(file)) throw new ArtifactMissing(`${relative(example.dir)}/rust: cargo built no ${a.file}\n  → ${a.missing}`);
    digests[a.file] = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
  }
  return digests;
}

/** What Go commands need once the Rust artifacts are built (see `artifactEnv`), given their digests. */
export const linkEnv = (example: Example, digests: Record<string, string>): Record<string, string> => artifactEnv(example, rootDir, digests);

/** Where and how to run `c`, on top of `env`. */
export const processOptions = (c: Command, env: NodeJS.ProcessEnv): ProcessOptions => ({
  cwd: path.join(rootDir, c.dir),
  env: { ...env, ...c.env },
  ...(c.timeoutMs === undefined ? {} : { timeoutMs: c.timeoutMs }),
});
