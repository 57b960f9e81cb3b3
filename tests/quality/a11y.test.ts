/**
 * Accessibility gate: axe-core on every built page, in every theme state, at desktop and phone widths.
 * Theme states: the system's light and dark (prefers-color-scheme), and a theme the reader picked with the toggle
 * (data-theme) set against the opposite system preference, so the override itself is what gets checked.
 */
import assert from 'node:assert/strict';
import axe from 'axe-core';
import { after, before, describe, test } from 'node:test';
import { builtPages, startSite, type PageOptions, type Site, type TrackedPage } from '../browser/harness.ts';

/** WCAG 2.0/2.1/2.2 A and AA, plus axe's best practices (decision in docs/decisions.md). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface Combo extends PageOptions {
  name: string;
  expect: 'light' | 'dark';
}
const themes: Omit<Combo, 'width' | 'name'>[] = [
  { colorScheme: 'light', expect: 'light' },
  { colorScheme: 'dark', expect: 'dark' },
  { colorScheme: 'dark', theme: 'light', expect: 'light' },
  { colorScheme: 'light', theme: 'dark', expect: 'dark' },
];
const combos: Combo[] = [1280, 375].flatMap((width) =>
  themes.map((t) => ({
    ...t,
    width,
    name: `${t.theme ? `${t.theme} picked (system ${t.colorScheme})` : `system ${t.colorScheme}`}, ${width}px`,
  })),
);

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
async function axeViolations(page: TrackedPage['page'], where: string): Promise<string[]> {
  const violations = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: unknown[] }> } }).axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => r.violations),
    AXE_TAGS,
  ) as AxeViolation[];
  return violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `      ${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`)
      .join('\n');
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
    return `${where}: ${v.id} (${v.impact}) ${v.help}\n${nodes}${more}`;
  });
}

/** Rough relative luminance of a computed `rgb(…)` colour, to confirm which theme is showing. */
const luminance = (rgb: string) => {
  const [r = 0, g = 0, b = 0] = (rgb.match(/[\d.]+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

/** Makes axe available in every document the page opens, before the page's own scripts run. */
export const withAxe = (tracked: TrackedPage) => tracked.context.addInitScript(axe.source);

/**
 * Highlighted code has one span per token, thousands on a long page, each coloured by one of a dozen inline
 * `color: var(--code-token-…)` styles on the same code background. Checking each colour once per page is as strict and
 * takes a fraction of the time, so every further span with an already-seen style is unwrapped into its text first.
 */
const keepOneTokenPerColour = () => {
  const seen = new Set<string>();
  for (const span of document.querySelectorAll<HTMLElement>('pre span[style]')) {
    const key = `${span.closest('pre')?.className} ${span.getAttribute('style')}`;
    if (seen.has(key)) span.replaceWith(...span.childNodes);
    else seen.add(key);
  }
};

const pages = builtPages();

test('there are pages to check', () => {
  assert.ok(pages.length >= 5, `only ${pages.length} built pages found in dist/`);
});

// Two combos at a time: each has its own browser context and walks every page.
describe('axe: zero violations', { concurrency: 2 }, () => {
  for (const combo of combos) {
    test(combo.name, async () => {
      const tracked = await site.newPage(combo);
      await withAxe(tracked);
      const { page } = tracked;
      const problems: string[] = [];
      for (const { url } of pages) {
        await page.goto(site.base + url);
        // The reader's chosen theme (or the system's) must really be showing, or this run checks nothing new.
        const state = await page.evaluate(() => ({ theme: document.documentElement.dataset.theme, bg: getComputedStyle(document.body).backgroundColor }));
        if (combo.theme && state.theme !== combo.theme) problems.push(`${url} [${combo.name}]: data-theme is ${state.theme}, expected ${combo.theme}`);
        if ((luminance(state.bg) > 0.5 ? 'light' : 'dark') !== combo.expect) problems.push(`${url} [${combo.name}]: body background ${state.bg} is not ${combo.expect}`);
        // Disclosures (quiz answers, the sidebar on small screens) are checked open, so hidden content is checked too.
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        await page.evaluate(keepOneTokenPerColour);
        problems.push(...(await axeViolations(page, `${url} [${combo.name}]`)));
      }
      // The search dialog, open with results, on one page.
      await page.goto(site.base + '/');
      await page.keyboard.press('/');
      await page.locator('dialog[open] input').fill('cgo');
      await page.locator('dialog[open] .search-results li a').first().waitFor();
      problems.push(...(await axeViolations(page, `/ with the search dialog open [${combo.name}]`)));
      await tracked.context.close();
      assert.deepEqual(tracked.outsideRequests, [], 'requests to other hosts');
      assert.ok(problems.length === 0, `${problems.length} accessibility problem(s):\n${problems.join('\n')}`);
    });
  }
});

test('the checks cover every built page', () => {
  // Listing them makes a page that silently dropped out of the build visible in the log.
  console.log(`axe checked ${pages.length} pages × ${combos.length} theme/width states: ${pages.map((p) => p.url).join(' ')}`);
  assert.ok(pages.some((p) => p.url.startsWith('/guides/') && p.url !== '/guides/'), 'at least one guide page');
});
