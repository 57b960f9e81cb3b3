import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSnippet } from '../../src/lib/sources/snippets.ts';

test('a region that no longer exists fails, naming the citing guide and the regions there are', () => {
  assert.throws(
    () => loadSnippet('hello-boundary', 'go/hello.go', 'gone', 'content/guides/a.mdx:12'),
    (e: Error) => e.message.startsWith('content/guides/a.mdx:12: cites region "gone"') && /it has: preamble, wrapper, abi-check/.test(e.message),
  );
});

test('a missing file fails the same way', () => {
  assert.throws(() => loadSnippet('hello-boundary', 'go/nope.go', undefined, 'content/guides/a.mdx:3'), /a\.mdx:3: cites hello-boundary\/go\/nope\.go, which does not exist/);
});
