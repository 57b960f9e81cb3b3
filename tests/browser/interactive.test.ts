import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SITE_URL } from '../../site.config.mjs';
import { startSite, type Site } from '../support/harness.ts';

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

test('Open in StackBlitz sends the example files (request intercepted, never sent)', async () => {
  const { page, context } = await site.newPage();
  const posts: URLSearchParams[] = [];
  await context.route('https://stackblitz.com/**', async (route) => {
    posts.push(new URLSearchParams(route.request().postData() ?? ''));
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<title>intercepted</title>' });
  });
  // The page checks that StackBlitz answers before it opens a window: here it does (intercepted too).
  await page.route('https://stackblitz.com/', (route) => route.fulfill({ status: 200, body: '' }));
  await page.goto(`${site.base}/examples/checksum/`);
  const popup = context.waitForEvent('page');
  await page.getByRole('button', { name: /Open the source/ }).click();
  await (await popup).waitForLoadState();
  const source = posts.at(-1)!;
  assert.equal(source.get('project[template]'), 'node');
  assert.match(source.get('project[files][rust/src/lib.rs]') ?? '', /pub unsafe extern "C" fn cs_adler32/);
  assert.doesNotMatch(source.get('project[files][go/rust.go]') ?? '', /region:/, 'region markers are stripped');
  assert.match(source.get('project[files][README.md]') ?? '', /cannot build Go or Rust/);
  assert.ok(source.get('project[files][rust/include/checksum.h]'));

  const popup2 = context.waitForEvent('page');
  await page.getByRole('button', { name: /Open the recorded results/ }).click();
  await (await popup2).waitForLoadState();
  const results = posts.at(-1)!;
  assert.match(results.get('project[files][analyze-results.ts]') ?? '', /export function analyze/);
  assert.equal(JSON.parse(results.get('project[files][verified.json]')!).example, 'checksum');
  assert.match(results.get('project[files][package.json]') ?? '', /"start": "tsx analyze-results.ts"/);
});

test('a knowledge check gives feedback and is remembered on the onboarding path', async () => {
  const { page, consoleErrors } = await site.newPage();
  await page.goto(`${site.base}/guides/your-first-crossing/`);
  const q = page.locator('[data-question="small-inputs"]');
  await q.getByRole('button', { name: 'Check answer' }).click();
  await q.getByText('Choose an answer first.').waitFor();
  await q.getByRole('radio', { name: /A\. Yes, Rust is faster/ }).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await q.getByText(/Not quite: the answer is B\./).waitFor();
  await q.getByRole('radio', { name: /B\. No, not one call/ }).press('Space'); // keyboard works as well as the mouse
  await q.getByRole('button', { name: 'Check answer' }).press('Enter');
  await q.getByText(/^Correct\./).waitFor();
  await page.getByRole('button', { name: 'Mark this guide as read' }).click();
  await page.waitForFunction(() => document.querySelector('[data-island="progress"]')?.getAttribute('aria-pressed') === 'true');
  await page.goto(`${site.base}/path/`);
  const entry = page.locator('[data-guide="your-first-crossing"] [data-state]');
  assert.match(await entry.innerText(), /^read, 1 of 4 questions answered correctly/);
  assert.match(await page.locator('[data-path-next]').innerText(), /Next to read: When Rust pays off/);
  assert.deepEqual(consoleErrors, []);
});

test('the checklists page copies ticked items as Markdown citing the configured site, grouped by guide, each item with a permalink', async () => {
  const { page, context } = await site.newPage();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.base });
  await page.goto(`${site.base}/checklists/`);
  await page.getByRole('button', { name: 'Copy ticked items as Markdown' }).click();
  await page.getByText('Nothing is ticked yet.').waitFor();
  await page.getByRole('checkbox', { name: /ffi-abi-version/ }).check();
  await page.getByRole('button', { name: 'Copy ticked items as Markdown' }).click();
  await page.getByText('Copied 1 item as Markdown.').waitFor();
  const md = await page.evaluate(() => navigator.clipboard.readText());
  // A citation pasted into a pull request links to the published site, not to the address this test serves it on.
  assert.equal(
    md,
    `- [x] [\`ffi-abi-version\`](${SITE_URL}/checklists/#check-ffi-abi-version) The Go wrapper checks the Rust library's ABI version against the header it was compiled with, before any call into Rust, and CI fails when the header's declarations change without a new ABI version. ([why](${SITE_URL}/guides/your-first-crossing/#check-the-abi-version-at-start-up))\n`,
  );
  await page.reload();
  assert.equal(await page.getByRole('checkbox', { name: /ffi-abi-version/ }).isChecked(), true, 'ticks are remembered');
  await page.getByRole('button', { name: 'Copy the full list as Markdown' }).click();
  const full = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(full.split('\n').filter(Boolean).length >= 8);
  assert.match(full, /^### Your first crossing\n\n- \[ \] \[`ffi-header-generated`\]/);
  const headings = full.match(/^### .+$/gm) ?? [];
  assert.equal(headings.length, await page.locator('[data-checklists] h2').count(), 'a heading per guide');
  assert.ok(!full.includes(site.base), 'no link to the local address');
  for (const li of await page.locator('.checklist li').all()) {
    const id = await li.getAttribute('id');
    assert.ok(await li.locator(`a[href="#${id}"]`).isVisible(), `${id} has a visible permalink`);
  }
});

