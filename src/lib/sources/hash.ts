import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What never counts as an example's source: the record itself and build output (also in .gitignore). */
const IGNORED = new Set(['verified.json', 'target', 'node_modules', '.cache']);
const BUILD_OUTPUT = /\.(test|prof|out|a|o|so)$/;

/** Every source file of an example, relative to its folder, sorted. */
export function sourceFiles(dir: string, sub = ''): string[] {
  return readdirSync(path.join(dir, sub), { withFileTypes: true })
    .filter((e) => !IGNORED.has(e.name) && !e.name.startsWith('.') && !BUILD_OUTPUT.test(e.name))
    .flatMap((e) => {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      return e.isDirectory() ? sourceFiles(dir, rel) : [rel];
    })
    .sort();
}

/**
 * sha256 over each source file's path and bytes, plus any extra inputs that
 * shape the results (the pinned toolchain). Changing one byte changes the hash.
 */
export function hashSources(dir: string, extraFiles: readonly string[] = []): string {
  const h = createHash('sha256');
  const add = (name: string, file: string) => {
    const bytes = readFileSync(file);
    h.update(`${name}\0${bytes.length}\0`);
    h.update(bytes);
  };
  for (const rel of sourceFiles(dir)) add(rel, path.join(dir, rel));
  for (const file of extraFiles) add(`@${path.basename(file)}`, file);
  return `sha256:${h.digest('hex')}`;
}
