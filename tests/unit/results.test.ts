import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readVerified, splitBenchName, toolchainDrift } from '../../src/lib/sources/results.ts';

test('no record yet is null, not an error', () => {
  assert.equal(readVerified(mkdtempSync(path.join(os.tmpdir(), 'v-'))), null);
});

test('a malformed record names the file and says how to fix it', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'v-'));
  writeFileSync(path.join(dir, 'verified.json'), '{"example": "x"}');
  const slug = path.basename(dir);
  assert.throws(
    () => readVerified(dir),
    (e: Error) =>
      e.message.endsWith(`verified.json: \`sourceHash\`: Invalid input: expected string, received undefined\n  → run \`npm run verify -- --example ${slug}\` to record it again`),
  );
  writeFileSync(path.join(dir, 'verified.json'), '{"example": "x", "run": {"comm');
  assert.throws(
    () => readVerified(dir),
    (e: Error) => /verified\.json: not valid JSON: .*\n  → run `npm run verify -- --example (.*)` to record it again$/.exec(e.message)?.[1] === slug,
  );
});

test('every committed record is valid', async () => {
  const { loadExamples } = await import('../../src/lib/sources/manifest.ts');
  for (const ex of loadExamples()) assert.ok(readVerified(ex.dir), `${ex.slug} has no verified.json`);
});

test('benchmark names split into variant and parameter', () => {
  assert.deepEqual(splitBenchName('Rust/size=1024'), { variant: 'Rust', param: 'size', value: 1024 });
  assert.deepEqual(splitBenchName('EmptyCall'), { variant: 'EmptyCall' });
});

test('a record made with another Go or Rust release is stale; a patch release is not', () => {
  const recorded = { go: 'go version go1.26.8 linux/amd64', rustc: 'rustc 1.95.0 (59807616e 2026-04-14)', cargo: 'cargo 1.95.0', cc: 'cc 12.2.0' };
  assert.deepEqual(toolchainDrift(recorded, { ...recorded, go: 'go version go1.26.9 linux/amd64', cc: 'cc 13.1.0' }), []);
  assert.deepEqual(toolchainDrift(recorded, { ...recorded, go: 'go version go1.25.4 linux/amd64' }), [
    'go: recorded with go version go1.26.8 linux/amd64, this machine has go version go1.25.4 linux/amd64',
  ]);
  assert.equal(toolchainDrift(recorded, { ...recorded, rustc: 'rustc 1.96.0 (abc 2026-06-01)' }).length, 1);
});
