import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkGuides } from '../../scripts/verify/guide-checks.ts';
import { findCitations, type GuideSource } from '../../src/lib/sources/guides.ts';
import { highlight } from '../../src/lib/render/highlight.ts';
import { lineCount, parseHighlight } from '../../src/lib/render/line-marks.ts';
import { loadExamples } from '../../src/lib/sources/manifest.ts';

test('highlight="…" reads lines and ranges, counted from the first line shown', () => {
  assert.deepEqual([...parseHighlight('2-4, 7', 9, 'g.mdx:3')], [2, 3, 4, 7]);
  assert.equal(lineCount('a\nb\n'), 2);
  for (const bad of ['0', '4-2', 'x', '3-', '1-10']) assert.throws(() => parseHighlight(bad, 9, 'g.mdx:3'), /^SourceError: g\.mdx:3: <Code highlight=/, bad);
});

test('marked lines are wrapped for their tint, and only they', async () => {
  const html = await highlight('a := 1\nb := 2\nc := 3\n', 'go', new Set([2]));
  assert.equal((html.match(/class="hl"/g) ?? []).length, 1);
  assert.match(html, /<span class="hl">b <span class="k">:=<\/span>/);
});

test('a highlight past the end of the region fails verify with the guide and line', () => {
  const body = '\nIntro.\n\n<Code example="hello-boundary" file="go/hello.go" region="wrapper" highlight="9-40" />\n';
  const citations = findCitations(body, 'content/guides/x.mdx', 7);
  const guide = { file: 'content/guides/x.mdx', body: '', bodyLine: 7, frontmatter: { examples: [] }, citations } as unknown as GuideSource;
  assert.deepEqual(checkGuides([guide], loadExamples()), [
    'content/guides/x.mdx:11: <Code highlight="9-40">: line 40 is past the end: the code shown has 14 lines\n  → write line numbers or ranges within 1-14, counted from the first line shown, e.g. highlight="2-4,7"',
  ]);
  citations[0]!.highlight = '9-13';
  assert.deepEqual(checkGuides([guide], loadExamples()), []);
});
