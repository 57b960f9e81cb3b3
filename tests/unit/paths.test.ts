import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { resolveInside } from '../../src/lib/sources/paths.ts';

test('a symbolic link out of the folder, as the file or on the way, is outside it', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'inside-'));
  const dir = path.join(root, 'example');
  mkdirSync(path.join(dir, 'go'), { recursive: true });
  writeFileSync(path.join(root, 'secret.txt'), 'x');
  writeFileSync(path.join(dir, 'go', 'a.go'), 'x');
  symlinkSync(path.join(root, 'secret.txt'), path.join(dir, 'go', 'link.go'));
  symlinkSync(root, path.join(dir, 'up'));
  symlinkSync(path.join(dir, 'go', 'a.go'), path.join(dir, 'same.go'));
  assert.equal(resolveInside(dir, 'go/a.go'), path.join(dir, 'go', 'a.go'));
  assert.equal(resolveInside(dir, 'same.go'), path.join(dir, 'same.go'), 'a link that stays inside is fine');
  assert.equal(resolveInside(dir, 'go/link.go'), undefined);
  assert.equal(resolveInside(dir, 'up/secret.txt'), undefined);
  assert.equal(resolveInside(dir, '../secret.txt'), undefined);
  assert.equal(resolveInside(dir, path.join(dir, 'go', 'a.go')), undefined, 'absolute, even when it points inside');
  assert.equal(resolveInside(dir, '.'), undefined, 'the folder itself is not a file in it');
});
