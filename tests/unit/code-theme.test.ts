import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlight } from '../../src/lib/render/highlight.ts';

const RUST = `/// A doc comment.
pub struct OhTally {
    counts: HashMap<String, u64>,
}
`;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x3C;/g, '<')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

test('highlighted code is compact: one span per run of one colour, no style attributes, the text unchanged', async () => {
  const html = await highlight(RUST, 'rust');
  assert.doesNotMatch(html, /\sstyle=/, 'a style attribute survived');
  const same = /<span class="([^"]+)">[^<]*<\/span><span class="\1">/.exec(html);
  assert.equal(same, null, `two neighbouring spans of one colour: ${same?.[0]}`);
  assert.match(html, /<span class="k">pub struct<\/span>/, 'keywords next to each other share a span');
  assert.equal(text(html), RUST);
});
