/**
 * Checks that look: computed styles and geometry of the built pages as a reader's browser renders them, for the
 * defects the markup checks cannot see (issue 13). Each test names the defect it guards.
 */
import assert from 'node:assert/strict';
import axe from 'axe-core';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { builtPages, inParallel, settled, startSite, type PageOptions, type Site } from '../support/harness.ts';
import { browserPages } from '../support/templates.ts';

let site: Site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const THEMES = ['light', 'dark'] as const;

/** Fails listing the first few problems and how many there are in all. */
function assertNone(problems: string[]): void {
  assert.equal(problems.length, 0, `${problems.length} problems:\n${problems.slice(0, Number(process.env.SHOW_PROBLEMS ?? 12)).join('\n')}`);
}

/** Loads every url in one of two tabs opened with `options`, and hands each loaded page to `check`. */
async function visitAll(urls: string[], options: PageOptions, check: (page: Page, url: string) => Promise<void>): Promise<void> {
  const halves = [urls.filter((_, i) => i % 2 === 0), urls.filter((_, i) => i % 2 === 1)];
  await inParallel(halves, 2, async (half) => {
    const { page } = await site.newPage(options);
    for (const url of half) {
      await page.goto(site.base + url, { waitUntil: 'load' });
      await check(page, url);
    }
  });
}
/**
 * What a page looks like is its template's and its element shapes' (docs/decisions.md 106): the checks of every page
 * visit the representative pages, which hold every shape and the longest line, word and widest table of each kind.
 */
const representatives = browserPages();
/** Representatives whose HTML holds highlighted code (a keyword token). */
const codePages = representatives.filter((p) => /<pre class="[^"]*\bhandbook\b[^>]*>[\s\S]*?<span class="k/.test(p.html));

test('highlighted code: a keyword and a plain token differ in colour, in both themes, on every page with code (defect 1)', async () => {
  assert.ok(codePages.length >= 5, `expected guides and source pages among ${codePages.length} representatives with code`);
  const failures: string[] = [];
  for (const theme of THEMES) {
    await visitAll(
      codePages.map((p) => p.url),
      { theme, colorScheme: theme },
      async (page, url) => {
        const colours = await page.evaluate(() =>
          [...document.querySelectorAll('pre.handbook')].flatMap((pre) => {
            const k = pre.querySelector('.k');
            return k ? [{ plain: getComputedStyle(pre).color, keyword: getComputedStyle(k).color }] : [];
          }),
        );
        const same = colours.filter((c) => c.plain === c.keyword);
        if (same.length) failures.push(`${url} (${theme}): ${same.length} of ${colours.length} blocks show keywords in the plain colour ${same[0]!.plain}`);
      },
    );
  }
  assertNone(failures);
});

test('code bar: Copy at the bar’s end, Run or Output only on a file that runs, its output labelled (defect 2)', async () => {
  const { page } = await site.newPage();
  // As on a static host: no local runner, so the button shows the recorded output rather than building the example.
  await page.route('**/api/runner.json', (route) => route.fulfill({ json: { examples: [] } }));
  const bar = async (url: string) => {
    await page.goto(site.base + url);
    await settled(page);
    return page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('figure.code .code-head')].map((head) => {
        const copy = head.querySelector<HTMLElement>('[data-copy]')!;
        return {
          buttons: [...head.querySelectorAll('button')].map((b) => b.textContent),
          copyGap: head.getBoundingClientRect().right - copy.getBoundingClientRect().right,
        };
      }),
    );
  };
  for (const url of ['/examples/checksum/source/rust/Cargo.toml/', '/examples/checksum/source/rust/src/lib.rs/', '/guides/your-first-crossing/']) {
    for (const b of await bar(url)) {
      assert.deepEqual(b.buttons, ['Copy'], `${url}: a file that does not run has Copy alone`);
      assert.ok(b.copyGap < 12, `${url}: Copy sits ${b.copyGap}px from the bar's end`);
    }
  }
  const [main] = await bar('/examples/checksum/source/go/cmd/checksum/main.go/');
  assert.deepEqual(main!.buttons, ['Output', 'Copy']);
  assert.ok(main!.copyGap < 12, `Copy sits ${main!.copyGap}px from the bar's end`);
  await page.getByRole('button', { name: /recorded output/ }).click();
  // The label is filled when the recorded output has been fetched: wait for its text, not for the element.
  await page.locator('[data-run-label]', { hasText: /\S/ }).waitFor();
  assert.match(await page.locator('[data-run-label]').innerText(), /^Recorded output of go run/);
});

