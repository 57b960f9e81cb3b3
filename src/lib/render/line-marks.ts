import { SourceError } from '../sources/errors.ts';

/**
 * The lines a `<Code highlight="3-5,8">` marks, counted from the first line shown (1). Bad syntax, a reversed range or
 * a line past the end fails, naming `citedAt` (the guide and line), so a region that shrinks cannot leave a paragraph
 * pointing at lines that moved away.
 */
export function parseHighlight(spec: string, lineCount: number, citedAt: string): Set<number> {
  const fail = (problem: string): never => {
    throw new SourceError(
      citedAt,
      undefined,
      `<Code highlight="${spec}">: ${problem}`,
      `write line numbers or ranges within 1-${lineCount}, counted from the first line shown, e.g. highlight="2-4,7"`,
    );
  };
  const lines = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (!m) fail(`"${part}" is not a line number or a range`);
    const from = Number(m![1]);
    const to = Number(m![2] ?? m![1]);
    if (from < 1 || to < from) fail(`"${part.trim()}" is not a range of lines`);
    if (to > lineCount) fail(`line ${to} is past the end: the code shown has ${lineCount} line${lineCount === 1 ? '' : 's'}`);
    for (let n = from; n <= to; n++) lines.add(n);
  }
  return lines;
}

/** Lines of code as shown (a trailing newline ends the last line, it does not start another). */
export const lineCount = (code: string) => code.replace(/\n$/, '').split('\n').length;
