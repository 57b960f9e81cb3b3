/**
 * Accessibility gate: axe-core on a representative set of pages (every template, and every element shape any page
 * has: tests/support/templates.ts, docs/decisions.md 106), in light and dark, both as the system's preference
 * (prefers-color-scheme) and as the reader's pick with the toggle (data-theme set against the opposite system
 * preference), at desktop (1280px) and phone (375px) widths. Zero violations.
 *
 * Each page is loaded once and put through every state in place: the colour scheme is emulated, data-theme is set
 * the way the toggle sets it, and the viewport is resized. Per width:
 *   system light   every rule of AXE_TAGS
 *   system dark    the colour rules (the other rules see the same DOM in both themes)
 *   picked dark    computed colours of every element identical to system dark's, so axe's colour results carry over
 *   picked light   computed colours identical to system light's
 */
import assert from 'node:assert/strict';
import axe from 'axe-core';
import { after, before, describe, test } from 'node:test';
import { settled, startSite, type Site, type TrackedPage } from '../support/harness.ts';
import { report, splitWhere } from './report.ts';
import { browserPages } from '../support/templates.ts';

/** WCAG 2.0/2.1/2.2 A and AA, plus axe's best practices (decision in docs/decisions.md). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
/** The rules a colour theme can change the outcome of. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
const WIDTHS = [1280, 375];
const WORKERS = 2;

type Page = TrackedPage['page'];
let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe in the page (injected by `withAxe`) and returns one readable line per violation. */
async function axeViolations(page: Page, where: string, rules: 'all' | 'colour'): Promise<string[]> {
  const runOnly = rules === 'all' ? { type: 'tag', values: AXE_TAGS } : { type: 'rule', values: COLOUR_RULES };
  const violations = (await page.evaluate(
    (only) =>
      (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: unknown[] }> } }).axe
        .run(document, { runOnly: only, resultTypes: ['violations'] })
        .then((r) => r.violations),
    runOnly,
  )) as AxeViolation[];
  return violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `      ${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`)
      .join('\n');
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
    return `${where}: ${v.id} (${v.impact}) ${v.help}\n${nodes}${more}`;
  });
}

/** Makes axe available in every document the page opens, before the page's own scripts run. */
export const withAxe = (tracked: TrackedPage) => tracked.context.addInitScript(axe.source);

/**
 * Highlighted code has one span per token, thousands on a long page, each coloured by one of a dozen token styles
 * on the same code background. Checking each colour once per page is as strict and takes a fraction of the time, so
 * every further token with an already-seen style is unwrapped into its text first, as are the uncoloured line spans.
 */
const keepOneTokenPerColour = () => {
  const seen = new Set<string>();
  for (const span of document.querySelectorAll<HTMLElement>('pre span:not(.line)')) {
    const key = `${span.closest('pre')?.className} ${span.className} ${span.getAttribute('style')}`;
    if (seen.has(key)) span.replaceWith(...span.childNodes);
    else seen.add(key);
  }
  for (const span of document.querySelectorAll<HTMLElement>('pre span.line')) span.replaceWith(...span.childNodes);
};

/** Puts the page in a theme state: the system's scheme, and data-theme as the toggle sets it (or removes it). */
async function setTheme(page: Page, scheme: 'light' | 'dark', picked?: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate((t) => {
    if (t) document.documentElement.dataset.theme = t;
    else delete document.documentElement.dataset.theme;
  }, picked ?? null);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 0, g = 0, b = 0] = (bg.match(/[\d.]+/g) ?? []).map(Number);
  const shown = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.5 ? 'light' : 'dark';
  return shown === (picked ?? scheme) ? null : `the body background is ${bg}, not ${picked ?? scheme}`;
}

/** Every element's computed colours, in document order: equal lists mean equal contrast everywhere. */
const colours = () =>
  [document.body, ...document.body.querySelectorAll('*')].map((el) => {
    const s = getComputedStyle(el);
    return `${s.color} ${s.backgroundColor} ${s.borderTopColor} ${s.borderBottomColor} ${s.outlineColor} ${s.textDecorationColor} ${s.fill} ${s.stroke} ${s.opacity}`;
  });

