/**
 * Reads a CODEOWNERS file and answers who owns a path, as GitHub does: the last matching line wins; a leading `/`
 * anchors a pattern to the repository root; `*` matches within one path segment and `**` across segments; a pattern
 * names a file or everything under a folder. Enough of the format for the boundary's own file, and strict: a line it
 * cannot read is an error naming the line.
 */
import { SourceError } from './errors.ts';

export interface OwnerRule {
  pattern: string;
  owners: string[];
  line: number;
  matches: RegExp;
}

const OWNER = /^(@[\w.-]+(\/[\w.-]+)?|[^@\s]+@[^@\s]+)$/;

function toRegExp(pattern: string): RegExp {
  const anchored = pattern.startsWith('/');
  const body = pattern
    .replace(/^\//, '')
    .replace(/\/$/, '')
    .split('/')
    .map((seg) => (seg === '**' ? '.*' : seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')))
    .join('/');
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}(?:/.*)?$`);
}

export function parseCodeowners(text: string, file: string): OwnerRule[] {
  const rules: OwnerRule[] = [];
  text.split('\n').forEach((raw, i) => {
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const [pattern, ...owners] = text.split(/\s+/);
    const bad = owners.find((o) => !OWNER.test(o));
    if (owners.length === 0 || bad !== undefined) {
      throw new SourceError(file, i + 1, `want \`<pattern> @owner…\`, got "${text}"`, 'name each owner as @user, @org/team or an email address');
    }
    rules.push({ pattern: pattern!, owners, line: i + 1, matches: toRegExp(pattern!) });
  });
  return rules;
}

/** The owners of `path` (relative to the repository root, forward slashes), and the line that says so. */
export function ownersOf(rules: readonly OwnerRule[], path: string): OwnerRule | undefined {
  return rules.findLast((r) => r.matches.test(path));
}
