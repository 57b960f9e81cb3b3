import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { hashSources, sourceFiles } from '../../src/lib/sources/hash.ts';

function exampleDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hash-'));
  mkdirSync(path.join(dir, 'rust/src'), { recursive: true });
  mkdirSync(path.join(dir, 'target'));
  writeFileSync(path.join(dir, 'rust/src/lib.rs'), 'pub fn f() {}\n');
  writeFileSync(path.join(dir, 'example.yaml'), 'title: x\n');
  return dir;
}

test('one changed byte changes the hash', () => {
  const dir = exampleDir();
  const before = hashSources(dir);
  writeFileSync(path.join(dir, 'rust/src/lib.rs'), 'pub fn g() {}\n');
  assert.notEqual(hashSources(dir), before);
});

test('the record itself and build output do not count', () => {
  const dir = exampleDir();
  const before = hashSources(dir);
  writeFileSync(path.join(dir, 'verified.json'), '{}');
  writeFileSync(path.join(dir, 'target/lib.a'), 'x');
  writeFileSync(path.join(dir, 'rust/src/pkg.test'), 'a go test -c binary');
  assert.equal(hashSources(dir), before);
  assert.deepEqual(sourceFiles(dir), ['example.yaml', 'rust/src/lib.rs']);
});

test('a renamed file changes the hash', () => {
  const a = exampleDir();
  const b = exampleDir();
  writeFileSync(path.join(b, 'rust/src/lib.rs'), '');
  writeFileSync(path.join(b, 'rust/src/lib2.rs'), 'pub fn f() {}\n');
  assert.notEqual(hashSources(a), hashSources(b));
});
