/**
 * Example source pages show text files only: a fuzzer's binary seed (boundary-security's cargo-fuzz corpus) would put
 * NUL bytes into the HTML. Binary files still count in the source hash and the download.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sourceFiles } from '../../src/lib/sources/hash.ts';
import { textFiles } from '../../src/lib/sources/text-files.ts';

test('binary files are left out of the pages, not out of the hash', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'text-files-'));
  try {
    mkdirSync(path.join(dir, 'corpus'));
    writeFileSync(path.join(dir, 'lib.rs'), 'fn main() {} // é\n');
    writeFileSync(path.join(dir, 'corpus', 'nul'), Buffer.from([2, 3, 0x66, 0, 0x48]));
    writeFileSync(path.join(dir, 'corpus', 'latin1'), Buffer.from([0x63, 0x6c, 0xe9]));
    assert.deepEqual(textFiles(dir), ['lib.rs']);
    assert.deepEqual(sourceFiles(dir), ['corpus/latin1', 'corpus/nul', 'lib.rs']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
