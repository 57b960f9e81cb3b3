/**
 * Links gate: every internal link and #anchor on every built page resolves; the guide sidebar and the Pagefind index
 * name only pages that exist; external links are listed (never fetched). Links and ids are read from the built HTML:
 * the site's scripts add links only to search results, which are the Pagefind index checked here.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { builtPages, distDir, startSite, type Site } from '../support/harness.ts';
import { closest, elements, hasClass, parseHtml, textOf } from '../support/html-tree.ts';

interface Link {
  /** The attribute as written, and where it points once resolved against the page. */
  raw: string;
  url: string;
  what: string;
  sidebar: boolean;
}
interface Visited {
  ids: Set<string>;
  links: Link[];
}

/** The site's own origin while links are resolved; no server is needed to read them. */
const ORIGIN = 'http://handbook.invalid';
const pages = builtPages();
const visited = new Map<string, Visited>();

for (const { file, url } of pages) {
  const ids: string[] = [];
  const links: Link[] = [];
  for (const el of elements(parseHtml(readFileSync(file, 'utf8')))) {
    if (el.attrs.has('id')) ids.push(el.attrs.get('id')!);
    if (el.tag === 'a' && el.attrs.has('name')) ids.push(el.attrs.get('name')!);
    for (const attr of ['href', 'src', 'srcset', 'action']) {
      const raw = el.attrs.get(attr);
      if (raw === undefined || (attr === 'action' && el.tag !== 'form')) continue;
      const values = attr === 'srcset' ? raw.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [raw];
      for (const v of values) {
        const text = textOf(el).trim().replace(/\s+/g, ' ').slice(0, 40);
        links.push({
          raw: v,
          url: new URL(v, ORIGIN + url).href,
          what: `<${el.tag} ${attr}="${v}">${text ? ` “${text}”` : ''}`,
          sidebar: !!closest(el, (e) => hasClass(e, 'sidebar')),
        });
      }
    }
  }
  visited.set(url, { ids: new Set(ids), links });
}

let site: Site | undefined;
after(async () => {
  await site?.close();
});

/** The built file a site path is served from, as the static server resolves it; or why there is none. */
function target(pathname: string): { file?: string; problem?: string } {
  let p: string;
  try {
    p = decodeURIComponent(pathname);
  } catch {
    return { problem: 'is not a valid address' };
  }
  const file = path.join(distDir, p);
  if (!file.startsWith(distDir)) return { problem: 'points outside the site' };
  if (existsSync(file) && statSync(file).isDirectory()) {
    if (!p.endsWith('/')) return { problem: `lacks the trailing slash (the site uses trailingSlash: 'always'; write ${p}/)` };
    const index = path.join(file, 'index.html');
    return existsSync(index) ? { file: index } : { problem: 'is a folder without index.html' };
  }
  return existsSync(file) ? { file } : { problem: 'does not exist in dist/' };
}

/** The page address a built .html file is served at. */
const pageUrl = (file: string) =>
  '/' +
  path
    .relative(distDir, file)
    .split(path.sep)
    .join('/')
    .replace(/(^|\/)index\.html$/, '$1');

/** Ids of a target page: from the visit when it is a built page, else read from the file. */
function idsOf(file: string): Set<string> {
  const v = visited.get(pageUrl(file));
  if (v) return v.ids;
  return new Set([...readFileSync(file, 'utf8').matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => m[1]!));
}

test('every page was read', () => {
  assert.ok(pages.length >= 5, `only ${pages.length} built pages`);
  assert.equal(visited.size, pages.length);
});

