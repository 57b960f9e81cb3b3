import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadExample, loadExamples } from '../../src/lib/sources/manifest.ts';

const valid = `title: Sample
summary: A sample example used by the unit tests of the manifest reader.
demonstrates: [something]
rust:
  crate: sample
  header: rust/include/sample.h
go:
  main: ./cmd/sample
files: [go/x.go]
benchmarks:
  claims:
    - id: fast
      says: The fast one is faster than the slow one.
      faster: Fast
      than: Slow
      by: 2
`;

function withManifest(text: string, files = ['rust/include/sample.h', 'go/x.go']) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
  const dir = path.join(root, 'sample');
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), '');
  }
  writeFileSync(path.join(dir, 'example.yaml'), text);
  return root;
}

test('a valid manifest loads with defaults filled in', () => {
  const ex = loadExample('sample', withManifest(valid));
  assert.equal(ex.manifest.benchmarks?.pattern, '.');
  assert.deepEqual(ex.manifest.go.env, {});
  assert.equal(ex.manifest.benchmarks?.claims[0]?.by, 2);
});

test('a wrong type names the file, the key and its line', () => {
  const root = withManifest(valid.replace('by: 2', 'by: twice'));
  assert.throws(
    () => loadExample('sample', root),
    (e: Error) => /sample\/example\.yaml:16: `benchmarks\.claims\.0\.by`/.test(e.message),
  );
});

test('an unknown key is rejected, not ignored', () => {
  const root = withManifest(valid.replace('title: Sample', 'title: Sample\ntitel: typo'));
  assert.throws(() => loadExample('sample', root), /example\.yaml:\d+: .*titel/);
});

test('broken YAML names the line', () => {
  const root = withManifest(valid.replace('  crate: sample', '  crate: [sample'));
  assert.throws(() => loadExample('sample', root), /example\.yaml:\d+: invalid YAML/);
});

test('a listed file that does not exist is an error', () => {
  const root = withManifest(valid, ['rust/include/sample.h']);
  assert.throws(() => loadExample('sample', root), /lists "go\/x\.go", which does not exist/);
});

test('a folder that looks like an example but has no manifest fails loudly', () => {
  const root = withManifest(valid);
  mkdirSync(path.join(root, 'half-done', 'go'), { recursive: true });
  assert.throws(() => loadExamples(root), /half-done\/example\.yaml: missing manifest/);
});

test("every schema problem is reported, each at its own key's line, not the enclosing map's", () => {
  const text = valid.replace('  crate: sample', '  crate: sample\n  crates: typo').replace('by: 2', 'by: twice');
  const root = withManifest(text);
  const line = (key: string) => text.split('\n').findIndex((l) => l.trimStart().startsWith(`${key}:`)) + 1;
  assert.throws(
    () => loadExample('sample', root),
    (e: Error) => {
      const lines = e.message.split('\n');
      assert.equal(lines.length, 2, e.message);
      assert.match(lines[0]!, new RegExp(`sample/example\\.yaml:${line('crates')}: \`rust\\.crates\`: `));
      assert.match(lines[1]!, new RegExp(`sample/example\\.yaml:${line('by')}: \`benchmarks\\.claims\\.0\\.by\`: `));
      return true;
    },
  );
});

test('a listed file outside the example folder is an error', () => {
  const root = withManifest(valid.replace('files: [go/x.go]', 'files: [../../package.json]'));
  assert.throws(() => loadExample('sample', root), /example\.yaml: lists "\.\.\/\.\.\/package\.json", which is outside/);
});
