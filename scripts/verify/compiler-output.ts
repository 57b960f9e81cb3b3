import { tail } from '../lib/process.ts';

/** rustc's diagnostics start `error[E0308]: …` or `error: …`; these two only summarise the ones before them. */
const RUST_ERROR = /^error(\[E\d+\])?: /;
const RUST_SUMMARY = /^error: (could not compile|aborting due to)/;
/** Go (and the C compiler under cgo) report `path/file.go:12:5: message`. */
const FILE_LINE_COL = /^\S+\.(go|c|h|s):\d+:\d+: /;

const FIRST_ERRORS = 3;
const LINES_PER_ERROR = 20;
const FIRST_GO_LINES = 10;

const indent = (lines: readonly string[]) => lines.map((l) => `    ${l}`).join('\n');

/**
 * What to show of a failed command's output: the compiler's first errors with their locations (rustc's `error[E…]`
 * blocks with `--> file:line:col`, Go's `file:line:col:` lines) when there are any, else the last lines. The first
 * error is the one to fix: later ones often follow from it, and a long build's tail is only the summary.
 */
export function failureExcerpt(output: string): string {
  const lines = output.trimEnd().split('\n');
  const rust = rustErrors(lines);
  if (rust.length) {
    const summary = lines.filter((l) => RUST_SUMMARY.test(l)).slice(-1);
    return indent([...rust.slice(0, FIRST_ERRORS).flatMap((block) => [...block, '']), ...summary].map((l) => l.trimEnd()));
  }
  const go = lines.flatMap((l, i) => (FILE_LINE_COL.test(l) ? [i] : []));
  if (go.length) {
    // Keep the `# package` line that says which package each error belongs to.
    const shown = go.slice(0, FIRST_GO_LINES).flatMap((i) => (lines[i - 1]?.startsWith('# ') ? [lines[i - 1]!, lines[i]!] : [lines[i]!]));
    const more = go.length > FIRST_GO_LINES ? [`… and ${go.length - FIRST_GO_LINES} more`] : [];
    return indent([...new Set(shown), ...more]);
  }
  return tail(output);
}

/**
 * rustc's error diagnostics, each from its `error…:` line to the blank line that ends it; only those with a code or a
 * location, so cargo's own `error: test failed` leaves the failing test's output to the tail.
 */
function rustErrors(lines: readonly string[]): string[][] {
  const blocks: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!RUST_ERROR.test(lines[i]!) || RUST_SUMMARY.test(lines[i]!)) continue;
    let end = i + 1;
    while (end < lines.length && lines[end]!.trim() !== '' && !RUST_ERROR.test(lines[end]!)) end++;
    const block = lines.slice(i, end);
    if (lines[i]!.startsWith('error[') || block.some((l) => /^\s*--> /.test(l))) blocks.push(block.slice(0, LINES_PER_ERROR));
    i = end - 1;
  }
  return blocks;
}
