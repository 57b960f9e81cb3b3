import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadExamples } from '../../src/lib/sources/manifest.ts';
import { resolveInside } from '../../src/lib/sources/paths.ts';
import { checkGuides } from '../../scripts/verify/guide-checks.ts';
import type { GuideSource } from '../../src/lib/sources/guides.ts';

/** A guide whose only content is one `<Code>` citation of `file` in hello-boundary, on line 7. */
const citing = (file: string): GuideSource =>
  ({ file: 'content/guides/x.mdx', body: '', bodyLine: 1, frontmatter: { examples: [] }, citations: [{ guide: 'content/guides/x.mdx', line: 7, example: 'hello-boundary', file }] }) as unknown as GuideSource;

test('a <Code> citation that climbs out of its example fails with the guide and line', () => {
  assert.deepEqual(checkGuides([citing('../../package.json')], loadExamples()), [
    'content/guides/x.mdx:7: cites "../../package.json", which is outside examples/hello-boundary/\n  → cite a file of the example, relative to its folder',
  ]);
  assert.match(checkGuides([citing('/etc/passwd')], loadExamples())[0]!, /^content\/guides\/x\.mdx:7: cites "\/etc\/passwd", which is outside/);
  assert.deepEqual(checkGuides([citing('go/../rust/src/lib.rs')], loadExamples()), [], 'a path that stays inside is fine');
});

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
