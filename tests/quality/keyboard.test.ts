/**
 * Keyboard gate, on a representative set of pages (every template, and every element shape any page has:
 * tests/support/templates.ts, docs/decisions.md 106) at desktop and phone widths: the skip link comes first and moves focus to <main>;
 * Tab reaches every visible interactive control, each with a visible focus indicator; and every kind of control that
 * is not a plain link or field does something when pressed with Enter and with Space.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CDPSession } from 'playwright-core';
import { settled, startSite, type Site, type TrackedPage } from '../support/harness.ts';
import { report, splitWhere } from './report.ts';
import { browserPages } from '../support/templates.ts';

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

type Page = TrackedPage['page'];
const WIDTHS = [1280, 375];
const WORKERS = 2;

/** Marks every visible control that should take focus (data-kb="n") and returns a description of each. */
const markControls = () => {
  const focusable =
    'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
  const list: { id: string; what: string; kind: string; activatable: boolean; group: string | null }[] = [];
  const describe = (el: Element) => {
    const text = (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}> “${text}”`;
  };
  for (const el of document.querySelectorAll<HTMLElement>('[data-kb]')) delete el.dataset.kb;
  let n = 0;
  for (const el of document.querySelectorAll<HTMLElement>(focusable)) {
    // Skip what nobody can see (display:none, visibility:hidden, closed <details>, a closed dialog) and inert subtrees.
    if (!el.checkVisibility({ visibilityProperty: true }) || el.closest('[inert], dialog:not([open])')) continue;
    // Shiki makes code blocks focusable so they can be scrolled with the keyboard; that is checked below too.
    el.dataset.kb = String(n++);
    const role = el.getAttribute('role');
    const activatable = el.matches('button, summary, [role="button"], [role="tab"], [role="switch"], [role="checkbox"], [role="menuitem"]');
    const kind = `${el.tagName.toLowerCase()}${role ? `[role=${role}]` : ''}.${[...el.classList].sort().join('.')}${Object.keys(el.dataset)
      .filter((k) => k !== 'kb')
      .map((k) => `[data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`)
      .join('')}`;
    // Tab stops once in a group of radio buttons (arrow keys move within it): reaching one reaches the group.
    const radio = el instanceof HTMLInputElement && el.type === 'radio' && el.name;
    const group = radio ? `radio ${el.closest('form, fieldset')?.id ?? ''} ${(el as HTMLInputElement).name}` : null;
    list.push({ id: el.dataset.kb, what: describe(el), kind, activatable, group });
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
  const w = window as unknown as { focusLog?: FocusEntry[] };
  if (w.focusLog) {
    w.focusLog.length = 0; // listening already: start a new log
    return;
  }
  const log: FocusEntry[] = [];
  w.focusLog = log;
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
  await page.goto(site.base + url, { timeout: 15_000 });
  await settled(page, 100);
}

/**
 * Presses Tab `n` times through the DevTools protocol: the key events page.keyboard sends, sent in one go (the browser
 * handles a session's input events in order) instead of one round trip each.
 */
async function pressTab(cdp: CDPSession, n: number) {
  const sent: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) {
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 }));
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 }));
  }
  await Promise.all(sent);
}

/**
 * Reloads `url`, then activates the first control of `kind` with a key or a click; true when that changed the page
 * (any DOM mutation, or navigation), undefined when there is no such control.
 */
async function activate(page: Page, url: string, kind: string, how: 'Enter' | 'Space' | 'click'): Promise<boolean | undefined> {
  await load(page, url);
  const control = (await page.evaluate(markControls)).list.find((x) => x.kind === kind);
  if (!control) return undefined;
  const locator = page.locator(`[data-kb="${control.id}"]`);
  await locator.focus();
  await page.evaluate(() => {
    const w = window as unknown as { kbChanges: number };
    w.kbChanges = 0;
    new MutationObserver((records) => (w.kbChanges += records.length)).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const before = page.url();
  if (how === 'click') await locator.click();
  else await page.keyboard.press(how);
  // Some controls act after an import or a fetch: wait up to 2 s for the first change. A page that navigated away has
  // no counter left: that is a change too.
  const changed = await page
    .waitForFunction(() => ((window as unknown as { kbChanges?: number }).kbChanges ?? 1) > 0, undefined, { timeout: 2000, polling: 50 })
    .then(() => true)
    .catch(() => false);
  return changed || page.url() !== before;
}

/** Moves the start of sequential focus navigation to the top of the document, as on a fresh load. */
const focusTop = () => {
  const root = document.documentElement;
  root.tabIndex = -1;
  root.focus();
};

/** Tab walk, skip link, and (at the first width) each new kind of control pressed; one load for both widths. */
async function checkPage(page: Page, cdp: CDPSession, url: string, operated: Set<string>, tally: Record<number, number>): Promise<string[]> {
  const problems: string[] = [];
  try {
    await page.setViewportSize({ width: WIDTHS[0]!, height: 900 });
    await load(page, url);
  } catch (e) {
    return [`${url}: does not load: ${(e as Error).message.split('\n')[0]}`];
  }
  let kindsHere: ReturnType<typeof markControls>['list'] = [];
  for (const width of WIDTHS) {
    const where = `${url} (${width}px)`;
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(focusTop);
    const { list, unreachable } = await page.evaluate(markControls);
    if (width === WIDTHS[0]) kindsHere = list;
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
    const reachedGroups = new Set(list.filter((c) => c.group && reached.has(c.id)).map((c) => c.group));
    for (const c of list) if (!reached.has(c.id) && !(c.group && reachedGroups.has(c.group))) problems.push(`${where}: Tab never reaches ${c.what}`);
    tally[width] = (tally[width] ?? 0) + reached.size;

    // 2. The first Tab lands on the skip link (on screen while focused, checked above), and Enter on it moves focus to <main>.
    if (!log[0]?.what.startsWith('<a.skip-link')) problems.push(`${where}: the first Tab focuses ${log[0]?.what ?? 'nothing'}, not the skip link`);
    else {
      await page.locator('a.skip-link').focus();
      await page.keyboard.press('Enter');
      const target = await page.evaluate(() => (document.activeElement as HTMLElement).id || document.activeElement?.tagName);
      if (target !== 'main') problems.push(`${where}: the skip link moves focus to ${target}, not <main id="main">`);
    }
  }

  // 3. Each kind of activatable control responds to Enter and Space. One of each kind on the whole site: every copy
  //    button is the same component, as is the theme toggle on every page.
  const where = `${url} (${WIDTHS[0]}px)`;
  await page.setViewportSize({ width: WIDTHS[0]!, height: 900 });
  const kinds = new Map<string, (typeof kindsHere)[number]>();
  for (const c of kindsHere) if (c.activatable && !kinds.has(c.kind) && !operated.has(c.kind)) kinds.set(c.kind, c);
  for (const c of kinds.values()) {
    operated.add(c.kind);
    for (const key of ['Enter', 'Space'] as const) {
      const changed = await activate(page, url, c.kind, key);
      if (changed === undefined) {
        problems.push(`${where}: ${c.what} is gone after reloading the page`);
        break;
      }
      // A control may do nothing in the page's first state (“Untick all” with nothing ticked): then a click must do nothing too.
      if (!changed && (await activate(page, url, c.kind, 'click'))) problems.push(`${where}: pressing ${key} on ${c.what} changes nothing, but a click does`);
    }
  }
  return problems;
}

const pages = browserPages();

const operated = new Set<string>();
const tally: Record<number, number> = {};

describe('keyboard: every control reachable by Tab and visibly focused (1280px and 375px), each kind operable', { concurrency: WORKERS }, () => {
  for (let w = 0; w < WORKERS; w++) {
    const share = pages.filter((_, i) => i % WORKERS === w);
    test(`share ${w + 1} of ${WORKERS}: ${share.length} pages`, async () => {
      const tracked = await site.newPage();
      await tracked.context.grantPermissions(['clipboard-read', 'clipboard-write']);
      // Pressing Run must not build and run a real example here: the local runner answers with an immediate exit.
      await tracked.page.route('**/api/run/**', (route) =>
        route.fulfill({ contentType: 'application/x-ndjson', body: JSON.stringify({ t: 'exit', code: 0, ms: 1, timedOut: false, truncated: false, stopped: false }) + '\n' }),
      );
      // Open in StackBlitz opens stackblitz.com in a new window: a reader's choice, not a page load. The window is
      // closed and nothing leaves the machine.
      await tracked.context.route(
        (u) => u.origin !== site.base && u.protocol !== 'data:' && u.protocol !== 'blob:',
        (route) => route.abort(),
      );
      tracked.context.on('page', (p) => void (p !== tracked.page && p.close()));
      const cdp = await tracked.context.newCDPSession(tracked.page);
      const problems: string[] = [];
      for (const { url } of share) problems.push(...(await checkPage(tracked.page, cdp, url, operated, tally)));
      await tracked.context.close();
      assert.ok(problems.length === 0, report(problems.map(splitWhere), 'keyboard problem'));
    });
  }
});

test('the keyboard checks covered every representative page', () => {
  console.log(
    `keyboard: ${pages.length} representative pages; controls reached by Tab: ${WIDTHS.map((w) => `${tally[w] ?? 0} at ${w}px`).join(', ')}; pressed with Enter and Space: ${[...operated].join(', ')}`,
  );
  assert.ok((tally[WIDTHS[0]!] ?? 0) > pages.length, 'the Tab walks reached almost nothing');
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
