import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGuide } from '../../src/lib/sources/guides.ts';

const guide = (frontmatter: string, body = 'Text.\n') => `---\n${frontmatter}\n---\n${body}`;
const fm = `title: A guide
summary: A guide used by the unit tests of the front matter reader.
order: 1
level: start`;

test('front matter loads with defaults', () => {
  const g = parseGuide(guide(fm), 'content/guides/a.mdx');
  assert.deepEqual(g.frontmatter.quiz, []);
  assert.equal(g.slug, 'a');
});

test('malformed front matter names the file and the line of the key', () => {
  assert.throws(() => parseGuide(guide(fm.replace('level: start', 'level: expert')), 'content/guides/a.mdx'), /content\/guides\/a\.mdx:5: `level`/);
});

test('a quiz question needs exactly one correct choice', () => {
  const quiz = `${fm}
quiz:
  - id: q
    question: Which one?
    choices: [{ text: a }, { text: b }]
    explanation: Because of reasons that matter.`;
  assert.throws(() => parseGuide(guide(quiz), 'g.mdx'), /exactly one choice/);
});

test('a guide without front matter is an error, not a blank page', () => {
  assert.throws(() => parseGuide('# Title\n', 'content/guides/b.mdx'), /content\/guides\/b\.mdx:1: no front matter/);
});

test('citations are found with their line numbers', () => {
  const body = 'Intro.\n\n<Code example="hello-boundary" file="go/hello.go" region="wrapper" />\n\n<Code\n  example="checksum"\n  file="go/rust.go"\n/>\n';
  const g = parseGuide(guide(fm, body), 'g.mdx');
  assert.deepEqual(
    g.citations.map((c) => [c.line, c.example, c.file, c.region]),
    [
      [9, 'hello-boundary', 'go/hello.go', 'wrapper'],
      [11, 'checksum', 'go/rust.go', undefined],
    ],
  );
});

test('attribute values may contain >', async () => {
  const { findElements } = await import('../../src/lib/sources/guides.ts');
  const [el] = findElements('<BenchChart example="checksum" mark="Go>Rust" />', 'g.mdx', ['BenchChart']);
  assert.deepEqual(el?.attrs, { example: 'checksum', mark: 'Go>Rust' });
});

test('a citation with an expression attribute is rejected', () => {
  assert.throws(() => parseGuide(guide(fm, '<Code example={x} file="a.go" />\n'), 'g.mdx'), /g\.mdx:7: .*plain string/);
});
