/**
 * Runs the project's commands, for verify and for the local runner alike: never through a shell, each in a
 * process group of its own, so stopping one (Stop, a time limit, an output cap, shutdown) ends everything it
 * started: SIGTERM, then SIGKILL for whatever is left after a grace period.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long a group gets to exit on SIGTERM before SIGKILL. */
export const GRACE_MS = 2_000;

/** Whether any process of group `pgid` is still alive (EPERM: one is, under another user). */
function alive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    if ((e as NodeJS.ErrnoException).code === 'EPERM') return true;
    throw e;
  }
}

function signal(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

/** Polls until group `pgid` is gone; false if it is still there after `ms`. */
async function gone(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pgid)) {
    if (Date.now() >= until) return false;
    await sleep(25);
  }
  return true;
}

/**
 * Ends process group `pgid` (a child spawned with `detached: true` leads its own): SIGTERM, then
 * SIGKILL for whatever is left after `graceMs`. Resolves once no process of the group remains, so a
 * caller may then remove what the group wrote. Returns at once when the group is already gone.
 */
export async function endGroup(pgid: number, graceMs = GRACE_MS): Promise<void> {
  if (!alive(pgid)) return;
  signal(pgid, 'SIGTERM');
  if (await gone(pgid, graceMs)) return;
  signal(pgid, 'SIGKILL');
  // SIGKILL cannot be ignored; only a process stuck in the kernel (uninterruptible I/O) outlasts this.
  if (!(await gone(pgid, 5_000))) throw new Error(`process group ${pgid} survived SIGKILL for 5 s`);
}

export interface ProcessOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Ends the group after this long (default 10 minutes). */
  timeoutMs?: number;
  /** Ends the group once stdout and stderr together pass this many bytes; what came before the cap is kept. */
  outputLimitBytes?: number;
  /** Each piece of output as it arrives, decoded (a chunk may end inside a multi-byte character). */
  onOutput?(data: string, stream: 'stdout' | 'stderr'): void;
  graceMs?: number;
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Bytes of output read, up to the cap. */
  bytes: number;
  timedOut: boolean;
  truncated: boolean;
  /** Ended by `stop()`. */
  stopped: boolean;
  /** Why the program could not start (ENOENT: not on PATH), if it did not. */
  startError?: string;
  ms: number;
}

export interface Running {
  /** The program's process id, which is also its group's (undefined when it could not start). */
  pid: number | undefined;
  /** Settles once the program has exited and no process of its group remains. */
  result: Promise<ProcessResult>;
  /** Ends the group (SIGTERM, then SIGKILL); resolves when it is gone. */
  stop(): Promise<void>;
}

/** Starts `cmd` in a process group of its own, stdin closed. */
export function start(cmd: string, args: readonly string[], opts: ProcessOptions): Running {
  const started = Date.now();
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  let bytes = 0;
  let timedOut = false;
  let truncated = false;
  let stopped = false;
  let ending: Promise<void> | undefined;
  const end = (): Promise<void> => (ending ??= child.pid === undefined ? Promise.resolve() : endGroup(child.pid, opts.graceMs));

  const read = (stream: 'stdout' | 'stderr') => {
    const decoder = new StringDecoder('utf8');
    child[stream].on('data', (d: Buffer) => {
      if (truncated) return;
      const room = (opts.outputLimitBytes ?? Infinity) - bytes;
      if (d.length > room) {
        truncated = true;
        d = d.subarray(0, room);
        void end();
      }
      bytes += d.length;
      const text = decoder.write(d);
      if (!text) return;
      out[stream] += text;
      opts.onOutput?.(text, stream);
    });
  };
  read('stdout');
  read('stderr');
  const timer = setTimeout(
    () => {
      timedOut = true;
      void end();
    },
    opts.timeoutMs ?? 10 * 60_000,
  );

  const result = new Promise<ProcessResult>((resolve, reject) => {
    let startError: string | undefined;
    child.on('error', (e) => (startError = e.message));
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      // The program has exited; nothing it started may outlive it either.
      end().then(
        () => resolve({ code, signal: sig, ...out, bytes, timedOut, truncated, stopped, ...(startError === undefined ? {} : { startError }), ms: Date.now() - started }),
        reject,
      );
    });
  });
  return {
    pid: child.pid,
    result,
    stop: async () => {
      stopped = true;
      await end();
    },
  };
}

/** Runs `cmd` to the end and returns its output (see `start`). */
export const exec = (cmd: string, args: readonly string[], opts: ProcessOptions): Promise<ProcessResult> => start(cmd, args, opts).result;

/**
 * Runs `fn` with a fresh folder under `parent` and removes the folder afterwards, whatever `fn` did. Point
 * TMPDIR (and GOTMPDIR) of the processes `fn` starts here: Go leaves its work folder behind when SIGTERM or
 * SIGKILL ends it, so a stopped run would otherwise leave files.
 */
export async function inTempDir<T>(parent: string, prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(parent, prefix));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The last lines of a command's output, for failure messages. */
export const tail = (text: string, lines = 25): string =>
  text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((l) => `    ${l}`)
    .join('\n');
