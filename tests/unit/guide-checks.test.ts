import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadExamples } from '../../src/lib/sources/manifest.ts';
import { checkGuides } from '../../scripts/verify/guide-checks.ts';
import type { GuideSource } from '../../src/lib/sources/guides.ts';

/** A guide whose only content is one `<Code>` citation of `file` in hello-boundary, on line 7. */
const citing = (file: string): GuideSource =>
  ({
    file: 'content/guides/x.mdx',
    body: '',
    bodyLine: 1,
    frontmatter: { examples: [] },
    citations: [{ guide: 'content/guides/x.mdx', line: 7, example: 'hello-boundary', file }],
  }) as unknown as GuideSource;

test('a <Code> citation that climbs out of its example fails with the guide and line', () => {
  assert.deepEqual(checkGuides([citing('../../package.json')], loadExamples()), [
    'content/guides/x.mdx:7: cites "../../package.json", which is outside examples/hello-boundary/\n  → cite a file of the example, relative to its folder',
  ]);
  assert.match(checkGuides([citing('/etc/passwd')], loadExamples())[0]!, /^content\/guides\/x\.mdx:7: cites "\/etc\/passwd", which is outside/);
  assert.deepEqual(checkGuides([citing('go/../rust/src/lib.rs')], loadExamples()), [], 'a path that stays inside is fine');
});

test('a <Figure> naming a measure or figure the record lacks fails with the guide and line', () => {
  const hello = loadExamples().find((e) => e.slug === 'hello-boundary')!;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'figure-'));
  const rec = JSON.parse(readFileSync(path.join(hello.dir, 'verified.json'), 'utf8'));
  rec.measures = [
    {
      id: 'startup',
      command: 'go run ./cmd/startup',
      toolchain: 'go version go1.26.8',
      mode: 'record',
      recordedAt: '2026-11-28T00:00:00Z',
      figures: [{ name: 'dlopen', value: 1, unit: 'ns' }],
    },
  ];
  writeFileSync(path.join(dir, 'verified.json'), JSON.stringify(rec));
  const example = { ...hello, dir };
  const guide = (tag: string): GuideSource =>
    ({ file: 'content/guides/x.mdx', body: `text\n${tag}\n`, bodyLine: 0, frontmatter: { examples: [] }, citations: [] }) as unknown as GuideSource; // body from file line 1: the tag is on line 2
  assert.deepEqual(checkGuides([guide('<Figure example="hello-boundary" measure="startup" name="dlopen" />')], [example]), []);
  assert.deepEqual(checkGuides([guide('<Figure example="hello-boundary" measure="start" name="dlopen" />')], [example]), [
    'content/guides/x.mdx:2: <Figure> names measure "start", which hello-boundary/verified.json does not have',
  ]);
  assert.deepEqual(checkGuides([guide('<Figure example="hello-boundary" measure="startup" name="spawn" />')], [example]), [
    'content/guides/x.mdx:2: <Figure> names figure "spawn", which measure "startup" of hello-boundary did not print',
  ]);
});

test('two guides with one order fail, naming both files', () => {
  const guide = (file: string, order: number) => ({ file, body: '', bodyLine: 0, frontmatter: { examples: [], order }, citations: [] }) as unknown as GuideSource;
  assert.deepEqual(checkGuides([guide('content/guides/a.mdx', 12), guide('content/guides/b.mdx', 12), guide('content/guides/c.mdx', 13)], []), [
    'content/guides/a.mdx, content/guides/b.mdx: front matter gives each `order: 12`; give each guide its own place',
  ]);
});
