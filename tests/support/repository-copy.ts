/** Copies of the repository for tests that run verify on purpose-broken sources (decision 38). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { hashSources } from '../../src/lib/sources/hash.ts';
import { exec } from '../../scripts/lib/process.ts';
import { rootDir } from '../../src/lib/sources/paths.ts';

const copies: string[] = [];
after(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of every tracked file, sharing node_modules and the build caches (cbindgen, Go) with this checkout. */
export function copyOfRepository(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'handbook-verify-'));
  copies.push(dir);
  const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: rootDir, encoding: 'utf8' });
  assert.equal(tracked.status, 0, tracked.stderr);
  for (const file of tracked.stdout.split('\0').filter(Boolean)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(rootDir, file), path.join(dir, file));
  }
  mkdirSync(path.join(rootDir, '.cache'), { recursive: true });
  symlinkSync(path.join(rootDir, 'node_modules'), path.join(dir, 'node_modules'));
  symlinkSync(path.join(rootDir, '.cache'), path.join(dir, '.cache'));
  return dir;
}

export function edit(dir: string, file: string, change: (text: string) => string) {
  const p = path.join(dir, file);
  const before = readFileSync(p, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `the test's edit of ${file} changed nothing`);
  writeFileSync(p, after);
}

/** Runs `scripts/verify.ts` with `args` in `dir` (a copy, or this checkout). */
export function verify(dir: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', ...args], { cwd: dir, env, encoding: 'utf8', timeout: 10 * 60_000 });
  return { code: r.status, out: r.stdout + r.stderr };
}

/** `npm run verify -- --check <args…>` in `dir`: its exit code and everything it printed. */
export const verifyCheck = (dir: string, ...args: string[]) => verify(dir, ['--check', ...args]);

/**
 * Marks `slug`'s record in the copy as made from its current sources, as a fresh recording would, so a test of the
 * record's figures does not depend on whether the committed record is current.
 */
export function markCurrent(dir: string, slug: string) {
  const file = path.join(dir, 'examples', slug, 'verified.json');
  const hash = hashSources(path.dirname(file), [path.join(dir, 'rust-toolchain.toml')]);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/"sourceHash": "sha256:[0-9a-f]{64}"/, `"sourceHash": "${hash}"`));
}

/**
 * Replaces the one occurrence of `anchor` in `file` (in the copy). Fails, naming the file, when the anchor is gone or
 * ambiguous: a test that puts a bug back must not pass because a refactor moved the code it edits.
 */
export function replaceOnce(dir: string, file: string, anchor: string, replacement: string) {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const count = text.split(anchor).length - 1;
  assert.equal(count, 1, `${file}: the text this test edits occurs ${count} times, not once; update the test to the code:\n${anchor}`);
  writeFileSync(
    path.join(dir, file),
    text.replace(anchor, () => replacement),
  );
}

/** `verify` without blocking, so that runs in several copies overlap. */
export async function verifyAsync(dir: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = await exec(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', ...args], { cwd: dir, env, timeoutMs: 30 * 60_000 });
  return { code: r.code, out: r.stdout + r.stderr };
}

/** One lane's report for one example in verify's output, from its heading to the next report or the end. */
export function laneReport(out: string, slug: string, lane: string): string {
  const heading = `examples/${slug}: the ${lane} lane failed`;
  const from = out.indexOf(heading);
  assert.ok(from >= 0, `no "${heading}" in:\n${out}`);
  const next = out.slice(from + heading.length).search(/^examples\/[\w-]+: /m);
  return out.slice(from, next < 0 ? undefined : from + heading.length + next);
}
