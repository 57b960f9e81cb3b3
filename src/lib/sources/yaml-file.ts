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
  if (doc.errors.length)
    throw problemsError(
      file,
      doc.errors.map((e) => ({ line: lineOf(e.pos[0]) ?? 1 + lineOffset, text: `invalid YAML: ${e.message.split('\n')[0]}` })),
    );
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  // Every problem, each at the line of the key it is about (a missing key: the map that lacks it).
  const problems = result.error.issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    return keys.map((at) => ({ line: lineOf(keyNodeAt(doc.contents, at)?.range?.[0]) ?? 1 + lineOffset, text: `${at.length ? `\`${at.join('.')}\`: ` : ''}${issue.message}` }));
  });
  throw problemsError(file, problems);
}

/** One error for every problem in a file, in line order, each on its own line as `file:line: problem`. */
function problemsError(file: string, problems: { line: number; text: string }[]): SourceError {
  const [first, ...rest] = problems.sort((a, b) => a.line - b.line);
  return new SourceError(file, first!.line, [first!.text, ...rest.map((p) => `${file}:${p.line}: ${p.text}`)].join('\n'));
}

export function readYamlFile<T extends z.ZodType>(file: string, schema: T): z.output<T> {
  return parseYaml(readFileSync(file, 'utf8'), relative(file), schema);
}

/**
 * The key node that `path` ends at (a sequence item: the item itself), or the deepest node on the way that exists, so
 * a problem is reported at the line of its own key and a missing key at the map that lacks it.
 */
function keyNodeAt(root: unknown, path: readonly PropertyKey[]): Node | undefined {
  let node = root as Node | undefined;
  for (const [i, key] of path.entries()) {
    let next: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      if (pair && i === path.length - 1) return pair.key as Node;
      next = (pair?.value ?? undefined) as Node | undefined;
    } else if (isSeq(node) && typeof key === 'number') next = node.items[key] as Node | undefined;
    if (!next) break;
    node = next;
  }
  return node;
}
