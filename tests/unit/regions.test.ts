import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRegions, stripMarkers } from '../../src/lib/regions.ts';

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