test('without JavaScript no page shows a button, since none could work (defect 7)', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  try {
    const page = await context.newPage();
    for (const { url } of representatives) {
      await page.goto(site.base + url, { waitUntil: 'load' });
      const visible = await page.locator('button:visible').allInnerTexts();
      if (visible.length) problems.push(`${url}: ${visible.map((t) => JSON.stringify(t.trim())).join(', ')}`);
    }
  } finally {
    await context.close();
  }
  assertNone(problems);
});

/** What a reader sees of an element: its colours, border and the text before and after it. */
const looks = (el: Element) => {
  const s = getComputedStyle(el);
  return [s.backgroundColor, s.color, s.borderColor, getComputedStyle(el, '::before').content, getComputedStyle(el, '::after').content].join(' | ');
};

test('progress is visible: a pressed toggle looks different, read guides are marked where listed, /path/ reads cleanly (defect 5)', async () => {
  const { page } = await site.newPage();
  await page.goto(`${site.base}/guides/your-first-crossing/`);
  await settled(page);
  const mark = page.getByRole('button', { name: 'Mark this guide as read' });
  const sidebarLink = page.locator('.sidebar a[data-guide-link][href="/guides/your-first-crossing/"]');
  const before = { button: await mark.evaluate(looks), link: await sidebarLink.evaluate(looks) };
  await mark.click();
  await page.waitForFunction(() => document.querySelector('[data-island="progress"]')?.getAttribute('aria-pressed') === 'true');
  assert.notEqual(await mark.evaluate(looks), before.button, 'the pressed button looks like the unpressed one');
  assert.notEqual(await sidebarLink.evaluate(looks), before.link, 'the sidebar does not show the guide as read');
  assert.match(await page.locator('[data-progress-status]').innerText(), /Marked as read/);
  await mark.click();
  await page.waitForFunction(() => document.querySelector('[data-island="progress"]')?.getAttribute('aria-pressed') === 'false');
  assert.match(await page.locator('[data-progress-status]').innerText(), /No longer marked/, 'un-marking is said, not silent');
  assert.equal(await mark.evaluate(looks), before.button);
  await mark.click();

  await page.goto(`${site.base}/guides/`);
  await settled(page);
  assert.notEqual(
    await page.locator('a[data-guide-link][href="/guides/your-first-crossing/"]').evaluate(looks),
    await page.locator('a[data-guide-link][href="/guides/ownership/"]').evaluate(looks),
    'the guide list shows which guide is read',
  );

  await page.goto(`${site.base}/path/`);
  await settled(page);
  const items = await page.locator('[data-path] li').evaluateAll((lis) =>
    lis.map(
      (li) =>
        `${li
          .textContent!.split(li.querySelector('p')?.textContent ?? '\0')[0]!
          .replace(/\s+/g, ' ')
          .trim()} ${getComputedStyle(li.querySelector('a')!, '::after').content}`,
    ),
  );
  for (const text of items) {
    assert.doesNotMatch(text, /[a-z](not read|read\b)/, `words run together: ${text}`);
    assert.doesNotMatch(text, /✓\s*✓/, `a doubled tick: ${text}`);
  }
  assert.ok(
    items.some((t) => /✓/.test(t)),
    'the read guide is ticked on the path',
  );

  // The chart's scale toggle is a pressed/unpressed button too.
  await page.goto(`${site.base}/examples/checksum/`);
  await settled(page);
  const scale = page.locator('[data-scale]').first();
  const pressed = await scale.evaluate(looks);
  await scale.click();
  assert.notEqual(await scale.evaluate(looks), pressed, 'the scale toggle looks the same pressed and not');
});

test('quizzes and checklists render their inline Markdown, and a wrapped question stays inside its box (defect 6)', async () => {
  const urls = [
    ...builtPages()
      .filter((p) => p.url.startsWith('/guides/') && p.url !== '/guides/')
      .map((p) => p.url),
    '/checklists/',
  ];
  const problems: string[] = [];
  await visitAll(urls, { width: 390 }, async (page, url) => {
    // Answer every question (wrongly or not) so the feedback is rendered too.
    for (const q of await page.locator('[data-question]').all()) {
      await q.locator('input[type=radio]').first().check();
      await q.getByRole('button', { name: 'Check answer' }).click();
    }
    if (await page.locator('[data-question]').count()) await page.locator('[data-feedback]:not(:empty)').last().waitFor();
    const found = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll('[data-question], .check-list li, .checklist li')) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.textContent!.includes('`') && !n.parentElement!.closest('code, pre')) out.push(`raw backtick: ${n.textContent!.trim().slice(0, 80)}`);
        }
      }
      for (const fs of document.querySelectorAll('fieldset.quiz-question')) {
        const box = fs.getBoundingClientRect();
        const legend = fs.querySelector('legend')!.getBoundingClientRect();
        const border = parseFloat(getComputedStyle(fs).borderTopWidth);
        if (legend.top < box.top + border) out.push(`question over the border: ${fs.querySelector('legend')!.textContent!.slice(0, 60)}`);
      }
      return out;
    });
    problems.push(...found.map((f) => `${url}: ${f}`));
  });
  assertNone(problems);
});

