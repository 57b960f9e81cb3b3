import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { SourceError } from './errors.ts';
import { relative } from './paths.ts';

/**
 * Parses YAML text and validates it with a Zod schema. Any problem becomes a
 * SourceError naming the file and the line of the offending key.
 */
export function parseYaml<T extends z.ZodType>(text: string, file: string, schema: T, lineOffset = 0): z.output<T> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line + lineOffset);
  const yamlError = doc.errors[0];
  if (yamlError) throw new SourceError(file, lineOf(yamlError.pos[0]), `invalid YAML: ${yamlError.message.split('\n')[0]}`);
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const node = nodeAt(doc.contents, issue.path);
  const where = issue.path.length ? `\`${issue.path.join('.')}\`: ` : '';
  throw new SourceError(file, lineOf(node?.range?.[0]) ?? 1 + lineOffset, `${where}${issue.message}`);
}

export function readYamlFile<T extends z.ZodType>(file: string, schema: T): z.output<T> {
  return parseYaml(readFileSync(file, 'utf8'), relative(file), schema);
}

/** The deepest node along `path` that exists, so a missing key points at its parent. */
function nodeAt(root: unknown, path: readonly PropertyKey[]): Node | undefined {
  let node = root as Node | undefined;
  for (const key of path) {
    let next: unknown;
    if (isMap(node)) next = node.items.find((pair) => (pair.key as { value?: unknown })?.value === key)?.value;
    else if (isSeq(node) && typeof key === 'number') next = node.items[key];
    if (!next) break;
    node = next as Node;
  }
  return node;
}
