import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadGlossary } from '../../src/lib/sources/glossary.ts';

const entry = (id: string, term: string, extra = '') => `- id: ${id}
  term: ${term}
  side: Go
  definition: A definition long enough to be a real sentence.
  see: [{ guide: ownership, section: the-safety-net }]
${extra}`;

function glossaryFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'glossary-')), 'glossary.yaml');
  writeFileSync(file, text);
  return file;
}

test('the committed glossary is valid and sorted ignoring case and punctuation', () => {
  const terms = loadGlossary().map((e) => e.term);
  assert.ok(terms.length >= 20);
  assert.ok(terms.indexOf('#[repr(C)]') > terms.indexOf('race detector') && terms.indexOf('#[repr(C)]') < terms.indexOf('runtime.KeepAlive'));
});

test('a malformed entry names the file and the line of the key', () => {
  const file = glossaryFile(entry('pinner', 'runtime.Pinner') + entry('keepalive', 'runtime.KeepAlive').replace('side: Go', 'side: Java'));
  assert.throws(() => loadGlossary(file), /glossary\.yaml:8: `1\.side`/);
});

test('a version is written like "Go 1.21"', () => {
  const file = glossaryFile(entry('pinner', 'runtime.Pinner').replace('side: Go', 'side: Go\n  since: go1.21'));
  assert.throws(() => loadGlossary(file), /`0\.since`: like "Go 1\.21"/);
});

test('an id used twice is an error, since reviews link to it', () => {
  const file = glossaryFile(entry('pinner', 'runtime.Pinner') + entry('pinner', 'Pinner'));
  assert.throws(() => loadGlossary(file), /`1\.id`: id "pinner" is used twice/);
});
