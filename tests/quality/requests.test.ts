/**
 * No outside requests: every built page, loaded in the browser and scrolled to the end so lazy content loads, asks
 * nothing of any host but the site; nor does a search. (The accessibility run also fails on any outside request, in
 * every theme and at both widths.)
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { builtPages, settled, startSite, type Site } from '../browser/harness.ts';

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const pages = builtPages();

test('no page asks another host for anything, nor does a search', async () => {
  const tracked = await site.newPage();
  const { page } = tracked;
  const problems: string[] = [];
  for (const { url } of pages) {
    const before = tracked.outsideRequests.length;
    try {
      await page.goto(site.base + url, { timeout: 15_000 });
      await settled(page, 100);
      // Lazy content (images, iframes, islands that load on sight) loads once it is scrolled into view.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await settled(page, 100);
      // A search loads Pagefind, its wasm, index and fragments: the same code on every page, so once.
      if (url === pages[0]!.url) {
        await page.locator('[data-search-open]').click();
        await page.locator('dialog[open] input').fill('cgo');
        await page.locator('dialog[open] .search-results li a').first().waitFor();
        await page.waitForLoadState('networkidle');
      }
    } catch (e) {
      problems.push(`${url}: does not load: ${(e as Error).message.split('\n')[0]}`);
    }
    for (const u of tracked.outsideRequests.slice(before)) problems.push(`${url}: requested ${u}`);
  }
  // The phone layout and the dark theme may load other things (media queries): the home page and a guide, once each.
  await page.setViewportSize({ width: 375, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  for (const url of pages.filter((p) => p.url === '/' || /^\/guides\/[^/]+\/$/.test(p.url)).map((p) => p.url)) {
    const before = tracked.outsideRequests.length;
    await page.goto(site.base + url);
    await settled(page, 100);
    for (const u of tracked.outsideRequests.slice(before)) problems.push(`${url} (375px, dark): requested ${u}`);
  }
  await tracked.context.close();
  // The CSS budget counts only the site's own stylesheets: Pagefind's UI bundles must stay unused.
  for (const r of new Set(tracked.requests.filter((r) => /pagefind-(component-|modular-)?ui|pagefind-highlight/.test(r)))) {
    problems.push(`a page loads ${r}, Pagefind's own UI, which the CSS budget does not count`);
  }
  console.log(`requests: ${pages.length} pages, ${tracked.requests.length} requests to the site, ${tracked.outsideRequests.length} to other hosts`);
  assert.ok(problems.length === 0, `${problems.length} problem(s):\n${problems.join('\n')}`);
});
