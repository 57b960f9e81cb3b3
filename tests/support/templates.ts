/**
 * Which pages the browser checks visit (docs/decisions.md 106). Every page of one route (src/pages/…/[slug].astro)
 * is rendered by the same template, so those checks run on representatives: per route the largest page, then pages
 * until every element shape on any page of the route is on one, then the page with the most of each extent (the
 * longest code line, the longest word, the most table columns). A page that differs from the others only in content
 * is read by the static gates (html, links, budgets, requests) like every page; one that brings a new shape (a
 * component, a class, an inline colour) or a new extreme is a representative itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rootDir } from '../../src/lib/sources/paths.ts';
import { builtPages, distDir } from './harness.ts';
import { closest, elements, parseHtml, textOf, type Element } from './html-tree.ts';

export interface BuiltPage {
  file: string;
  url: string;
  html: string;
  /** The source route that renders it, e.g. `src/pages/guides/[slug].astro`. */
  route: string;
}

/**
 * Attributes whose values are markup, not content: the ones that change what assistive technology or the keyboard
 * sees, and the ones a stylesheet selects on by value (read from the built CSS). Of any other attribute only its
 * presence counts: a link's target, a label's text or a chart's geometry is content.
 */
const SEMANTIC_ATTRIBUTES = new Set(['role', 'type', 'tabindex', 'style', 'scope', 'colspan', 'rowspan', 'dir']);
const ARIA_CONTENT = new Set([
  'aria-label',
  'aria-labelledby',
  'aria-describedby',
  'aria-controls',
  'aria-owns',
  'aria-details',
  'aria-keyshortcuts',
  'aria-valuenow',
  'aria-valuetext',
  'aria-valuemin',
  'aria-valuemax',
]);
const valueMatters = (name: string) => SEMANTIC_ATTRIBUTES.has(name) || (name.startsWith('aria-') && !ARIA_CONTENT.has(name));

/** Attribute selectors by value in the site's CSS (`[data-theme='dark']`, `[href^=http]`): name → the tests. */
export type Styled = Map<string, { selector: string; matches: (value: string) => boolean }[]>;

/** The attribute selectors by value of the site's stylesheets and <style> blocks. */
export function styledAttributes(pages: BuiltPage[], root = distDir): Styled {
  const css = (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.css')).map((f) => readFileSync(path.join(root, f), 'utf8'));
  for (const p of pages) for (const m of p.html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) css.push(m[1]!);
  const styled: Styled = new Map();
  for (const c of css) {
    for (const m of c.matchAll(/\[\s*([\w-]+)\s*([~|^$*]?)=\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]+))\s*(i)?\s*\]/g)) {
      const [selector, rawName, op] = m;
      const name = rawName!.toLowerCase();
      const want = (m[3] ?? m[4] ?? m[5]!).toLowerCase();
      const tests: Record<string, (v: string) => boolean> = {
        '': (v) => v === want,
        '~': (v) => v.split(/\s+/).includes(want),
        '|': (v) => v === want || v.startsWith(`${want}-`),
        '^': (v) => v.startsWith(want),
        $: (v) => v.endsWith(want),
        '*': (v) => v.includes(want),
      };
      if (!styled.has(name)) styled.set(name, []);
      styled.get(name)!.push({ selector, matches: (v) => tests[op!]!(v.toLowerCase()) });
    }
  }
  return styled;
}

/** An attribute as part of a shape: its value where it is markup, else which of the CSS's selectors it matches. */
function attributeShape(name: string, value: string, styled: Styled): string {
  if (valueMatters(name)) return `[${name}=${value}]`;
  const matched = (styled.get(name) ?? []).filter((s) => s.matches(value)).map((s) => s.selector);
  return matched.length ? matched.join('') : `[${name}]`;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Routes under src/pages as patterns over built addresses; a route without parameters matches its one page. */
function routes(): { route: string; pattern: RegExp }[] {
  const dir = path.join(rootDir, 'src', 'pages');
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.astro'))
    .map((f) => {
      const address = f
        .split(path.sep)
        .join('/')
        .replace(/\.astro$/, '')
        .replace(/(^|\/)index$/, '');
      const source = address
        .split('/')
        .map((part) => (/^\[\.\.\.[^\]]+\]$/.test(part) ? '.+' : part.replace(/\[[^\]]+\]/g, '[^/]+').replace(/[.]/g, '\\.')))
        .join('/');
      // Astro writes 404.astro as /404.html and every other page as a folder with index.html.
      const pattern = address === '404' ? /^\/404\.html$/ : new RegExp(`^/${source}${source ? '/' : ''}$`);
      return { route: `src/pages/${f.split(path.sep).join('/')}`, pattern };
    });
}

/** Every built page with its route; a page no route claims is its own template (so it is always visited). */
export function pagesByRoute(root?: string): BuiltPage[] {
  const all = routes();
  return builtPages(root).map((p) => {
    // The most specific route wins: a literal segment over a parameter (examples/index.astro over [slug].astro).
    const matching = all.filter((r) => r.pattern.test(p.url)).sort((a, b) => a.route.split('[').length - b.route.split('[').length);
    return { ...p, html: readFileSync(p.file, 'utf8'), route: matching[0]?.route ?? `unrouted ${p.url}` };
  });
}

/**
 * The shapes of a page's elements, each in its context: the tag and classes of every ancestor (a background or a
 * colour may come from any of them), then the parent's and its own tag, classes and attributes, and `:empty` when it
 * has no content (an empty link, button or header cell). And its extents, which decide whether it overflows on a
 * phone: per kind of code block its longest line, per kind of element the longest unbreakable word in its text, and
 * per kind of table the most columns.
 */
