import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { sourceFiles } from '../../src/lib/sources/hash.ts';
import { loadExamples } from '../../src/lib/sources/manifest.ts';
import { parseRegions, sourceLineNumbers, stripMarkers } from '../../src/lib/sources/regions.ts';

const source = `package x

// region: outer
func A() {
	// region: inner
	x := 1
	// endregion
	_ = x
}
// endregion
`;

test('nested regions: markers removed, indentation trimmed, lines recorded', () => {
  const regions = parseRegions(source, 'x.go');
  assert.equal(regions.get('inner')?.code, 'x := 1');
  assert.equal(regions.get('inner')?.startLine, 6);
  assert.equal(regions.get('outer')?.code, 'func A() {\n\tx := 1\n\t_ = x\n}');
  assert.equal(stripMarkers(source), 'package x\n\nfunc A() {\n\tx := 1\n\t_ = x\n}');
});

test("a whole file's lines keep the repository's numbers: markers and blank edges left out, their numbers skipped", () => {
  assert.deepEqual(sourceLineNumbers(source), [1, 2, 4, 6, 8, 9]);
  assert.deepEqual(sourceLineNumbers('\n// region: a\n\nx\n// endregion\n'), [4]);
});

test('every example file: one number per shown line, each the line it was in the file', () => {
  for (const example of loadExamples()) {
    for (const file of sourceFiles(example.dir)) {
      const text = readFileSync(path.join(example.dir, file), 'utf8');
      const original = text.split('\n');
      const numbers = sourceLineNumbers(text);
      const shown = stripMarkers(text).split('\n');
      assert.equal(numbers.length, shown.length, `${example.slug}/${file}`);
      shown.forEach((line, i) => assert.ok(original[numbers[i]! - 1]!.endsWith(line), `${example.slug}/${file}:${numbers[i]} is not "${line}"`));
    }
  }
});

test('accepts # comments (TOML, YAML) as markers', () => {
  assert.equal(parseRegions('# region: deps\na = 1\n# endregion\n', 'Cargo.toml').get('deps')?.code, 'a = 1');
});

for (const [name, text, line, message] of [
  ['unclosed region', 'a\n// region: open\nb\n', 2, /region "open" is never closed/],
  ['endregion without region', 'a\n\n// endregion\n', 3, /without a `region:`/],
  ['duplicate name', '// region: a\n// endregion\n// region: a\n// endregion\n', 3, /defined twice/],
  ['bad name', '// region: Not Good\n// endregion\n', 1, /lower-case-with-dashes/],
] as const) {
  test(`rejects ${name} with file and line`, () => {
    assert.throws(
      () => parseRegions(text, 'go/x.go'),
      (e: Error) => message.test(e.message) && e.message.startsWith(`go/x.go:${line}:`),
    );
  });
}
