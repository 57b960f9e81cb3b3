import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, found from this file's place in it (src/lib/paths.ts). */
export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const examplesDir = path.join(rootDir, 'examples');
export const guidesDir = path.join(rootDir, 'content', 'guides');

/** A path relative to the repository root, with forward slashes, for messages and records. */
export const relative = (file: string): string => path.relative(rootDir, file).split(path.sep).join('/');