async function sameColours(page: Page, reference: string[], where: string, what: string): Promise<string[]> {
  const now = await page.evaluate(colours);
  const i = now.findIndex((c, k) => c !== reference[k]);
  if (i < 0 && now.length === reference.length) return [];
  const el = await page.evaluate((k) => {
    const e = [document.body, ...document.body.querySelectorAll('*')][k];
    return e ? e.outerHTML.slice(0, 100) : '(missing)';
  }, i);
  return [`${where}: ${what} shows other colours than the system theme at ${el}: ${now[i]} vs ${reference[i]}`];
}

/** All states of one page, on an already-loaded page. */
async function checkStates(page: Page, url: string): Promise<string[]> {
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const at = (state: string) => `${url} [${state}, ${width}px]`;
    const wrong = (state: string, message: string | null) => (message ? [`${at(state)}: ${message}`] : []);
    problems.push(...wrong('system light', await setTheme(page, 'light')));
    problems.push(...(await axeViolations(page, at('system light'), 'all')));
    const light = await page.evaluate(colours);
    problems.push(...wrong('system dark', await setTheme(page, 'dark')));
    problems.push(...(await axeViolations(page, at('system dark'), 'colour')));
    const dark = await page.evaluate(colours);
    problems.push(...wrong('dark picked, system light', await setTheme(page, 'light', 'dark')));
    problems.push(...(await sameColours(page, dark, at('dark picked, system light'), 'the picked dark theme')));
    problems.push(...wrong('light picked, system dark', await setTheme(page, 'dark', 'light')));
    problems.push(...(await sameColours(page, light, at('light picked, system dark'), 'the picked light theme')));
  }
  return problems;
}

const pages = browserPages();

test('there are pages to check', () => {
  assert.ok(pages.length >= (process.env.HANDBOOK_ROUTES ? 1 : 5), `only ${pages.length} representative pages found in dist/`);
  if (!process.env.HANDBOOK_ROUTES)
    assert.ok(
      pages.some((p) => p.url.startsWith('/guides/') && p.url !== '/guides/'),
      'at least one guide page',
    );
});

// The pages are shared out between a few browser contexts.
describe('axe: zero violations on every template and element shape, in every theme state, at 1280px and 375px', { concurrency: WORKERS }, () => {
  for (let w = 0; w < WORKERS; w++) {
    const share = pages.filter((_, i) => i % WORKERS === w);
    test(`share ${w + 1} of ${WORKERS}: ${share.length} pages`, async () => {
      const tracked = await site.newPage();
      await withAxe(tracked);
      const { page } = tracked;
      const problems: string[] = [];
      for (const { url } of share) {
        const outside = tracked.outsideRequests.length;
        try {
          await page.setViewportSize({ width: 1280, height: 900 });
          await page.emulateMedia({ colorScheme: 'light' });
          await page.goto(site.base + url, { timeout: 15_000 });
          await settled(page, 100);
        } catch (e) {
          problems.push(`${url}: does not load: ${(e as Error).message.split('\n')[0]}`);
          continue;
        }
        // Disclosures (quiz answers, the sidebar on small screens) are checked open, so hidden content is checked too.
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        await page.evaluate(keepOneTokenPerColour);
        problems.push(...(await checkStates(page, url)));
        for (const u of tracked.outsideRequests.slice(outside)) problems.push(`${url}: requested ${u} from another host`);
      }
      if (w === 0) {
        // The search dialog, open with results.
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.emulateMedia({ colorScheme: 'light' });
        await page.goto(site.base + '/');
        await settled(page, 100);
        await page.locator('[data-search-open]').click();
        await page.locator('dialog[open] input').fill('cgo');
        await page.locator('dialog[open] .search-results li a').first().waitFor();
        problems.push(...(await checkStates(page, '/ with the search dialog open')));
      }
      await tracked.context.close();
      console.log(`axe: ${share.length} pages × 2 widths × 4 theme states${w === 0 ? ', and the open search dialog' : ''}: ${problems.length} problem(s)`);
      assert.ok(problems.length === 0, report(problems.map(splitWhere), 'accessibility problem'));
    });
  }
});
