/**
 * The machine's tools folder, where verify installs the tools of TOOLS (src/lib/commands/commands.ts) once per
 * machine and version, as rustup keeps toolchains: `$HANDBOOK_TOOLS`, else `$XDG_CACHE_HOME/go-rust-handbook/tools`,
 * else `~/.cache/go-rust-handbook/tools`.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installTool, shown, toolPath, type Tool } from '../../src/lib/commands/commands.ts';
import { processOptions } from './example-env.ts';
import { exec, tail } from './process.ts';
import { ToolchainMissing } from './toolchains.ts';

export function toolsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HANDBOOK_TOOLS) return path.resolve(env.HANDBOOK_TOOLS);
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'go-rust-handbook', 'tools');
}

/** The tool's path, after installing it if this machine lacks that version; `say` tells the reader what happens. */
export async function ensureTool(tool: Tool, env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<string> {
  const dir = toolsDir(env);
  const bin = toolPath(dir, tool);
  if (existsSync(bin)) return bin;
  const install = installTool(dir, tool);
  say(`installing ${tool.crate} ${tool.version} into ${dir} (once per machine): ${shown(install)}`);
  const r = await exec(install.cmd, install.args, processOptions(install, env));
  if (r.code !== 0) throw new ToolchainMissing(`could not install ${tool.crate} ${tool.version} with cargo:\n${tail(r.stderr)}`);
  return bin;
}
