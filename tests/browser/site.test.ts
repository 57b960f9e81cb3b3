import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { guidesDir } from '../../src/lib/sources/paths.ts';
import { loadExample } from '../../src/lib/sources/manifest.ts';
import { parseRegions } from '../../src/lib/sources/regions.ts';
import { readVerified } from '../../src/lib/sources/results.ts';
import { startSite, type Site, type TrackedPage } from '../support/harness.ts';

let site: Site;
const pages: TrackedPage[] = [];
const open = async (urlPath: string, options?: Parameters<Site['newPage']>[0]) => {
  const tracked = await site.newPage(options);
  pages.push(tracked);
  const response = await tracked.page.goto(site.base + urlPath);
  return { ...tracked, response };
};

before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

test('home page says what the site is and where to start', async () => {
  const { page, response } = await open('/');
  assert.equal(response?.status(), 200);
  assert.match(await page.locator('h1').innerText(), /Go ⇄ Rust Interop Handbook/);
  await page.getByRole('link', { name: /^Start with: Your first crossing/ }).click();
  await page.waitForURL('**/guides/your-first-crossing/');
});

test('a guide renders a region cut from the example source, highlighted', async () => {
  const { page } = await open('/guides/your-first-crossing/');
  const { dir } = loadExample('hello-boundary');
  const region = parseRegions(readFileSync(path.join(dir, 'rust/src/lib.rs'), 'utf8'), 'lib.rs').get('export')!;
  const block = page.locator('figure.code', { hasText: 'hello-boundary/rust/src/lib.rs · export' });
  assert.equal(await block.count(), 1);
  assert.equal((await block.locator('pre').innerText()).trim(), region.code.trim());
  assert.ok((await block.locator('pre span.k').count()) > 0, 'the code is highlighted');
  // Sidebar, table of contents and previous/next are there.
  assert.equal(await page.locator('.sidebar a[aria-current="page"]').innerText(), 'Your first crossing');
  assert.ok((await page.locator('.toc a').count()) > 3);
  assert.match(await page.locator('.guide-meta').innerText(), /min read/);
});

test('an example page shows its recorded output and benchmark figures', async () => {
  const { page } = await open('/examples/checksum/');
  const verified = readVerified(loadExample('checksum').dir)!;
  assert.equal((await page.locator('.recorded-output pre').innerText()).trimEnd(), verified.run.output.trimEnd());
  const table = page.locator('.bench table').first();
  assert.ok((await table.locator('tbody tr').count()) >= 8, 'a row per size');
  assert.match(await page.locator('.bench .provenance').last().innerText(), new RegExp(verified.machine.cpu));
  assert.match(await page.locator('#guides + ul').innerText(), /Your first crossing/);
});

test('search finds a term that appears in only one guide and navigates to it', async () => {
  const term = 'archsimd';
  const holders = readdirSync(guidesDir).filter((f) => readFileSync(path.join(guidesDir, f), 'utf8').includes(term));
  assert.deepEqual(holders, ['your-first-crossing.mdx'], `the search term must appear in exactly one guide`);
  const { page } = await open('/examples/');
  await page.keyboard.press('/');
  const input = page.getByRole('searchbox', { name: 'Search guides and examples' });
  await input.fill(term);
  const first = page.locator('.search-results li a').first();
  await first.waitFor();
  assert.match(await first.innerText(), /^Your first crossing( › |$)/);
  await input.press('Enter');
  await page.waitForURL(/\/guides\/your-first-crossing\/(#[\w-]+)?$/);
});

test('the theme follows the system and can be switched', async () => {
  const { page } = await open('/', { colorScheme: 'dark' });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await background();
  const toggle = page.locator('[data-theme-toggle]');
  await toggle.click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  assert.notEqual(await background(), dark);
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light', 'the choice is remembered');
  await toggle.click();
  assert.equal(await background(), dark);
  assert.match((await toggle.getAttribute('aria-label')) ?? '', /Colour theme: dark/);
});

test('an unknown address gets the 404 page with status 404', async () => {
  const tracked = await open('/guides/no-such-guide/');
  assert.equal(tracked.response?.status(), 404);
  assert.match(await tracked.page.locator('h1').innerText(), /Page not found/);
  // The browser logs the 404 status itself; that one message is expected here and nowhere else.
  assert.deepEqual(
    tracked.consoleErrors.map((e) => /status of 404/.test(e)),
    [true],
  );
  tracked.consoleErrors.length = 0;
});

test('readable on a phone: no horizontal scrolling', async () => {
  for (const p of ['/', '/guides/your-first-crossing/', '/examples/checksum/']) {
    const { page } = await open(p, { width: 375 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${p} scrolls sideways by ${overflow}px at 375px`);
  }
});

test('no page logged an error or asked for another host', () => {
  assert.ok(pages.length > 5);
  assert.deepEqual(
    pages.flatMap((p) => p.consoleErrors),
    [],
  );
  assert.deepEqual(
    pages.flatMap((p) => p.outsideRequests),
    [],
  );
});
