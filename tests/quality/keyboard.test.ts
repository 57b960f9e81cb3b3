/**
 * Keyboard gate, on every built page at desktop and phone widths: the skip link comes first and moves focus to <main>;
 * Tab reaches every visible interactive control, each with a visible focus indicator; and every kind of control that
 * is not a plain link or field does something when pressed with Enter and with Space.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CDPSession } from 'playwright-core';
import { builtPages, settled, startSite, type Site, type TrackedPage } from '../browser/harness.ts';

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

type Page = TrackedPage['page'];

/** Marks every visible control that should take focus (data-kb="n") and returns a description of each. */
const markControls = () => {
  const focusable =
    'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
  const list: { id: string; what: string; kind: string; activatable: boolean }[] = [];
  const describe = (el: Element) => {
    const text = (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}> “${text}”`;
  };
  let n = 0;
  for (const el of document.querySelectorAll<HTMLElement>(focusable)) {
    // Skip what nobody can see (display:none, visibility:hidden, closed <details>, a closed dialog) and inert subtrees.
    if (!el.checkVisibility({ visibilityProperty: true }) || el.closest('[inert], dialog:not([open])')) continue;
    // Shiki makes code blocks focusable so they can be scrolled with the keyboard; that is checked below too.
    el.dataset.kb = String(n++);
    const role = el.getAttribute('role');
    const activatable = el.matches('button, summary, [role="button"], [role="tab"], [role="switch"], [role="checkbox"], [role="menuitem"]');
    const kind = `${el.tagName.toLowerCase()}${role ? `[role=${role}]` : ''}.${[...el.classList].sort().join('.')}${Object.keys(el.dataset).filter((k) => k !== 'kb').map((k) => `[data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`).join('')}`;
    list.push({ id: el.dataset.kb, what: describe(el), kind, activatable });
  }
  // Controls made of plain elements must be focusable too.
  const unreachable: string[] = [];
  for (const el of document.querySelectorAll<HTMLElement>('[role="button"], [role="link"], [role="tab"], [role="switch"], [role="checkbox"], [role="menuitem"], [onclick]')) {
    if (el.matches(focusable) || !el.checkVisibility()) continue;
    unreachable.push(describe(el));
  }
  return { list, unreachable };
};

/** Records, on every focus change, what got focus and whether it shows a focus indicator (an outline or a box-shadow). */
interface FocusEntry {
  kb: string | null;
  what: string;
  visible: boolean;
  focusVisible: boolean;
  onScreen: boolean;
  inDialog: boolean;
}
const recordFocus = () => {
  const log: FocusEntry[] = [];
  (window as unknown as { focusLog: typeof log }).focusLog = log;
  document.addEventListener('focusin', (e) => {
    const el = e.target as HTMLElement;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
    const r = el.getBoundingClientRect();
    log.push({
      kb: el.dataset.kb ?? null,
      what: `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}>`,
      visible: outline || shadow,
      focusVisible: el.matches(':focus-visible'),
      onScreen: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
      inDialog: !!el.closest('dialog'),
    });
  });
};

/** Loads `url` and waits for its scripts; focus starts from the top of the document even if the page moved it (/search/ focuses its field). */
async function load(page: Page, url: string) {
  await page.goto(site.base + url);
  await settled(page, 100);
  await page.evaluate(() => {
    const root = document.documentElement;
    root.tabIndex = -1;
    root.focus();
  });
}

/** Presses Tab `n` times through the DevTools protocol: the same key events as page.keyboard, a third of the round trips. */
async function pressTab(cdp: CDPSession, n: number) {
  for (let i = 0; i < n; i++) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 });
  }
}

async function checkPage(page: Page, cdp: CDPSession, url: string, where: string, operated: Set<string>, tally: { stops: number }): Promise<string[]> {
  const problems: string[] = [];
  await load(page, url);
  const { list, unreachable } = await page.evaluate(markControls);
  for (const u of unreachable) problems.push(`${where}: ${u} acts as a control but cannot take keyboard focus`);

  // 1. Tab through the whole page from the top, until focus leaves the page and comes back to the first control.
  await page.evaluate(recordFocus);
  const readLog = () => page.evaluate(() => (window as unknown as { focusLog: FocusEntry[] }).focusLog);
  let log: FocusEntry[] = [];
  for (let pressed = 0; pressed < list.length * 2 + 40; pressed += 20) {
    await pressTab(cdp, 20);
    log = await readLog();
    const ids = log.map((f) => f.kb).filter((k) => k !== null);
    if (new Set(ids).size < ids.length || log.some((f) => f.inDialog)) break;
  }
  const reached = new Set<string>();
  for (const f of log) {
    if (f.kb !== null) {
      if (reached.has(f.kb)) break; // wrapped around to the top
      reached.add(f.kb);
    }
    if (f.inDialog) {
      problems.push(`${where}: Tab moved into a dialog that was not opened (${f.what})`);
      break;
    }
    if (!f.visible) problems.push(`${where}: ${f.what} has no visible focus indicator (no outline or box-shadow)`);
    if (!f.focusVisible) problems.push(`${where}: ${f.what} does not match :focus-visible when reached by Tab`);
    if (!f.onScreen) problems.push(`${where}: ${f.what} is focused off screen (hidden or covered)`);
  }
  for (const c of list) if (!reached.has(c.id)) problems.push(`${where}: Tab never reaches ${c.what}`);
  tally.stops += reached.size;

  // 2. The first Tab lands on the skip link (on screen while focused, checked above), and Enter on it moves focus to <main>.
  if (!log[0]?.what.startsWith('<a.skip-link')) problems.push(`${where}: the first Tab focuses ${log[0]?.what ?? 'nothing'}, not the skip link`);
  else {
    await page.locator('a.skip-link').focus();
    await page.keyboard.press('Enter');
    const target = await page.evaluate(() => (document.activeElement as HTMLElement).id || document.activeElement?.tagName);
    if (target !== 'main') problems.push(`${where}: the skip link moves focus to ${target}, not <main id="main">`);
  }

  // 3. Each kind of activatable control responds to Enter and Space. One of each kind on the whole site: every copy
  //    button is the same component, as is the theme toggle on every page.
  const kinds = new Map<string, (typeof list)[number]>();
  for (const c of list) if (c.activatable && !kinds.has(c.kind) && !operated.has(c.kind)) kinds.set(c.kind, c);
  for (const c of kinds.values()) {
    operated.add(c.kind);
    for (const key of ['Enter', 'Space']) {
      await load(page, url);
      const again = (await page.evaluate(markControls)).list.find((x) => x.kind === c.kind);
      if (!again) {
        problems.push(`${where}: ${c.what} is gone after reloading the page`);
        break;
      }
      await page.locator(`[data-kb="${again.id}"]`).focus();
      await page.evaluate(() => {
        const w = window as unknown as { kbChanges: number };
        w.kbChanges = 0;
        new MutationObserver((records) => (w.kbChanges += records.length)).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        addEventListener('pagehide', () => (w.kbChanges += 1));
      });
      const before = page.url();
      await page.keyboard.press(key);
      await page.waitForTimeout(150);
      const changed = page.url() !== before || (await page.evaluate(() => (window as unknown as { kbChanges?: number }).kbChanges ?? 1)) > 0;
      if (!changed) problems.push(`${where}: pressing ${key} on ${c.what} changes nothing`);
    }
  }
  return problems;
}

const pages = builtPages();

describe('keyboard', { concurrency: 2 }, () => {
  for (const width of [1280, 375]) {
    test(`every control is reachable, visibly focused and operable (${width}px)`, async () => {
      const tracked = await site.newPage({ width });
      await tracked.context.grantPermissions(['clipboard-read', 'clipboard-write']);
      // Pressing Run must not build and run a real example here: the local runner answers with an immediate exit.
      await tracked.page.route('**/api/run/**', (route) =>
        route.fulfill({ contentType: 'application/x-ndjson', body: JSON.stringify({ t: 'exit', code: 0, ms: 1, timedOut: false, truncated: false, stopped: false }) + '\n' }),
      );
      const cdp = await tracked.context.newCDPSession(tracked.page);
      const problems: string[] = [];
      const operated = new Set<string>();
      const tally = { stops: 0 };
      for (const { url } of pages) problems.push(...(await checkPage(tracked.page, cdp, url, `${url} (${width}px)`, operated, tally)));
      console.log(`keyboard ${width}px: ${pages.length} pages, ${tally.stops} controls reached by Tab; pressed with Enter and Space: ${[...operated].join(', ')}`);
      await tracked.context.close();
      assert.ok(problems.length === 0, `${problems.length} keyboard problem(s):\n${problems.join('\n')}`);
    });
  }
});

test('search works from the keyboard alone: open, type, reach a result, close with Escape', async () => {
  const { page } = await site.newPage();
  await page.goto(site.base + '/guides/');
  // Tab to the Search link and press Enter: the dialog opens with focus in the field.
  let found = false;
  for (let i = 0; i < 10 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.matches('[data-search-open]') ?? false);
  }
  assert.ok(found, '/guides/: Tab never reaches the Search link in the header');
  await page.keyboard.press('Enter');
  await page.locator('dialog[open] input:focus').waitFor({ timeout: 5000 });
  await page.keyboard.type('cgo');
  await page.locator('dialog[open] .search-results li a').first().waitFor();
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement?.closest('.search-results') !== null), '/guides/: Tab from the search field does not reach the results');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('dialog[open]').count(), 0, '/guides/: Escape does not close the search dialog');
  assert.ok(await page.evaluate(() => document.activeElement?.matches('[data-search-open]')), '/guides/: focus does not return to the Search link after closing the dialog');
});

test('the theme toggle works from the keyboard', async () => {
  const { page } = await site.newPage({ colorScheme: 'dark' });
  await page.goto(site.base + '/');
  await page.locator('[data-theme-toggle]').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light', '/: Enter on the theme toggle does not switch to light');
  await page.keyboard.press('Space');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', '/: Space on the theme toggle does not switch to dark');
});
