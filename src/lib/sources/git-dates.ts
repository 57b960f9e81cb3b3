import { execFileSync } from 'node:child_process';
import { rootDir } from './paths.ts';

/**
 * The date of the last commit that changed `file` (repository-relative), as YYYY-MM-DD, or undefined where git or the
 * history is missing (a tarball, a shallow clone that lacks the file's commit): no date rather than a wrong one.
 */
export function lastUpdated(file: string): string | undefined {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%cs', '--', file], { cwd: rootDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^\d{4}-\d{2}-\d{2}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}
