/**
 * Anchors a reader can cite (issue 13): a visible `#` link on every h2 and h3 of a guide, and line numbers with line
 * addresses (`#L42`) on example source pages, as a reader meets them in Chromium.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { loadExample } from '../../src/lib/sources/manifest.ts';
import { isMarker } from '../../src/lib/sources/regions.ts';
import { builtPages, startSite, type Site } from '../support/harness.ts';

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const guideUrls = builtPages()
  .map((p) => p.url)
  .filter((u) => /^\/guides\/[^/]+\/$/.test(u));

test('every h2 and h3 of a guide has a visible # link to itself, named after its section and reachable by Tab', async () => {
  const { page } = await site.newPage();
  const problems: string[] = [];
  for (const url of guideUrls) {
    await page.goto(site.base + url);
    const headings = await page.locator('article h2, article h3').evaluateAll((hs) =>
      hs.map((h) => {
        const a = h.querySelector<HTMLAnchorElement>(':scope > a:empty');
        return {
          id: h.id,
          text: h.textContent!.trim(),
          href: a?.getAttribute('href'),
          label: a ? document.getElementById(a.getAttribute('aria-labelledby') ?? '')?.textContent?.trim() : undefined,
          mark: a ? getComputedStyle(a, '::before').content : null,
          width: a?.getBoundingClientRect().width ?? 0,
        };
      }),
    );
    if (headings.length < 3) problems.push(`${url}: only ${headings.length} headings`);
    for (const h of headings) {
      if (h.href !== `#${h.id}`) problems.push(`${url} "${h.text}": anchor ${h.href}, want #${h.id}`);
      if (h.label !== h.text) problems.push(`${url} "${h.text}": accessible name ${h.label}`);
      if (!h.mark?.startsWith('"#"') || h.width < 4) problems.push(`${url} "${h.text}": no visible #`);
    }
  }
  assert.deepEqual(problems, []);
  // The # is in no name: the heading and its link are both named exactly by the heading's text.
  await page.goto(site.base + '/guides/ownership/');
  const first = page.locator('article h2 > a:empty').first();
  const name = await page.locator('article h2').first().innerText();
  assert.equal(await page.getByRole('heading', { name, exact: true }).count(), 1, "the # adds nothing to the heading's name");
  assert.equal(await page.getByRole('link', { name, exact: true }).count(), 2, 'the anchor and its "On this page" entry are links named after the section');
  // Tab reaches the first heading's anchor, and Enter follows it.
  let reached = false;
  for (let i = 0; i < 150 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await first.evaluate((a) => a === document.activeElement);
  }
  assert.ok(reached, 'Tab reaches the first heading anchor');
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).hash, await first.getAttribute('href'));
});

test('a slide shows its heading without the #', async () => {
  const { page } = await site.newPage();
  await page.goto(`${site.base}/guides/your-first-crossing/`);
  await page.getByRole('button', { name: 'Present this guide as slides' }).click();
  const deck = page.getByRole('dialog', { name: /^Presenting/ });
  await deck.waitFor();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  const heading = deck.locator('.present-slide h2');
  assert.equal(await heading.count(), 1);
  assert.equal(await heading.locator('a').isVisible(), false, 'no # link on a slide');
  assert.equal(await heading.innerText(), await page.locator('article h2').first().innerText());
});

test('a source page numbers its lines as the repository file does; #L<n> scrolls to and tints that line, without script too', async () => {
  const file = 'rust/src/lib.rs';
  const original = readFileSync(`${loadExample('checksum').dir}/${file}`, 'utf8').split('\n');
  // A line well down the file, after at least one region marker (so numbering by shown line would be wrong).
  const firstMarker = original.findIndex(isMarker);
  assert.ok(firstMarker >= 0, 'the file has region markers');
  const n = original.findIndex((l, i) => i > firstMarker + 20 && l.trim().length > 8 && !isMarker(l)) + 1;
  assert.ok(n > 0, 'the file has a line to address after its first marker');
  for (const javaScriptEnabled of [true, false]) {
    const context = await site.browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/examples/checksum/source/${file}/#L${n}`);
      assert.equal(await page.locator(`[id="L${n}"]`).count(), 1, `the page has a line numbered ${n}`);
      assert.equal(await page.locator(`a[href="#L${n}"]`).count(), 0, 'line numbers are targets, not links (Tab stops)');
      const r = await page.locator(`[id="L${n}"]`).evaluate(
        (number, want) => {
          const pre = number.closest('.numbered')!.querySelector('pre')!;
          const text = pre.textContent!;
          const gutter = [...number.parentElement!.children].map((x) => Number(x.textContent));
          const index = gutter.indexOf(Number(number.textContent));
          // The shown line at the same index as the number, and where it sits.
          const start = text.split('\n').slice(0, index).join('\n').length + (index ? 1 : 0);
          const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
          let offset = 0;
          let range: Range | undefined;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const len = node.textContent!.length;
            if (start < offset + len) {
              range = document.createRange();
              range.setStart(node, start - offset);
              range.setEnd(node, start - offset + 1);
              break;
            }
            offset += len;
          }
          const numberBox = number.getBoundingClientRect();
          const lineBox = range!.getBoundingClientRect();
          return {
            shown: text.split('\n')[index] ?? '',
            want,
            numberTop: numberBox.top,
            lineTop: lineBox.top,
            inView: numberBox.top >= 0 && numberBox.bottom <= innerHeight,
            tint: getComputedStyle(number, '::after').backgroundColor,
            plain: getComputedStyle(number.parentElement!.firstElementChild!, '::after').content,
          };
        },
        original[n - 1]!,
      );
      assert.equal(r.shown.trim(), r.want.trim(), `#L${n} is line ${n} of the repository's ${file}`);
      assert.ok(Math.abs(r.numberTop - r.lineTop) < 4, `number and code line align (${r.numberTop} vs ${r.lineTop})`);
      assert.ok(r.inView, `#L${n} is scrolled into view (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`);
      assert.notEqual(r.tint, 'rgba(0, 0, 0, 0)', 'the addressed line is tinted');
      assert.equal(r.plain, 'none', 'other lines are not');
      // The numbers are not selected with the code.
      const selected = await page.evaluate(() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('.numbered')!);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        return getSelection()!.toString();
      });
      assert.equal(selected.trim(), (await page.locator('.numbered pre').innerText()).trim(), 'a selection holds the code without its numbers');
    } finally {
      await context.close();
    }
  }
});
