import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root: the nearest folder upwards from the working directory
 * that holds astro.config.mjs. (Not derived from this module's URL: the site
 * build bundles this file elsewhere.)
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'astro.config.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`not inside the handbook repository (no astro.config.mjs above ${from})`);
  }
}

export const rootDir = findRoot(process.cwd());
export const examplesDir = path.join(rootDir, 'examples');
export const guidesDir = path.join(rootDir, 'content', 'guides');

/** A path relative to the repository root, with forward slashes, for messages and records. */
export const relative = (file: string): string => path.relative(rootDir, file).split(path.sep).join('/');

const isInside = (root: string, p: string): boolean => {
  const r = path.relative(root, p);
  return r !== '' && r !== '..' && !r.startsWith(`..${path.sep}`) && !path.isAbsolute(r);
};

/**
 * `rel` resolved in `dir`, or undefined when it leads out of `dir`: an absolute path, a `..` that climbs above it, or
 * a symbolic link (the file or a folder on the way) that points outside it.
 */
export function resolveInside(dir: string, rel: string): string | undefined {
  if (path.isAbsolute(rel)) return undefined;
  const abs = path.resolve(dir, rel);
  if (!isInside(dir, abs)) return undefined;
  if (existsSync(abs) && !isInside(realpathSync(dir), realpathSync(abs))) return undefined;
  return abs;
}
