/**
 * Search quality: queries a reviewer would type, each of which must put the page that explains it first.
 * Runs the real Pagefind index through the site's own search dialog. A query whose page does not exist yet fails
 * (never skipped): the guide it names is still owed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { settled, startSite, type Site } from '../support/harness.ts';
import { QUERIES } from './search-queries.ts';

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

test('each reviewer query opens the section that explains it, first', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.base + '/');
  await settled(page);
  await page.keyboard.press('/');
  const input = page.locator('dialog[open] input');
  const problems: string[] = [];
  const table: string[] = [];
  for (const [query, expected] of QUERIES) {
    await input.fill(query);
    // The status names the query once its results are in (older, superseded searches are dropped).
    await page.locator('dialog[open] [data-status]', { hasText: `“${query}”` }).waitFor({ timeout: 10_000 });
    const results = await page.locator('dialog[open] .search-results li a').evaluateAll((as) =>
      as.map((a) => {
        const u = new URL((a as HTMLAnchorElement).href);
        return u.pathname + u.hash;
      }),
    );
    const first = results[0] ?? '(no results)';
    const rank = results.indexOf(expected);
    table.push(
      `  ${first === expected ? 'ok  ' : 'FAIL'} ${query.padEnd(20)} → ${first}${first === expected ? '' : ` (expected ${expected}${rank >= 0 ? `, ranked ${rank + 1}` : ', not in the first 8'})`}`,
    );
    if (first !== expected)
      problems.push(
        `search “${query}”: first result is ${first}, expected ${expected}${rank >= 0 ? ` (ranked ${rank + 1})` : ' (not among the results shown)'}; results: ${results.join(', ') || 'none'}`,
      );
  }
  await context.close();
  console.log(`search quality:\n${table.join('\n')}`);
  assert.ok(problems.length === 0, `${problems.length} of ${QUERIES.length} queries do not rank the right page first:\n${problems.join('\n')}`);
});
