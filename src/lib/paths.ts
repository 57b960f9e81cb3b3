import { existsSync } from 'node:fs';
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
