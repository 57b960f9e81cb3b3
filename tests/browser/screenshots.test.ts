/**
 * Screenshots of key pages at 1280×800 and 390×844 in both themes, compared with the baselines committed in
 * tests/browser/screenshots/ (pixelmatch, within a tolerance for anti-aliasing). A page that changed fails and leaves
 * the new shot and a diff image in test-results/screenshots/ for CI to keep. After an intended change, run with
 * UPDATE_SCREENSHOTS=1 and commit the new baselines. Animations are off and the caret hidden, so shots are stable.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { rootDir } from '../../src/lib/sources/paths.ts';
import { settled, startSite, type Site } from '../support/harness.ts';

const BASELINES = path.join(rootDir, 'tests/browser/screenshots');
const RESULTS = path.join(rootDir, 'test-results/screenshots');
/** Share of pixels allowed to differ (font hinting, anti-aliasing), and pixelmatch's per-pixel colour threshold. */
const MAX_DIFF = 0.001;
const THRESHOLD = 0.15;

/** name → how to reach the state to shoot. */
const SHOTS: Record<string, { url: string; act?: (page: import('playwright-core').Page) => Promise<void> }> = {
  home: { url: '/' },
  guide: { url: '/guides/your-first-crossing/' },
  example: { url: '/examples/checksum/' },
  checklists: { url: '/checklists/' },
  search: {
    url: '/search/?q=cgo.Handle',
    act: (page) => page.locator('[data-status]', { hasText: '“cgo.Handle”' }).waitFor(),
  },
  slide: {
    url: '/guides/your-first-crossing/?slide=3',
    act: (page) => page.locator('.present').waitFor(),
  },
};

let site: Site;
before(async () => {
  site = await startSite();
  mkdirSync(RESULTS, { recursive: true });
});
after(async () => {
  await site?.close();
});

for (const [name, shot] of Object.entries(SHOTS)) {
  test(`screenshot: ${name}`, async () => {
    const problems: string[] = [];
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const context = await site.browser.newContext({ viewport: { width, height }, colorScheme: theme, reducedMotion: 'reduce' });
        await context.addInitScript('globalThis.__name = (f) => f;'); // as the harness does: tsx's __name in evaluated code
        const page = await context.newPage();
        await page.goto(site.base + shot.url);
        await settled(page);
        await shot.act?.(page);
        await page.evaluate(() => document.fonts.ready.then(() => undefined)); // the site's fonts, never a fallback's shot
        const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
        await context.close();
        const file = `${name}-${width}-${theme}.png`;
        const baseline = path.join(BASELINES, file);
        if (process.env.UPDATE_SCREENSHOTS || !existsSync(baseline)) {
          if (!process.env.UPDATE_SCREENSHOTS) problems.push(`${file}: no baseline (run with UPDATE_SCREENSHOTS=1 and commit it)`);
          mkdirSync(BASELINES, { recursive: true });
          writeFileSync(process.env.UPDATE_SCREENSHOTS ? baseline : path.join(RESULTS, file), png);
          continue;
        }
        const want = PNG.sync.read(readFileSync(baseline));
        const got = PNG.sync.read(png);
        if (want.width !== got.width || want.height !== got.height) {
          writeFileSync(path.join(RESULTS, file), png);
          problems.push(`${file}: ${got.width}×${got.height}, baseline ${want.width}×${want.height}`);
          continue;
        }
        const diff = new PNG({ width: want.width, height: want.height });
        const changed = pixelmatch(want.data, got.data, diff.data, want.width, want.height, { threshold: THRESHOLD });
        const share = changed / (want.width * want.height);
        if (share > MAX_DIFF) {
          writeFileSync(path.join(RESULTS, file), png);
          writeFileSync(path.join(RESULTS, file.replace(/\.png$/, '.diff.png')), PNG.sync.write(diff));
          problems.push(`${file}: ${(share * 100).toFixed(2)}% of pixels differ (diff in test-results/screenshots/)`);
        }
      }
    }
    assert.equal(problems.length, 0, problems.join('\n'));
  });
}
