import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ownersOf, parseCodeowners, type OwnerRule } from '../../src/lib/sources/codeowners.ts';
import { loadGuides } from '../../src/lib/sources/guides.ts';
import { loadExamples } from '../../src/lib/sources/manifest.ts';
import { relative, rootDir } from '../../src/lib/sources/paths.ts';

const CODEOWNERS = '.github/CODEOWNERS';
const TEMPLATE = '.github/pull_request_template.md';
const read = (f: string) => readFileSync(path.join(rootDir, f), 'utf8');
const RUST = '@go-rust-handbook/rust-owners';
const GO = '@go-rust-handbook/go-owners';

/** Each example's files both languages must agree on need a reviewer from each side; each side's files, its own. */
function unreviewed(rules: readonly OwnerRule[]): string[] {
  const gaps: string[] = [];
  for (const e of loadExamples()) {
    const dir = relative(e.dir);
    const want: [string, string[]][] = [
      [`${dir}/example.yaml`, [RUST, GO]],
      [`${dir}/rust/cbindgen.toml`, [RUST, GO]],
      [`${dir}/rust/src/lib.rs`, [RUST]],
      [`${dir}/go/go.mod`, [GO]],
    ];
    if (e.manifest.rust.header !== undefined) want.push([`${dir}/${e.manifest.rust.header}`, [RUST, GO]]);
    if (existsSync(path.join(e.dir, 'rust/abi.lock'))) want.push([`${dir}/rust/abi.lock`, [RUST, GO]]);
    for (const [file, owners] of want) {
      const rule = ownersOf(rules, file);
      const missing = owners.filter((o) => !rule?.owners.includes(o));
      if (missing.length) gaps.push(`${file}: ${CODEOWNERS}${rule ? `:${rule.line}` : ''} lacks ${missing.join(', ')}`);
    }
  }
  return gaps;
}

test('every example boundary file has a reviewer from each side', () => {
  assert.deepEqual(unreviewed(parseCodeowners(read(CODEOWNERS), CODEOWNERS)), []);
});

test('the ownership check fails when a boundary line is gone', () => {
  const without = read(CODEOWNERS).replace(/^\/examples\/\*\/rust\/include\/.*$/m, '');
  assert.match(unreviewed(parseCodeowners(without, CODEOWNERS)).join('\n'), /abi-evolution\/rust\/include\/abi_evolution\.h: .*lacks @go-rust-handbook\/go-owners/);
});

test('CODEOWNERS patterns match as GitHub matches them', () => {
  const rules = parseCodeowners('*  @a/all\n/examples/*/go/  @a/go\nabi.lock  @a/lock\n', 'x');
  assert.equal(ownersOf(rules, 'README.md')?.owners[0], '@a/all');
  assert.equal(ownersOf(rules, 'examples/checksum/go/rust.go')?.owners[0], '@a/go');
  assert.equal(ownersOf(rules, 'examples/checksum/go')?.owners[0], '@a/go');
  assert.equal(ownersOf(rules, 'examples/a/b/go/x.go')?.owners[0], '@a/all', '* does not cross a /');
  assert.equal(ownersOf(rules, 'examples/checksum/rust/abi.lock')?.owners[0], '@a/lock', 'unanchored matches at any depth');
  assert.throws(() => parseCodeowners('/docs/\n', 'x'), /x:1: want/);
});

/** The checklist ids a pull-request template cites (`- [ ] \`id\``) that no guide defines. */
function unknownIds(template: string): string[] {
  const ids = new Set(loadGuides().flatMap((g) => g.frontmatter.checklist.map((c) => c.id)));
  return [...template.matchAll(/^- \[ \] `([a-z0-9-]+)`/gm)].map((m) => m[1]!).filter((id) => !ids.has(id));
}

test('the pull-request template cites only checklist items that exist', () => {
  const template = read(TEMPLATE);
  assert.ok(unknownIds(template).length === 0, `${TEMPLATE} cites ${unknownIds(template).join(', ')}, which no guide's checklist has`);
  assert.ok([...template.matchAll(/^- \[ \] `/gm)].length >= 8, 'the template cites the checklists');
  assert.deepEqual(unknownIds(template.replace('`own-free-fn`', '`own-free-function`')), ['own-free-function']);
});
