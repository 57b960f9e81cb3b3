import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { componentDocs, currentComponents } from '../../scripts/docs-components.ts';
import { assertGuideComponentMap, guideComponentNames } from '../../src/lib/sources/guide-components.ts';
import { rootDir } from '../../src/lib/sources/paths.ts';

for (const doc of componentDocs) {
  test(`${doc.file} lists exactly the registry's guide components, as generated`, () => {
    const shown = currentComponents(readFileSync(path.join(rootDir, doc.file), 'utf8'), doc.file);
    const named = [...shown.matchAll(/`<(\w+)/g)].map((m) => m[1]!);
    const missing = guideComponentNames.filter((n) => !named.includes(n));
    const extra = named.filter((n) => !(guideComponentNames as string[]).includes(n));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${doc.file} disagrees with src/lib/sources/guide-components.ts: run \`npm run docs:components\``);
    assert.equal(shown, doc.generated(), `${doc.file} is not what src/lib/sources/guide-components.ts generates: run \`npm run docs:components\``);
  });
}

test('every guide component has its .astro file', () => {
  for (const n of guideComponentNames) assert.ok(existsSync(path.join(rootDir, 'src/components', `${n}.astro`)), `src/components/${n}.astro is missing`);
});

test("a guide page's component map must match the registry, naming what differs", () => {
  assert.doesNotThrow(() => assertGuideComponentMap(guideComponentNames, 'page'));
  assert.throws(
    () =>
      assertGuideComponentMap(
        guideComponentNames.filter((n) => n !== 'Measured'),
        'page',
      ),
    /page: .*no component for <Measured>/,
  );
  assert.throws(() => assertGuideComponentMap([...guideComponentNames, 'Chart'], 'page'), /not in the registry: <Chart>/);
});