test('on a phone (390 px): no page scrolls sideways, no text under 11 px, a header of one row (defect 9)', async () => {
  const problems: string[] = [];
  await visitAll(
    representatives.map((p) => p.url),
    { width: 390 },
    async (page, url) => {
      const found = await page.evaluate(() => {
        const out: string[] = [];
        const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
        if (overflow > 0) out.push(`scrolls sideways by ${overflow}px`);
        const header = document.querySelector('.site-header')!.getBoundingClientRect().height;
        if (header > 64) out.push(`header is ${header}px tall`);
        const small = new Set<string>();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement!;
          if (!n.textContent!.trim() || !el.checkVisibility({ visibilityProperty: true }) || el.closest('.visually-hidden, title, desc')) continue;
          let size = parseFloat(getComputedStyle(el).fontSize);
          // SVG text scales with its drawing: its size on screen is the font size times the drawing's scale.
          const svg = el.closest('svg');
          if (svg?.viewBox.baseVal?.width) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          if (size < 11) small.add(`${size.toFixed(1)}px "${n.textContent!.trim().slice(0, 30)}"`);
        }
        if (small.size) out.push(`text under 11px: ${[...small].slice(0, 4).join(', ')}${small.size > 4 ? ` (+${small.size - 4})` : ''}`);
        return out;
      });
      problems.push(...found.map((f) => `${url}: ${f}`));
    },
  );
  assertNone(problems);
});

test('benchmark labels: spaced units and toolchain, a y-axis title, ticks in one format, the toolchain in the chart legend (defect 11)', async () => {
  const { page } = await site.newPage();
  const urls = builtPages()
    .filter((p) => /class="bench"|data-chart/.test(readFileSync(p.file, 'utf8')))
    .map((p) => p.url);
  assert.ok(urls.length >= 5, `benchmarks on ${urls.length} pages`);
  const problems: string[] = [];
  for (const url of urls) {
    await page.goto(site.base + url);
    const found = await page.evaluate(() => {
      const out: string[] = [];
      for (const p of document.querySelectorAll<HTMLElement>('.bench > .provenance')) {
        const text = p.innerText;
        if (/\wgo\d|\d(ms|ns|µs|s)\b/.test(text)) out.push(`run together: ${text.slice(0, 160)}`);
      }
      for (const chart of document.querySelectorAll<HTMLElement>('[data-chart]')) {
        const svg = chart.querySelector('svg')!;
        if (![...svg.querySelectorAll('.axis text')].some((t) => /time/.test(t.textContent!))) out.push('no y-axis title');
        for (const t of svg.querySelectorAll('.scale-log text, .scale-linear text')) {
          if (!/^\d+(\.\d*[1-9])? (ns|µs|ms|s)$/.test(t.textContent!)) out.push(`tick "${t.textContent}"`);
        }
        if (!/go1\.\d+.*rustc \d/.test(chart.querySelector('.legend')!.textContent!)) out.push('no toolchain in the legend');
      }
      return out;
    });
    problems.push(...found.map((f) => `${url}: ${f}`));
  }
  assertNone(problems);
});

test('every scrollable region can be reached by keyboard on the guides at common screen sizes (defect 12)', async () => {
  const guides = builtPages()
    .filter((p) => /^\/guides\/[^/]+\/$/.test(p.url))
    .map((p) => p.url);
  const problems: string[] = [];
  const context = await site.browser.newContext();
  await context.addInitScript(axe.source);
  const page = await context.newPage();
  // One load per guide, laid out again at each size: what overflows depends on the width and height only.
  for (const url of guides) {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(site.base + url, { waitUntil: 'load' });
    for (const [width, height] of [
      [1280, 720],
      [1280, 800],
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      const nodes = await page.evaluate(() =>
        (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { nodes: { target: string[] }[] }[] }> } }).axe
          .run(document, { runOnly: { type: 'rule', values: ['scrollable-region-focusable'] } })
          .then((r) => r.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))),
      );
      problems.push(...nodes.map((n) => `${url} at ${width}×${height}: ${n}`));
    }
  }
  await context.close();
  assertNone(problems);
});

