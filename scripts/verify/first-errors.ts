/** The excerpt of a failing command's output that verify shows: its first errors, with file:line from the repository root. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { relative, rootDir } from '../../src/lib/sources/paths.ts';
import { tail } from '../lib/process.ts';

const ANSI = /\x1b\[[0-9;]*[A-Za-z]|\x1b\(B/g;
/** A .rs or .go file and line, alone or in a `--> file:line:col` or `\tfile:line +0x…` frame. */
const LOCATION = /(?<![\w./-])((?:[\w.-]+\/)*[\w.-]+\.(?:rs|go)):(\d+)/g;

/**
 * The first errors in a command's output, from the first line that matches a pattern of `start` (tried in order), with every file named from the
 * repository root (tools print paths relative to their working directory `cwd`, or absolute). Lines matching `keep`
 * (a seed to reproduce with) are kept wherever they are. Falls back to the tail when nothing matches.
 */
export function firstErrors(output: string, opts: { cwd: string; start: RegExp[]; keep?: RegExp; lines?: number }): string {
  const max = opts.lines ?? 30;
  const lines = output
    .replace(ANSI, '')
    .replaceAll(`${rootDir}/`, '')
    .replace(LOCATION, (whole, file: string, line: string) => {
      if (file.startsWith('/') || existsSync(path.join(rootDir, file)) || !existsSync(path.join(opts.cwd, file))) return whole;
      return `${relative(path.join(opts.cwd, file))}:${line}`;
    })
    .trimEnd()
    .split('\n');
  const from = opts.start.map((re) => lines.findIndex((l) => re.test(l))).find((i) => i >= 0) ?? -1;
  if (from < 0) return tail(lines.join('\n'), max);
  const shown = lines.slice(from, from + max);
  const kept = lines.slice(0, from).filter((l) => opts.keep?.test(l));
  // A Go crash prints runtime frames first: name where it happened in the example if the excerpt does not.
  const inExample = shown.some((l) => l.includes('examples/'))
    ? []
    : lines
        .slice(from + max)
        .filter((l) => /^\s*examples\/\S+:\d+/.test(l))
        .slice(0, 3);
  const rest = lines.length - from - shown.length;
  return [...kept, ...shown, ...(rest > 0 ? [`… ${rest} more lines`] : []), ...(inExample.length ? ['in the example:', ...inExample.map((l) => `  ${l.trim()}`)] : [])]
    .map((l) => `    ${l}`)
    .join('\n');
}
