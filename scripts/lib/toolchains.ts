import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shown, TOOLCHAIN_PROBES } from '../../src/lib/commands.ts';
import { rootDir } from '../../src/lib/paths.ts';
import type { Verified } from '../../src/lib/results.ts';

export class ToolchainMissing extends Error {}

/** Versions of every toolchain the examples need (verify and the runner), or a ToolchainMissing naming what to install. */
export function detectToolchains(env: NodeJS.ProcessEnv): Verified['toolchains'] {
  const found: Record<string, string> = {};
  for (const { key, name, probe, install } of TOOLCHAIN_PROBES) {
    const r = spawnSync(probe.cmd, probe.args, { cwd: path.join(rootDir, 'examples'), env, encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      throw new ToolchainMissing(`${name} not found: \`${shown(probe)}\` ${r.error ? 'could not start' : `exited ${r.status}: ${r.stderr.trim().split('\n')[0]}`}.\n  → ${install}`);
    }
    found[key] = r.stdout.trim().split('\n')[0]!;
  }
  return { go: found.go!, rustc: found.rustc!, cargo: found.cargo!, cc: found.cc! };
}

export function describeMachine(): Verified['machine'] {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  if (existsSync('/proc/cpuinfo')) {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  }
  return { cpu, cores: os.availableParallelism(), os: `${os.type()} ${os.release()}`, arch: os.arch() };
}
