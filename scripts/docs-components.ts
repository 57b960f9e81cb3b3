/**
 * `npm run docs:components`: rewrites the guide-component table in docs/authoring.md and the list in README.md from
 * src/lib/sources/guide-components.ts. tests/unit/guide-components.test.ts fails when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { componentList, componentTable, DOCS_END, DOCS_START } from '../src/lib/sources/guide-components.ts';
import { rootDir } from '../src/lib/sources/paths.ts';

/** Each doc with its generated part: authoring.md's table on lines of its own, README's list inside a sentence. */
export const componentDocs = [
  { file: 'docs/authoring.md', generated: () => `\n${componentTable()}\n` },
  { file: 'README.md', generated: componentList },
];

/** The doc's text with the part between the markers replaced; throws, naming the file, when the markers are not there once. */
export function withComponents(text: string, file: string, generated: string): string {
  const start = text.indexOf(DOCS_START);
  const end = text.indexOf(DOCS_END);
  if (start < 0 || end < start || text.indexOf(DOCS_START, start + 1) >= 0) {
    throw new Error(`${file}: needs exactly one ${DOCS_START} … ${DOCS_END} for the guide components`);
  }
  return text.slice(0, start + DOCS_START.length) + generated + text.slice(end);
}

/** The part between the markers, as the doc has it now. */
export function currentComponents(text: string, file: string): string {
  withComponents(text, file, '');
  return text.slice(text.indexOf(DOCS_START) + DOCS_START.length, text.indexOf(DOCS_END));
}

if (process.argv[1] === import.meta.filename) {
  for (const doc of componentDocs) {
    const file = path.join(rootDir, doc.file);
    writeFileSync(file, withComponents(readFileSync(file, 'utf8'), doc.file, doc.generated()));
  }
}
