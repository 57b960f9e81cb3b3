import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readVerified, splitBenchName } from '../../src/lib/results.ts';

test('no record yet is null, not an error', () => {
  assert.equal(readVerified(mkdtempSync(path.join(os.tmpdir(), 'v-'))), null);
});

test('a malformed record names the file and says how to fix it', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'v-'));
  writeFileSync(path.join(dir, 'verified.json'), '{"example": "x"}');
  assert.throws(() => readVerified(dir), /verified\.json: `sourceHash`: .*\n  → run `npm run verify`/);
  writeFileSync(path.join(dir, 'verified.json'), '{oops');
  assert.throws(() => readVerified(dir), /verified\.json: not valid JSON/);
});

test('every committed record is valid', async () => {
  const { loadExamples } = await import('../../src/lib/manifest.ts');
  for (const ex of loadExamples()) assert.ok(readVerified(ex.dir), `${ex.slug} has no verified.json`);
});

test('benchmark names split into variant and parameter', () => {
  assert.deepEqual(splitBenchName('Rust/size=1024'), { variant: 'Rust', param: 'size', value: 1024 });
  assert.deepEqual(splitBenchName('EmptyCall'), { variant: 'EmptyCall' });
});