test('StackBlitz unreachable: nothing opens, the page says so and offers the files as a download (defect 8)', async () => {
  const { page, context } = await site.newPage(); // the harness aborts every request to another host, as offline
  const opened: string[] = [];
  context.on('page', (p) => p !== page && opened.push(p.url()));
  await page.goto(`${site.base}/examples/checksum/`);
  await settled(page);
  await page.getByRole('button', { name: /Open the source/ }).click();
  const status = page.locator('[data-stackblitz-status]');
  await status.filter({ hasText: /could not be reached/ }).waitFor();
  assert.deepEqual(opened, [], 'no tab with a browser error page');
  const href = await page.getByRole('link', { name: "download the example's files" }).getAttribute('href');
  const archive = Buffer.from(await (await page.request.get(site.base + href)).body());
  // A ustar archive holding the example's files: the first entry's name and the magic at offset 257.
  assert.equal(archive.subarray(257, 262).toString(), 'ustar');
  assert.match(archive.toString('latin1'), /checksum\/rust\/src\/lib\.rs/);
  assert.match(archive.toString('utf8'), /pub unsafe extern "C" fn cs_adler32/);
});

test('searching cgo.Handle lands on the section that explains it, by keyboard, with an excerpt of the page’s own words (defect 3)', async () => {
  const { page } = await site.newPage();
  await page.goto(`${site.base}/guides/`);
  await settled(page);
  await page.keyboard.press('/');
  await page.locator('dialog[open] input').fill('cgo.Handle');
  const first = page.locator('dialog[open] .search-results li').first();
  await page.locator('dialog[open] [data-status]', { hasText: '“cgo.Handle”' }).waitFor();
  assert.match(await first.locator('a').innerText(), /^Callbacks and cancellation › Callbacks from Rust threads into Go$/);
  // The excerpt is text the reader will find on the page, not an index-only list of names.
  const excerpt = (await first.locator('p').innerText()).replace(/\s+/g, ' ').trim();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('li') === document.querySelector('dialog[open] .search-results li')), true, '↓ moves to the first result');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/guides/callbacks-and-cancellation/#callbacks-from-rust-threads-into-go');
  const top = await page.locator('#callbacks-from-rust-threads-into-go').evaluate((h) => h.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 150, `the section's heading is at the top of the window (${top}px)`);
  const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  for (const piece of excerpt.replace(/^…|…$/g, '').split(/…/)) assert.ok(text.includes(piece.trim()), `excerpt not on the page: “${piece.trim()}”`);
});

test('present mode: every slide fits a 1920×1080 and a 1280×720 screen, code blocks whole, a URL per slide (defect 10)', async () => {
  const guides = builtPages()
    .filter((p) => /^\/guides\/[^/]+\/$/.test(p.url))
    .map((p) => p.url);
  const problems: string[] = [];
  for (const [width, height] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    const context = await site.browser.newContext({ viewport: { width, height } });
    await context.addInitScript('globalThis.__name = (f) => f;'); // as the harness does: tsx's __name in evaluated code
    const page = await context.newPage();
    for (const url of guides) {
      await page.goto(site.base + url);
      await settled(page);
      const blocks = await page.locator('article > figure.code:not([data-present-skip] *)').count();
      await page.getByRole('button', { name: 'Present this guide as slides' }).click();
      const deck = page.getByRole('dialog', { name: /^Presenting/ });
      await deck.waitFor();
      await page.keyboard.press('Home');
      const total = Number((await deck.locator('[data-count]').innerText()).match(/of (\d+)/)![1]);
      let seen = 0;
      for (let i = 1; i <= total; i++) {
        const slide = await page.evaluate(() => {
          const stage = document.querySelector<HTMLElement>('.present-slide')!;
          const content = document.querySelector<HTMLElement>('.present-content')!;
          const s = getComputedStyle(stage);
          const room = stage.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
          const zoom = Number(content.style.zoom || 1);
          return {
            over: Math.round(content.getBoundingClientRect().height - room),
            zoom,
            code: Math.min(...[...content.querySelectorAll('pre')].map((pre) => parseFloat(getComputedStyle(pre).fontSize) * zoom)),
            blocks: content.querySelectorAll('figure.code').length,
            controls: content.querySelectorAll('button').length,
            slideInUrl: new URL(location.href).searchParams.get('slide'),
          };
        });
        const where = `${url} at ${width}×${height}, slide ${i} of ${total}`;
        if (slide.over > 1) problems.push(`${where}: overflows by ${slide.over}px`);
        // A code block longer than the screen is scaled rather than split; it must stay readable.
        if (slide.code < 11) problems.push(`${where}: code at ${slide.code.toFixed(1)}px`);
        if (slide.slideInUrl !== String(i)) problems.push(`${where}: the address says slide ${slide.slideInUrl}`);
        if (i === 1 && slide.controls) problems.push(`${where}: the title slide shows the page's controls`);
        seen += slide.blocks;
        await page.keyboard.press('ArrowRight');
      }
      if (seen !== blocks) problems.push(`${url} at ${width}×${height}: ${seen} code blocks on the slides, ${blocks} in the guide`);
      await page.keyboard.press('Escape');
    }
    await context.close();
  }
  assertNone(problems);
});

