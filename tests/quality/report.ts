/** Failure messages for the quality gates: one line per problem, the same problem on many pages folded into one. */

export interface Problem {
  /** The page (and state) where it was seen, e.g. `/guides/x/ (375px)`. */
  where: string;
  /** What is wrong, without the page: identical texts on several pages are reported once. */
  what: string;
}

export function report(problems: Problem[], noun = 'problem'): string {
  const byWhat = new Map<string, string[]>();
  for (const p of problems) {
    if (!byWhat.has(p.what)) byWhat.set(p.what, []);
    byWhat.get(p.what)!.push(p.where);
  }
  const lines = [...byWhat].map(([what, where]) => {
    if (where.length === 1) return `${where[0]}: ${what}`;
    const shown = where.slice(0, 4).join(', ');
    return `${what}\n    on ${where.length} pages/states: ${shown}${where.length > 4 ? `, … and ${where.length - 4} more` : ''}`;
  });
  return `${problems.length} ${noun}(s):\n${lines.join('\n')}`;
}

/** Splits `"<where>: <what>"` at the first `": "`. */
export const splitWhere = (line: string): Problem => {
  const i = line.indexOf(': ');
  return i < 0 ? { where: '', what: line } : { where: line.slice(0, i), what: line.slice(i + 2) };
};
