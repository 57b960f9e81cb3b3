/**
 * No outside requests. Every built page's markup and every stylesheet names nothing to load from another host
 * (an image, script, stylesheet, frame, media, icon, preload or CSS url()); and in the browser, the representative
 * pages (tests/support/templates.ts), scrolled to the end so lazy content loads, ask nothing of any host but the site,
 * nor does a search: what a page's scripts request is the same on every page of its template. (The accessibility run
 * also fails on any outside request, in every theme and at both widths.)
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { builtPages, distDir, settled, startSite, type Site } from '../support/harness.ts';
import { elements, parseHtml, textOf } from '../support/html-tree.ts';
import { browserPages } from '../support/templates.ts';

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

/** Link types that load what they point at (a canonical or alternate address is only named). */
const LOADING_RELS = new Set([
  'stylesheet',
  'icon',
  'apple-touch-icon',
  'mask-icon',
  'manifest',
  'preload',
  'prefetch',
  'modulepreload',
  'preconnect',
  'dns-prefetch',
  'prerender',
]);
/** Attributes that make the browser fetch, on any element that has them. */
const LOADING_ATTRIBUTES = ['src', 'srcset', 'poster', 'data', 'background'];
const cssUrls = (css: string) => [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g)].map((m) => m[2] ?? m[4]!);
const outside = (ref: string) => /^(?:[a-z][a-z\d+.-]*:)?\/\//i.test(ref.trim()) && !/^(data|blob):/i.test(ref.trim());

test('no page or stylesheet names a resource on another host', () => {
  const problems: string[] = [];
  const pages = builtPages();
  for (const { file, url } of pages) {
    for (const el of elements(parseHtml(readFileSync(file, 'utf8')))) {
      const refs: string[] = [];
      for (const a of LOADING_ATTRIBUTES) {
        const v = el.attrs.get(a);
        if (v !== undefined && !(a === 'data' && el.tag !== 'object')) refs.push(...(a === 'srcset' ? v.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [v]));
      }
      if (el.tag === 'link' && (el.attrs.get('rel') ?? '').split(/\s+/).some((r) => LOADING_RELS.has(r.toLowerCase()))) refs.push(el.attrs.get('href') ?? '');
      refs.push(...cssUrls(el.attrs.get('style') ?? ''));
      if (el.tag === 'style') refs.push(...cssUrls(textOf(el)));
      for (const r of refs.filter(outside)) problems.push(`${url}:${el.line}: <${el.tag}> loads ${r}`);
    }
  }
  const css = (readdirSync(distDir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.css'));
  for (const f of css) for (const r of cssUrls(readFileSync(path.join(distDir, f), 'utf8')).filter(outside)) problems.push(`/${f}: loads ${r}`);
  console.log(`requests (markup): ${pages.length} pages and ${css.length} stylesheets read`);
  assert.ok(problems.length === 0, `${problems.length} problem(s):\n${problems.join('\n')}`);
});

const pages = browserPages();

test('no representative page asks another host for anything, nor does a search', async () => {
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
  console.log(`requests (browser): ${pages.length} representative pages, ${tracked.requests.length} requests to the site, ${tracked.outsideRequests.length} to other hosts`);
  assert.ok(problems.length === 0, `${problems.length} problem(s):\n${problems.join('\n')}`);
});