test('every internal link and #anchor resolves', () => {
  const problems: string[] = [];
  let checked = 0;
  for (const [page, { links }] of visited) {
    for (const link of links) {
      const u = new URL(link.url);
      if (u.origin !== ORIGIN) continue;
      checked++;
      const t = target(u.pathname);
      if (!t.file) {
        problems.push(`${page}: ${link.what} → ${u.pathname} ${t.problem}`);
        continue;
      }
      if (link.raw.includes('#')) {
        const id = decodeURIComponent(u.hash.slice(1));
        if (!t.file.endsWith('.html')) problems.push(`${page}: ${link.what} → an anchor in ${u.pathname}, which is not a page`);
        else if (!id) problems.push(`${page}: ${link.what} → an empty anchor (#)`);
        else if (!idsOf(t.file).has(id)) problems.push(`${page}: ${link.what} → no id="${id}" in ${pageUrl(t.file)}`);
      }
    }
  }
  console.log(`links: ${checked} internal links and anchors checked on ${visited.size} pages`);
  assert.ok(problems.length === 0, `${problems.length} broken link(s):\n${problems.join('\n')}`);
});

test('the guide sidebar lists every guide, and only pages that exist', () => {
  const guidePages = pages.map((p) => p.url).filter((u) => /^\/guides\/[^/]+\/$/.test(u));
  assert.ok(guidePages.length > 0, 'no guide pages built');
  const problems: string[] = [];
  for (const g of guidePages) {
    const sidebar = visited.get(g)!.links.filter((l) => l.sidebar);
    if (sidebar.length === 0) problems.push(`${g}: no sidebar links`);
    const listed = new Set(sidebar.map((l) => new URL(l.url).pathname));
    for (const l of sidebar) {
      const t = target(new URL(l.url).pathname);
      if (!t.file) problems.push(`${g}: sidebar ${l.what} ${t.problem}`);
    }
    for (const other of guidePages) if (!listed.has(other)) problems.push(`${g}: the sidebar does not list ${other}`);
  }
  assert.ok(problems.length === 0, problems.join('\n'));
});

test('every page in the Pagefind index exists', async () => {
  const dir = path.join(distDir, 'pagefind');
  const entry = JSON.parse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  const urls = readdirSync(path.join(dir, 'fragment')).map((f) => {
    const text = gunzipSync(readFileSync(path.join(dir, 'fragment', f))).toString('utf8');
    return (JSON.parse(text.replace(/^pagefind_dcd/, '')) as { url: string }).url;
  });
  const pageCount = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
  assert.equal(new Set(urls).size, pageCount, `pagefind-entry.json counts ${pageCount} pages; the fragments name ${new Set(urls).size}`);
  const problems = urls.flatMap((u) => {
    const t = target(new URL(u, ORIGIN).pathname);
    return t.file ? [] : [`Pagefind index: ${u} ${t.problem}`];
  });
  // The same through Pagefind's own API in the browser, as a reader's search would see it.
  site = await startSite();
  const { page, context } = await site.newPage();
  await page.goto(site.base + '/');
  const viaApi = await page.evaluate(async () => {
    const pf = (await import('/pagefind/pagefind.js' as string)) as { search(q: null): Promise<{ results: { data(): Promise<{ url: string }> }[] }> };
    const r = await pf.search(null);
    return Promise.all(r.results.map(async (x) => (await x.data()).url));
  });
  await context.close();
  assert.deepEqual([...viaApi].sort(), [...urls].sort(), 'Pagefind in the browser lists other pages than its fragments');
  console.log(`Pagefind index: ${urls.length} pages: ${[...urls].sort().join(' ')}`);
  assert.ok(problems.length === 0, problems.join('\n'));
});

test('external links (listed, not fetched)', () => {
  const external = new Map<string, Set<string>>();
  for (const [page, { links }] of visited) {
    for (const l of links) {
      const u = new URL(l.url);
      if (u.origin === ORIGIN || u.protocol === 'data:' || u.protocol === 'blob:') continue;
      if (!external.has(u.href)) external.set(u.href, new Set());
      external.get(u.href)!.add(page);
    }
  }
  const lines = [...external].sort(([a], [b]) => a.localeCompare(b)).map(([u, on]) => `  ${u}  (${[...on].join(', ')})`);
  console.log(`external links: ${external.size}${lines.length ? `\n${lines.join('\n')}` : ''}`);
  // Only http(s) and mailto are expected; anything else (javascript:, file:) is a mistake.
  const odd = [...external.keys()].filter((u) => !/^(https?|mailto):/.test(u));
  assert.deepEqual(odd, [], 'links with an unexpected scheme');
});
