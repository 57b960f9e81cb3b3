/** A guide printed as a session handout: light on paper whatever theme the screen shows, without the site's controls. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { settled, startSite, type Site } from '../support/harness.ts';

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

/** Relative luminance of a computed `rgb(…)` colour, 0 (black) to 1 (white). */
const luminance = (rgb: string) => {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? [])
    .slice(0, 3)
    .map((v) => Number(v) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};

for (const theme of ['light', 'dark'] as const) {
  test(`printing a guide from the ${theme} theme gives light paper, light code and no navigation`, async () => {
    const context = await site.browser.newContext({ colorScheme: theme });
    await context.addInitScript('globalThis.__name = (f) => f;'); // as the harness does: tsx's __name in evaluated code
    const page = await context.newPage();
    await page.goto(`${site.base}/guides/your-first-crossing/`);
    await settled(page);
    await page.emulateMedia({ media: 'print' });
    const seen = await page.evaluate(() => {
      const bg = (sel: string) => getComputedStyle(document.querySelector(sel)!).backgroundColor;
      return { body: bg('body'), pre: bg('figure.code pre'), inline: bg('.prose p code'), header: getComputedStyle(document.querySelector('.site-header')!).display };
    });
    await context.close();
    for (const [what, colour] of Object.entries({ body: seen.body, 'a code block': seen.pre, 'inline code': seen.inline })) {
      assert.ok(luminance(colour) > 0.8, `${what} prints on ${colour}, not a light background`);
    }
    assert.equal(seen.header, 'none', 'the site header is left off the handout');
  });
}
