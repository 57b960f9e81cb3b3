import type { EventLine } from './events-reporter.ts';

export interface Counts {
  passed: number;
  failed: number;
  /** One line per failed test, and why the run itself counts as failed when it does. */
  problems: string[];
}

/**
 * A node:test step's counts, from the lines events-reporter.ts wrote. A run with no summary (the runner crashed or was
 * killed before reporting) or one that exited non-zero with nothing failed still counts as a failure, and says why.
 */
export function countEvents(text: string, step: string, exitCode: number | null): Counts {
  const lines = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EventLine);
  const problems = lines.flatMap((l) => (l.type === 'fail' ? [`✖ ${step}: ${l.name}${l.file ? ` (${l.file}:${l.line})` : ''}: ${l.error}`] : []));
  const summary = lines.find((l) => l.type === 'summary');
  if (!summary) {
    problems.push(`✖ ${step}: the test runner reported no summary (exit ${exitCode}): it crashed or was stopped before the end`);
    return { passed: 0, failed: 1, problems };
  }
  const failed = summary.failed + summary.cancelled;
  if (failed === 0 && (exitCode !== 0 || !summary.success)) {
    problems.push(`✖ ${step}: nothing failed, yet the run was not a success (exit ${exitCode})`);
    return { passed: summary.passed, failed: 1, problems };
  }
  return { passed: summary.passed, failed, problems };
}

/** Time per step, with its counts: the suite's last table. */
export function timingTable(rows: readonly { name: string; seconds: number; passed: number; failed: number }[]): string {
  const width = Math.max(12, ...rows.map((r) => r.name.length + 2));
  const line = (cells: string[]) =>
    `${cells[0]!.padEnd(width)}  ${cells
      .slice(1)
      .map((c) => c.padStart(7))
      .join('  ')}`.trimEnd();
  const total = rows.reduce((n, r) => n + r.seconds, 0);
  return [
    line(['step', 'seconds', 'passed', 'failed']),
    ...rows.map((r) => line([`${r.failed ? '✗' : '✓'} ${r.name}`, r.seconds.toFixed(0), String(r.passed), String(r.failed)])),
    line(['sum of steps', total.toFixed(0), '', '']),
  ].join('\n');
}
