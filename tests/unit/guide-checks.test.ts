import assert from 'node:assert/strict';
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