test('sitemap.xml lists every page on the configured site, robots.txt points at it, llms.txt links every guide', async () => {
  const { SITE_URL } = await import('../../site.config.mjs');
  const get = async (p: string) => (await (await site.newPage()).page.request.get(site.base + p)).text();
  const locs = [...(await get('/sitemap.xml')).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  const expected = builtPages()
    .filter((p) => !p.url.startsWith('/404'))
    .map((p) => SITE_URL + p.url)
    .sort();
  assert.deepEqual([...locs].sort(), expected);
  assert.match(await get('/robots.txt'), new RegExp(`^Sitemap: ${SITE_URL}/sitemap\\.xml$`, 'm'));
  const llms = await get('/llms.txt');
  for (const p of builtPages().filter((p) => /^\/guides\/[^/]+\/$/.test(p.url))) assert.ok(llms.includes(`(${SITE_URL}${p.url})`), `llms.txt links ${p.url}`);
  assert.match(await get('/llms-full.txt'), /^# Your first crossing$/m);
});

test('every page names its canonical address on the configured site and carries Open Graph meta; guides have breadcrumbs, an edit link and the date of their last change', async () => {
  const { SITE_URL, REPOSITORY } = await import('../../site.config.mjs');
  const problems: string[] = [];
  for (const { file, url } of builtPages()) {
    const html = readFileSync(file, 'utf8');
    if (url.startsWith('/404')) continue;
    if (!html.includes(`<link rel="canonical" href="${SITE_URL}${url}">`)) problems.push(`${url}: no canonical ${SITE_URL}${url}`);
    for (const p of ['og:title', 'og:description', 'og:url']) if (!html.includes(`property="${p}"`)) problems.push(`${url}: no ${p}`);
    if (/^\/guides\/[^/]+\/$/.test(url)) {
      const source = `content/guides/${url.split('/')[2]}.mdx`;
      if (!html.includes(`href="${REPOSITORY}/edit/`) || !html.includes(source)) problems.push(`${url}: no edit link to ${source}`);
      if (!/aria-label="Breadcrumb"/.test(html)) problems.push(`${url}: no breadcrumbs`);
      const date = execFileSync('git', ['log', '-1', '--format=%cs', '--', source], { encoding: 'utf8' }).trim();
      if (date && !html.includes(`<time datetime="${date}">`)) problems.push(`${url}: last updated is not ${date}`);
    }
  }
  assertNone(problems);
});

test('On this page marks the section being read; the examples are listed in learning order', async () => {
  const { page } = await site.newPage({ width: 1400 });
  await page.goto(`${site.base}/guides/ownership/`);
  await settled(page);
  await page.locator('#keeping-the-handle-alive').evaluate((h) => h.scrollIntoView());
  await page.waitForFunction(() => document.querySelector('.toc a[aria-current="location"]')?.getAttribute('href') === '#keeping-the-handle-alive');
  const current = page.locator('.toc a[aria-current="location"]');
  assert.notEqual(await current.evaluate(looks), await page.locator('.toc a[href="#strings-into-rust"]').evaluate(looks), 'the current section looks different');
  await page.goto(`${site.base}/examples/`);
  const order = await page.locator('.cards a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/')[2]));
  assert.deepEqual(order.slice(0, 2), ['hello-boundary', 'checksum'], 'the first guide’s examples come first');
});

test('shell blocks in the guides have a Copy button that copies the commands', async () => {
  const { page, context } = await site.newPage();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.base });
  await page.goto(`${site.base}/guides/your-first-crossing/`);
  await settled(page);
  const shell = page.locator('figure.shell').first();
  assert.ok(await shell.count(), 'a shell block in a Copy bar');
  await shell.getByRole('button', { name: 'Copy the commands' }).click();
  assert.equal((await page.evaluate(() => navigator.clipboard.readText())).trim(), (await shell.locator('pre').innerText()).trim());
});
