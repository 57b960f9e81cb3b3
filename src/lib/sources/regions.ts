import { SourceError } from './errors.ts';

/** A named region of a source file, marked by `// region: name` … `// endregion`. */
export interface Region {
  name: string;
  /** 1-based line numbers of the first and last lines of code inside the markers. */
  startLine: number;
  endLine: number;
  /** The region's code: inner markers removed, common indentation and edge blank lines trimmed. */
  code: string;
}

const START = /^\s*(?:\/\/|#)\s*region:\s*(\S.*?)\s*$/;
const END = /^\s*(?:\/\/|#)\s*endregion\b/;
const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Lines that are region markers, so that any region's code (and a whole-file view) can drop them. */
export const isMarker = (line: string): boolean => START.test(line) || END.test(line);

/** Parses every region in `text`. Regions may nest; markers never appear in a region's code. */
export function parseRegions(text: string, file: string): Map<string, Region> {
  const lines = text.split('\n');
  const open: { name: string; line: number }[] = [];
  const regions = new Map<string, Region>();
  lines.forEach((line, i) => {
    const start = START.exec(line);
    if (start) {
      const name = start[1]!;
      if (!NAME.test(name)) {
        throw new SourceError(file, i + 1, `region name "${name}" is not lower-case-with-dashes`);
      }
      if (regions.has(name) || open.some((r) => r.name === name)) {
        throw new SourceError(file, i + 1, `region "${name}" is defined twice`);
      }
      open.push({ name, line: i + 1 });
    } else if (END.test(line)) {
      const region = open.pop();
      if (!region) throw new SourceError(file, i + 1, '`endregion` without a `region:` before it');
      const body = lines.slice(region.line, i).filter((l) => !isMarker(l));
      regions.set(region.name, { name: region.name, startLine: region.line + 1, endLine: i, code: tidy(body) });
    }
  });
  const unclosed = open.pop();
  if (unclosed) throw new SourceError(file, unclosed.line, `region "${unclosed.name}" is never closed with \`// endregion\``);
  return regions;
}

/** The whole file without region markers: what a reader should see when shown the entire file. */
export const stripMarkers = (text: string): string => tidy(text.split('\n').filter((l) => !isMarker(l)));

/**
 * The line of `text` (1-based) that each line of `stripMarkers(text)` comes from, so a source page numbers its lines
 * as the file in the repository does: `lib.rs#L42` on the site is line 42 of the file a reviewer opens.
 */
export function sourceLineNumbers(text: string): number[] {
  const kept = text.split('\n').flatMap((line, i) => (isMarker(line) ? [] : [{ line, n: i + 1 }]));
  const [start, end] = withoutBlankEdges(kept.map((k) => k.line));
  return kept.slice(start, end).map((k) => k.n);
}

/** The index range of `lines` left when blank lines are trimmed from both ends. */
function withoutBlankEdges(lines: string[]): [number, number] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return [start, end];
}

/** Trims blank lines at both ends and the indentation common to every non-blank line. */
function tidy(lines: string[]): string {
  const kept = lines.slice(...withoutBlankEdges(lines));
  const indents = kept.filter((l) => l.trim() !== '').map((l) => /^[\t ]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return kept.map((l) => l.slice(cut)).join('\n');
}
