/**
 * A node:test reporter for scripts/test-all.ts: one JSON line per failed test and one for the run's summary, so the
 * suite counts from node:test's own events rather than from text meant for people. Used beside the spec reporter.
 */
import type { TestEvent } from 'node:test/reporters';

/** One line of the events file. */
export type EventLine =
  { type: 'fail'; name: string; file?: string; line?: number; error: string } | { type: 'summary'; passed: number; failed: number; cancelled: number; success: boolean };

export default async function* eventsReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  for await (const event of source) {
    let line: EventLine | undefined;
    if (event.type === 'test:fail' && event.data.details.type !== 'suite') {
      const error = event.data.details.error as Error & { cause?: unknown };
      const cause = error.cause instanceof Error ? error.cause.message : String(error.cause ?? error.message);
      line = { type: 'fail', name: event.data.name, file: event.data.file, line: event.data.line, error: cause.split('\n')[0]! };
    } else if (event.type === 'test:summary' && event.data.file === undefined) {
      // The summary of the whole run (per-file summaries name their file).
      // Node reports `failed` (docs: test:summary), which @types/node 24 leaves out of the type.
      const { passed, failed, cancelled } = event.data.counts as typeof event.data.counts & { failed: number };
      line = { type: 'summary', passed, failed, cancelled, success: event.data.success };
    }
    if (line) yield `${JSON.stringify(line)}\n`;
  }
}
