import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rootDir } from '../../src/lib/paths.ts';
import type { Verified } from '../../src/lib/results.ts';

export class ToolchainMissing extends Error {}

const REQUIRED = [
  { cmd: 'go', args: ['version'], name: 'Go', install: 'Install Go 1.26 or newer and put `go` on PATH.' },
  { cmd: 'rustc', args: ['--version'], name: 'Rust', install: 'Install Rust with rustup; rust-toolchain.toml selects 1.95.0.' },
  { cmd: 'cargo', args: ['--version'], name: 'Cargo', install: 'Install Rust with rustup, which brings cargo.' },
  { cmd: 'cc', args: ['--version'], name: 'a C compiler', install: 'Install gcc or clang (cgo needs `cc`).' },
] as const;

/** Versions of every toolchain verify needs, or a ToolchainMissing naming what to install. */
export function detectToolchains(env: NodeJS.ProcessEnv): Verified['toolchains'] {
  const found: Record<string, string> = {};
  for (const t of REQUIRED) {
    const r = spawnSync(t.cmd, t.args, { cwd: path.join(rootDir, 'examples'), env, encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      throw new ToolchainMissing(`${t.name} not found: \`${t.cmd} ${t.args.join(' ')}\` ${r.error ? 'could not start' : `exited ${r.status}: ${r.stderr.trim().split('\n')[0]}`}.\n  → ${t.install}`);
    }
    found[t.cmd] = r.stdout.trim().split('\n')[0]!;
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
