import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Example } from '../../src/lib/manifest.ts';
import { buildEnv, cargoBuild, goBench, goRun, QUICK, rustLibEnv, type Command } from '../verify/example-steps.ts';
import { detectToolchains, ToolchainMissing } from '../verify/toolchains.ts';
import { endGroup } from './process-group.ts';

/** What a reader may ask for. Everything else about a run comes from the example's manifest. */
export const ACTIONS = ['run', 'bench'] as const;
export type Action = (typeof ACTIONS)[number];

export interface RunnerOptions {
  /** The port the site is served on: the only Host and Origin accepted. */
  port: number;
  examples: readonly Example[];
  timeLimitMs?: Partial<Record<Action, number>>;
  outputLimitBytes?: number;
  maxConcurrent?: number;
  /** Environment for the commands; defaults to verify's (this process's, with build caches in the project). */
  env?: NodeJS.ProcessEnv;
}

/** A run in progress, as shutdown sees it. */
interface Run {
  stop(): void;
  /** Settles when the run has ended: its processes gone, its temporary folder removed. */
  done: Promise<void>;
}

/** One event of a run, sent to the page as a line of JSON. */
export type RunEvent =
  | { t: 'step'; text: string }
  | { t: 'out'; data: string }
  | { t: 'error'; text: string }
  | { t: 'exit'; code: number | null; ms: number; timedOut: boolean; truncated: boolean; stopped: boolean };

/**
 * The local runner behind the Run buttons. It runs only the project's own
 * examples, chosen by slug from the manifests; binds nothing itself (the caller
 * listens on 127.0.0.1); refuses any Host or Origin but the local site's; runs
 * one run per example and a few in all; and stops a run at its time or output limit. A
 * stopped run's process group gets SIGTERM, then SIGKILL, and its temporary folder goes with it.
 */