export function measure(html: string, styled: Styled): { shapes: Set<string>; extents: Map<string, number> } {
  const found = new Set<string>();
  const extents = new Map<string, number>();
  const extend = (key: string, n: number) => extents.set(key, Math.max(n, extents.get(key) ?? 0));
  const shapeOf = new Map<Element, string>();
  const outline = (e: Element) => `${e.tag}${classes(e)}`;
  for (const el of elements(parseHtml(html))) {
    const attrs = [...el.attrs].filter(([name]) => name !== 'class').map(([name, value]) => attributeShape(name, value, styled));
    const empty = !VOID.has(el.tag) && el.children.every((c) => typeof c === 'string' && !c.trim());
    const shape = `${outline(el)}${attrs.sort().join('')}${empty ? ':empty' : ''}`;
    shapeOf.set(el, shape);
    const ancestors: string[] = [];
    for (let e = el.parent?.parent; e && e.tag !== '#document'; e = e.parent) ancestors.unshift(outline(e));
    found.add(`${ancestors.join(' ')} > ${(el.parent && shapeOf.get(el.parent)) ?? ''} > ${shape}`);
    if (el.tag === 'pre') {
      const lines = textOf(el).replaceAll('\t', '    ').split('\n');
      extend(`the longest line in ${shape}`, Math.max(...lines.map((l) => l.length)));
      extend(`the longest word in ${shape}`, Math.max(...lines.flatMap((l) => l.split(/\s+/).map((w) => w.length))));
    }
    if (!TEXTLESS.has(el.tag) && !closest(el, (e) => e.tag === 'pre' || e.tag === 'head')) {
      const words = el.children.flatMap((c) => (typeof c === 'string' ? c.split(/\s+/).map((w) => w.length) : []));
      if (words.length) extend(`the longest word in ${outline(el)}`, Math.max(...words));
    }
    if (el.tag === 'tr') extend(`the most columns in ${shapeOf.get(closestTable(el)!) ?? 'table'}`, el.children.filter((c) => typeof c !== 'string').length);
  }
  return { shapes: found, extents };
}

/** Elements whose text is not laid out as text. */
const TEXTLESS = new Set(['script', 'style', 'title', 'noscript', 'template', 'svg']);
const closestTable = (el: Element) => closest(el, (e) => e.tag === 'table');

const classes = (e: Element) =>
  (e.attrs.get('class') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .sort()
    .map((c) => `.${c}`)
    .join('');

export interface Representative extends BuiltPage {
  /** Why it was chosen: the largest of its route, the shapes it added, or the extent it has the most of. */
  why: string;
}

/**
 * The representatives of every route: together they contain every shape of every page of their route, and for each
 * kind of code block and table the page with the longest line, the longest word and the most columns.
 */
export function representatives(pages: BuiltPage[], root = distDir): Representative[] {
  const styled = styledAttributes(pages, root);
  const chosen: Representative[] = [];
  for (const route of [...new Set(pages.map((p) => p.route))].sort()) {
    const members = pages.filter((p) => p.route === route).map((p) => ({ page: p, ...measure(p.html, styled) }));
    const largest = members.reduce((a, b) => (b.page.html.length > a.page.html.length ? b : a));
    const picked = new Set([largest]);
    const covered = new Set(largest.shapes);
    chosen.push({ ...largest.page, why: members.length > 1 ? `the largest of ${members.length} pages of ${route}` : `the one page of ${route}` });
    for (;;) {
      const gain = (m: (typeof members)[number]) => [...m.shapes].filter((s) => !covered.has(s));
      const best = members.map((m) => ({ m, adds: gain(m) })).reduce((a, b) => (b.adds.length > a.adds.length ? b : a));
      if (best.adds.length === 0) break;
      for (const s of best.adds) covered.add(s);
      picked.add(best.m);
      chosen.push({ ...best.m.page, why: `${best.adds.length} shape(s) no other representative of ${route} has, e.g. …${best.adds[0]!.slice(-90)}` });
    }
    const keys = new Set(members.flatMap((m) => [...m.extents.keys()]));
    for (const key of [...keys].sort()) {
      const most = members.reduce((a, b) => ((b.extents.get(key) ?? 0) > (a.extents.get(key) ?? 0) ? b : a));
      const n = most.extents.get(key)!;
      if ([...picked].some((m) => m.extents.get(key) === n)) continue;
      picked.add(most);
      chosen.push({ ...most.page, why: `${key.replace(/^(the \w+ \w+ in) .*$/, '$1')} ${key.split(' in ')[1]!.split('[')[0]} (${n})` });
    }
  }
  return chosen;
}

/**
 * The pages the browser gates visit: every representative, printed with why it was chosen. HANDBOOK_ROUTES (a comma
 * list of routes) narrows them to those routes, for the gates' own test, which breaks pages of one route.
 */
export function browserPages(): Representative[] {
  const only = process.env.HANDBOOK_ROUTES?.split(',');
  const all = pagesByRoute();
  const chosen = representativesOf(all).filter((p) => !only || only.includes(p.route));
  const routes = new Set(all.map((p) => p.route));
  console.log(
    `${chosen.length} representatives of ${all.length} pages on ${routes.size} routes${only ? ` (only ${only.join(', ')})` : ''}:\n${chosen.map((p) => `  ${p.url}: ${p.why}`).join('\n')}`,
  );
  return chosen;
}

let cached: { pages: BuiltPage[]; chosen: Representative[] } | undefined;
/** representatives(), computed once per process for the same pages. */
function representativesOf(pages: BuiltPage[]): Representative[] {
  if (cached?.pages.length !== pages.length || cached.pages.some((p, i) => p.html !== pages[i]!.html)) cached = { pages, chosen: representatives(pages) };
  return cached.chosen;
}