test('present mode steps through the sections by keyboard and returns to the same place', async () => {
  const { page } = await site.newPage();
  await page.goto(`${site.base}/guides/your-first-crossing/`);
  await page.getByRole('button', { name: 'Present this guide as slides' }).click();
  const deck = page.getByRole('dialog', { name: /Presenting Your first crossing/ });
  await deck.waitFor();
  assert.match(await deck.locator('[data-count]').innerText(), /Slide 1 of \d+/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await deck.locator('.present-slide h2').innerText(), /The Rust side/);
  assert.ok((await deck.locator('.present-slide figure.code pre').count()) >= 1, 'a code region on the slide');
  assert.match(page.url(), /\?slide=3$/, 'the address names the slide');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Escape');
  await deck.waitFor({ state: 'detached' });
  const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
  assert.equal(focused, 'What a crossing costs');
  const top = await page.locator('#what-a-crossing-costs').evaluate((h) => h.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 200, `the page is back at the section last shown (heading at ${top}px)`);
});

test('speaker notes: hidden on the page and in print, shown under the slide of their section with N', async () => {
  const { page } = await site.newPage();
  await page.goto(`${site.base}/guides/build-and-linking/`);
  const notes = page.locator('article [data-notes]');
  assert.ok((await notes.count()) >= 1, 'the worked example has notes');
  const shown = async () => notes.evaluateAll((ns) => ns.filter((n) => (n as HTMLElement).offsetParent !== null || n.getClientRects().length > 0).length);
  assert.equal(await shown(), 0, 'no note shows on the page');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await shown(), 0, 'no note shows in print');
  await page.emulateMedia({ media: 'screen' });
  const first = (await notes.first().textContent())!;
  await page.getByRole('button', { name: 'Present this guide as slides' }).click();
  const deck = page.getByRole('dialog', { name: /^Presenting/ });
  await deck.waitFor();
  const panel = deck.getByRole('complementary', { name: 'Speaker notes' });
  assert.equal(await panel.isVisible(), false, 'notes are closed until asked for');
  await page.keyboard.press('ArrowRight'); // the first section, whose notes are the guide's first
  await page.keyboard.press('n');
  assert.equal(await deck.getByRole('button', { name: 'Notes (N)' }).getAttribute('aria-pressed'), 'true');
  assert.equal((await panel.innerText()).replace(/\s+/g, ' ').trim(), first.replace(/\s+/g, ' ').trim());
  assert.equal(await deck.locator('.present-content [data-notes]').evaluateAll((ns) => ns.filter((n) => n.getClientRects().length).length), 0, 'notes are not on the slide');
  const fits = await page.evaluate(() => {
    const stage = document.querySelector<HTMLElement>('.present-slide')!;
    return document.querySelector('.present-content')!.getBoundingClientRect().bottom <= stage.getBoundingClientRect().bottom + 1;
  });
  assert.ok(fits, 'with the notes open the slide still fits above them');
  await page.keyboard.press('n');
  assert.equal(await panel.isVisible(), false);
});

test('guide pages load no island code until a reader uses one', async () => {
  const { page } = await site.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
  await page.goto(`${site.base}/guides/your-first-crossing/`);
  await page.waitForLoadState('networkidle');
  const islands = /\/(quiz|present|progress|stackblitz|sdk)[^/]*\.js$/;
  assert.deepEqual(
    scripts.filter((s) => islands.test(s)),
    [],
  );
  await page.getByRole('button', { name: 'Present this guide as slides' }).click();
  await page.getByRole('dialog').waitFor();
  assert.ok(
    scripts.some((s) => /present[^/]*\.js$/.test(s)),
    `present mode's code loads on use (loaded: ${scripts.join(', ')})`,
  );
});
