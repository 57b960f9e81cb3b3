/**
 * What a reader may ask the local runner (`npm start`) to do, one row per action, and what the runner streams
 * back. The server (scripts/serve/runner.ts) takes its routes, commands and limits from this table and lists the
 * rows in `/api/runner.json`; the page (src/lib/client/run-client.ts) builds its buttons from that list. Adding an action
 * is one row here. Pure TypeScript: the browser imports only its types.
 */
import { benchCommand, BENCH_MODES, buildSteps, runCommand, type Command } from './commands.ts';
import type { Example } from '../sources/manifest.ts';

export interface RunnerAction {
  /** The button's text (also its accessible name). */
  button: string;
  /** The line above its output; `{example}` is the example's name. */
  label: string;
  /** The status line while it runs. */
  busy: string;
  timeLimitMs: number;
  /** Whether the example offers it (an example without benchmarks has no benchmark button). */
  offers(e: Example): boolean;
  commands(e: Example): Command[];
}

/** In the order the buttons appear; the first is what a code block's Run button does. */
export const RUNNER_ACTIONS = {
  run: {
    button: 'Run main',
    label: 'Output of {example}, running on this machine',
    busy: 'Building and running…',
    timeLimitMs: 180_000,
    offers: () => true,
    commands: (e) => [...buildSteps(e), runCommand(e)],
  },
  bench: {
    button: 'Run benchmarks (short)',
    label: 'Benchmarks of {example}, running on this machine (short mode)',
    busy: 'Building and running the benchmarks once (short mode)…',
    timeLimitMs: 300_000,
    offers: (e) => e.manifest.benchmarks !== undefined,
    commands: (e) => [...buildSteps(e), benchCommand(e, BENCH_MODES.runner)],
  },
} as const satisfies Record<string, RunnerAction>;
export type ActionName = keyof typeof RUNNER_ACTIONS;
export const ACTION_NAMES = Object.keys(RUNNER_ACTIONS) as ActionName[];

/** `/api/runner.json`: which examples the runner serves and, per action, the button and the examples that offer it. */
export interface RunnerInfo {
  available: boolean;
  examples: string[];
  actions: { name: string; button: string; label: string; busy: string; examples: string[] }[];
}

export function runnerInfo(examples: readonly Example[]): RunnerInfo {
  return {
    available: true,
    examples: examples.map((e) => e.slug),
    actions: ACTION_NAMES.map((name) => {
      const { button, label, busy, offers } = RUNNER_ACTIONS[name];
      return { name, button, label, busy, examples: examples.filter((e) => offers(e)).map((e) => e.slug) };
    }),
  };
}

/** What a static host answers: no runner, so pages show the recorded output. */
export const NO_RUNNER: RunnerInfo = { available: false, examples: [], actions: [] };

/** One event of a run, sent to the page as a line of JSON. */
export type RunEvent =
  | { t: 'step'; text: string }
  | { t: 'out'; data: string }
  | { t: 'error'; text: string }
  | { t: 'exit'; code: number | null; ms: number; timedOut: boolean; truncated: boolean; stopped: boolean };
