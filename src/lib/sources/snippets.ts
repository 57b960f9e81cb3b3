import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SourceError } from './errors.ts';
import { examplesDir, relative, resolveInside } from './paths.ts';
import { parseRegions, sourceLineNumbers, stripMarkers } from './regions.ts';

export interface Snippet {
  /** Path shown to the reader, relative to examples/. */
  label: string;
  code: string;
  lang: string;
  startLine: number;
  /** A whole file's: the repository line number of each shown line (markers left out, their numbers skipped). */
  lines?: number[];
}

const LANGS: Record<string, string> = { '.go': 'go', '.rs': 'rust', '.h': 'c', '.c': 'c', '.toml': 'toml', '.yaml': 'yaml', '.mod': 'go', '.work': 'go' };

/**
 * The code a guide shows: one region of an example file, or the whole file
 * without markers. `citedAt` names the guide line, so a missing file or region
 * fails the build with both places in the message.
 */
export function loadSnippet(example: string, file: string, region: string | undefined, citedAt: string): Snippet {
  const label = `${example}/${file}`;
  const abs = resolveInside(path.join(examplesDir, example), file);
  if (!abs) throw new SourceError(citedAt, undefined, `cites "${file}", which is outside examples/${example}/`, `cite a file of the example, relative to its folder`);
  if (!existsSync(abs)) throw new SourceError(citedAt, undefined, `cites ${label}, which does not exist`, 'fix the example or file name');
  const text = readFileSync(abs, 'utf8');
  const lang = LANGS[path.extname(file)] ?? (path.basename(file) === 'go.mod' ? 'go' : 'text');
  const regions = parseRegions(text, relative(abs));
  if (!region) return { label, code: stripMarkers(text), lang, startLine: 1, lines: sourceLineNumbers(text) };
  const found = regions.get(region);
  if (!found) {
    const known = [...regions.keys()].join(', ') || 'none';
    throw new SourceError(
      citedAt,
      undefined,
      `cites region "${region}" of ${label}, which has no such region (it has: ${known})`,
      `add \`// region: ${region}\` … \`// endregion\` to ${relative(abs)}, or cite another region`,
    );
  }
  return { label, code: found.code, lang, startLine: found.startLine };
}