export function createRunner(opts: RunnerOptions) {
  const examples = new Map(opts.examples.map((e) => [e.slug, e]));
  const hosts = new Set([`127.0.0.1:${opts.port}`, `localhost:${opts.port}`, `[::1]:${opts.port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  const limits = { run: 180_000, bench: 300_000, ...opts.timeLimitMs };
  const outputLimit = opts.outputLimitBytes ?? 256 * 1024;
  const maxConcurrent = opts.maxConcurrent ?? 2;
  const running = new Map<string, Run>();

  const reply = (res: ServerResponse, status: number, body: object): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends Host: evil.example.
    if (!hosts.has(req.headers.host ?? '')) return reply(res, 403, { error: 'wrong Host: the runner answers only the local site' });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/api/runner.json') {
      return reply(res, 200, { available: true, examples: [...examples.keys()], actions: ACTIONS });
    }
    const m = /^\/api\/run\/([a-z0-9-]+)\/([a-z]+)$/.exec(url.pathname);
    if (!m) return reply(res, 404, { error: 'no such endpoint' });
    if (req.method !== 'POST') return reply(res, 405, { error: 'use POST' });
    // Any other site's page sends its own Origin; a request without one did not come from our pages.
    if (!origins.has(req.headers.origin ?? '')) return reply(res, 403, { error: 'wrong Origin: runs start only from the local site' });
    const example = examples.get(m[1]!);
    if (!example) return reply(res, 404, { error: `unknown example "${m[1]}"` });
    const action = m[2] as Action;
    if (!ACTIONS.includes(action)) return reply(res, 404, { error: `unknown action "${m[2]}"` });
    if (action === 'bench' && !example.manifest.benchmarks) return reply(res, 404, { error: `${example.slug} has no benchmarks` });
    if (running.has(example.slug)) return reply(res, 409, { error: `${example.slug} is already running; stop it first` });
    if (running.size >= maxConcurrent) return reply(res, 429, { error: 'too many runs at once; try again when one finishes' });
    let finished!: () => void;
    const run: Run = { stop: () => {}, done: new Promise((resolve) => (finished = resolve)) };
    running.set(example.slug, run);
    try {
      await stream(example, action, res, run);
    } finally {
      running.delete(example.slug);
      finished();
    }
  }

  async function stream(example: Example, action: Action, res: ServerResponse, run: Run) {
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    const send = (e: RunEvent) => res.writableEnded || res.write(`${JSON.stringify(e)}\n`);
    const started = Date.now();
    let stopped = false;
    let group: number | undefined; // the current step's process group
    let ending: Promise<void> | undefined; // that group being ended
    const stop = () => {
      if (group !== undefined) ending ??= endGroup(group);
    };
    run.stop = () => {
      stopped = true;
      send({ t: 'error', text: 'the local server is shutting down' });
      stop();
    };
    res.on('close', () => {
      if (!res.writableFinished) {
        stopped = true; // the reader pressed Stop or left the page
        stop();
      }
    });
    let env = opts.env ?? buildEnv();
    try {
      detectToolchains(env);
    } catch (e) {
      if (!(e instanceof ToolchainMissing)) throw e;
      send({ t: 'error', text: e.message });
      send({ t: 'exit', code: null, ms: 0, timedOut: false, truncated: false, stopped: false });
      return void res.end();
    }
    // Everything a run writes outside the project's caches goes here (Go's go-build work folder, which
    // SIGTERM or SIGKILL leaves behind), and the folder goes once the run's processes have.
    const tmp = await mkdtemp(path.join(env.TMPDIR ?? os.tmpdir(), 'handbook-run-'));
    env = { ...env, TMPDIR: tmp, GOTMPDIR: tmp };
    let bytes = 0;
    let timedOut = false;
    let truncated = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, limits[action]);
    let code: number | null = 0;
    const steps: (() => Command)[] = [() => cargoBuild(example), () => (action === 'run' ? goRun(example) : goBench(example, { count: 1, benchtime: QUICK.benchtime }))];
    try {
      for (const [i, next] of steps.entries()) {
        if (timedOut || truncated || stopped) break;
        if (i === 1) env = { ...env, ...rustLibEnv(example) };
        const c = next();
        send({ t: 'step', text: `$ ${c.cmd} ${c.args.join(' ')}` });
        code = await new Promise<number | null>((resolve) => {
          const child = spawn(c.cmd, c.args, { cwd: c.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
          group = child.pid;
          ending = undefined;
          // One decoder per stream: a chunk may end inside a multi-byte character.
          const onData = (decoder: StringDecoder) => (d: Buffer) => {
            if (truncated) return;
            bytes += d.length;
            if (bytes > outputLimit) {
              truncated = true;
              stop();
              return;
            }
            const data = decoder.write(d);
            if (data) send({ t: 'out', data });
          };
          child.stdout.on('data', onData(new StringDecoder('utf8')));
          child.stderr.on('data', onData(new StringDecoder('utf8')));
          child.on('error', (e) => {
            send({ t: 'error', text: `could not start ${c.cmd}: ${e.message}` });
            resolve(null);
          });
          child.on('close', (exitCode) => resolve(exitCode));
        });
        // The step's first process has exited; nothing it started may outlive it either.
        if (group !== undefined) await (ending ??= endGroup(group));
        group = undefined;
        if (code !== 0) break;
      }
    } finally {
      clearTimeout(timer);
      await rm(tmp, { recursive: true, force: true });
    }
    if (timedOut) send({ t: 'error', text: `stopped after the ${limits[action] / 1000} s time limit` });
    if (truncated) send({ t: 'error', text: `stopped after ${outputLimit / 1024} KiB of output` });
    send({ t: 'exit', code, ms: Date.now() - started, timedOut, truncated, stopped });
    res.end();
  }

  return {
    handle,
    /** Runs in progress, for tests and shutdown. */
    active: () => running.size,
    /** Stops every run as Stop would; resolves once their processes and temporary folders are gone. */
    async stopAll(): Promise<void> {
      const runs = [...running.values()];
      for (const run of runs) run.stop();
      await Promise.all(runs.map((r) => r.done));
    },
  };
}
