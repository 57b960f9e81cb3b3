import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import { shown } from '../../src/lib/commands/commands.ts';
import type { Example } from '../../src/lib/sources/manifest.ts';
import { RUNNER_ACTIONS, runnerInfo, type ActionName, type RunEvent } from '../../src/lib/commands/runner-actions.ts';
import { ArtifactMissing, artifactDigests, buildEnv, linkEnv, processOptions } from '../lib/example-env.ts';
import { inTempDir, start, type Running } from '../lib/process.ts';
import { detectToolchains, ToolchainMissing } from '../lib/toolchains.ts';

export interface RunnerOptions {
  /** The port the site is served on: the only Host and Origin accepted. */
  port: number;
  examples: readonly Example[];
  timeLimitMs?: Partial<Record<ActionName, number>>;
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
  const limit = (action: ActionName) => opts.timeLimitMs?.[action] ?? RUNNER_ACTIONS[action].timeLimitMs;
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
      return reply(res, 200, runnerInfo([...examples.values()]));
    }
    const m = /^\/api\/run\/([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(url.pathname);
    if (!m) return reply(res, 404, { error: 'no such endpoint' });
    if (req.method !== 'POST') return reply(res, 405, { error: 'use POST' });
    // Any other site's page sends its own Origin; a request without one did not come from our pages.
    if (!origins.has(req.headers.origin ?? '')) return reply(res, 403, { error: 'wrong Origin: runs start only from the local site' });
    const example = examples.get(m[1]!);
    if (!example) return reply(res, 404, { error: `unknown example "${m[1]}"` });
    if (!Object.hasOwn(RUNNER_ACTIONS, m[2]!)) return reply(res, 404, { error: `unknown action "${m[2]}"` });
    const action = m[2] as ActionName;
    if (!RUNNER_ACTIONS[action].offers(example)) return reply(res, 404, { error: `${example.slug} offers no ${action}` });
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

  async function stream(example: Example, action: ActionName, res: ServerResponse, run: Run) {
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    const send = (e: RunEvent) => res.writableEnded || res.write(`${JSON.stringify(e)}\n`);
    const started = Date.now();
    let stopped = false;
    let current: Running | undefined; // the step running now
    run.stop = () => {
      stopped = true;
      send({ t: 'error', text: 'the local server is shutting down' });
      void current?.stop();
    };
    res.on('close', () => {
      if (!res.writableFinished) {
        stopped = true; // the reader pressed Stop or left the page
        void current?.stop();
      }
    });
    const env = opts.env ?? buildEnv();
    try {
      detectToolchains(env);
    } catch (e) {
      if (!(e instanceof ToolchainMissing)) throw e;
      send({ t: 'error', text: e.message });
      send({ t: 'exit', code: null, ms: 0, timedOut: false, truncated: false, stopped: false });
      return void res.end();
    }
    const deadline = started + limit(action);
    let bytes = 0;
    let timedOut = false;
    let truncated = false;
    let code: number | null = 0;
    // Everything a run writes outside the project's caches goes in its own folder (Go's go-build work folder,
    // which SIGTERM or SIGKILL leaves behind), removed once the run's processes are gone.
    await inTempDir(env.TMPDIR ?? os.tmpdir(), 'handbook-run-', async (tmp) => {
      let stepEnv: NodeJS.ProcessEnv = { ...env, TMPDIR: tmp, GOTMPDIR: tmp };
      let linked = false;
      for (const c of RUNNER_ACTIONS[action].commands(example)) {
        if (stopped) break;
        if (c.links && !linked) {
          try {
            stepEnv = { ...stepEnv, ...linkEnv(example, artifactDigests(example)) };
          } catch (e) {
            if (!(e instanceof ArtifactMissing)) throw e;
            send({ t: 'error', text: e.message });
            code = null;
            break;
          }
          linked = true;
        }
        send({ t: 'step', text: `$ ${shown(c)}` });
        current = start(c.cmd, c.args, {
          ...processOptions(c, stepEnv),
          timeoutMs: Math.max(0, deadline - Date.now()),
          outputLimitBytes: outputLimit - bytes,
          onOutput: (data) => send({ t: 'out', data }),
        });
        if (stopped) void current.stop(); // the reader left while the step was starting
        const r = await current.result;
        current = undefined;
        bytes += r.bytes;
        timedOut = r.timedOut;
        truncated = r.truncated;
        code = r.code;
        if (r.startError) send({ t: 'error', text: `could not start ${c.cmd}: ${r.startError}` });
        if (code !== 0 || timedOut || truncated) break;
      }
    });
    if (timedOut) send({ t: 'error', text: `stopped after the ${limit(action) / 1000} s time limit` });
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
