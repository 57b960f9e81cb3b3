import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { miriInstall, miriProbe, shown, TOOLCHAIN_PROBES } from '../../src/lib/commands/commands.ts';
import { SourceError } from '../../src/lib/sources/errors.ts';
import { relative, rootDir } from '../../src/lib/sources/paths.ts';
import type { Verified } from '../../src/lib/sources/results.ts';

export class ToolchainMissing extends Error {}

/** Versions of every toolchain the examples need (verify and the runner), or a ToolchainMissing naming what to install. */
export function detectToolchains(env: NodeJS.ProcessEnv): Verified['toolchains'] {
  const found: Record<string, string> = {};
  for (const { key, name, probe, install } of TOOLCHAIN_PROBES) {
    const r = spawnSync(probe.cmd, probe.args, { cwd: path.join(rootDir, 'examples'), env, encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      throw new ToolchainMissing(
        `${name} not found: \`${shown(probe)}\` ${r.error ? 'could not start' : `exited ${r.status}: ${r.stderr.trim().split('\n')[0]}`}.\n  → ${install}`,
      );
    }
    found[key] = r.stdout.trim().split('\n')[0]!;
  }
  return { go: found.go!, rustc: found.rustc!, cargo: found.cargo!, cc: found.cc! };
}

/** The one place the Miri nightly is pinned; .ci/run reads the same line to install it. */
export const MIRI_TOOLCHAIN_FILE = path.join(rootDir, 'rust-toolchain-miri.toml');

/** The pinned nightly for the miri lane: the `channel = "nightly-YYYY-MM-DD"` line of rust-toolchain-miri.toml. */
export function miriToolchain(): string {
  const lines = readFileSync(MIRI_TOOLCHAIN_FILE, 'utf8').split('\n');
  const at = lines.findIndex((l) => /^\s*channel\s*=/.test(l));
  const channel = /^channel = "(nightly-\d{4}-\d{2}-\d{2})"$/.exec(lines[at] ?? '')?.[1];
  if (!channel) {
    throw new SourceError(
      relative(MIRI_TOOLCHAIN_FILE),
      at >= 0 ? at + 1 : undefined,
      'expected a line `channel = "nightly-YYYY-MM-DD"`',
      'pin the nightly that runs Miri by its date',
    );
  }
  return channel;
}

/** Miri's version on the pinned nightly, or a ToolchainMissing naming what to install. Never installs anything itself. */
export function detectMiri(env: NodeJS.ProcessEnv, channel: string): string {
  const probe = miriProbe(channel);
  const r = spawnSync(probe.cmd, probe.args, { cwd: path.join(rootDir, probe.dir), env: { ...env, ...probe.env }, encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    const why = r.error ? 'could not start' : `exited ${r.status}: ${r.stderr.trim().split('\n')[0]}`;
    throw new ToolchainMissing(
      `Miri not found: \`${shown({ ...probe, env: {} })}\` ${why}.\n  → Install the pinned nightly with Miri (${relative(MIRI_TOOLCHAIN_FILE)}): ${miriInstall(channel)}.`,
    );
  }
  return r.stdout.trim();
}

export function describeMachine(): Verified['machine'] {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  if (existsSync('/proc/cpuinfo')) {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  }
  return { cpu, cores: os.availableParallelism(), os: `${os.type()} ${os.release()}`, arch: os.arch() };
}
