/**
 * `verify --check` end to end, on a copy of the repository (its tracked files) with one thing broken, or without Go
 * on PATH: it must exit non-zero and name the example, the record, the citing guide or what to install. Each is
 * caught before anything builds, so these runs take seconds.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { rootDir } from '../../src/lib/paths.ts';

const copies: string[] = [];
after(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of every tracked file, sharing node_modules and the build caches (cbindgen, Go) with this checkout. */
function copyOfRepository(): string {
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

function edit(dir: string, file: string, change: (text: string) => string) {
  const p = path.join(dir, file);
  const before = readFileSync(p, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `the test's edit of ${file} changed nothing`);
  writeFileSync(p, after);
}

function verifyCheck(dir: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', '--check', '--no-bench', '--example', 'checksum'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

test('one changed byte in checksum\'s Rust source makes the record stale, naming the example', () => {
  const dir = copyOfRepository();
  edit(dir, 'examples/checksum/rust/src/lib.rs', (s) => s.replace('// region: kernel', '// region: kernel '));
  const { code, out } = verifyCheck(dir);
  assert.equal(code, 1, out);
  assert.match(out, /examples\/checksum\/verified\.json: stale: the sources of checksum changed/);
  assert.match(out, /npm run verify -- --example checksum/);
});

test('a deleted region that a guide cites fails, naming the guide and line', () => {
  const dir = copyOfRepository();
  edit(dir, 'examples/checksum/rust/src/lib.rs', (s) => s.replace(/\/\/ region: kernel\n([^]*?)\/\/ endregion\n/, '$1'));
  const { code, out } = verifyCheck(dir);
  assert.equal(code, 1, out);
  assert.match(out, /content\/guides\/your-first-crossing\.mdx:\d+: .*kernel/);
});

test('a missing toolchain is a clear error with what to install, not a crash', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', '--check', '--no-bench'], {
    cwd: rootDir,
    env: { ...process.env, PATH: '/nonexistent' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr + r.stdout, /Go not found: `go version` could not start\.\n {2}→ Install Go 1\.26/);
});
