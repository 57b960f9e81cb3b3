/**
 * A small reader for the built pages, enough for the static gates: elements with their attributes (entities decoded),
 * parents and children, and their text. Astro writes well-formed HTML, so there is no error recovery beyond closing
 * what an end tag closes; html-validate fails any page that is not well-formed.
 */

export interface Element {
  tag: string;
  attrs: Map<string, string>;
  parent: Element | null;
  children: (Element | string)[];
  /** Line of the start tag, for messages. */
  line: number;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (NAMED[e.toLowerCase()] ?? whole),
  );

export function parseHtml(html: string): Element {
  const root: Element = { tag: '#document', attrs: new Map(), parent: null, children: [], line: 1 };
  let current = root;
  let at = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let i = at; i < to; i++) if (html.charCodeAt(i) === 10) line++;
    at = to;
  };
  const tagPattern = /<(\/?)([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?-->|<![^>]*>/g;
  for (let m = tagPattern.exec(html); m; m = tagPattern.exec(html)) {
    if (m.index > at) current.children.push(decode(html.slice(at, m.index)));
    advance(m.index);
    const [whole, closing, rawTag, rest] = m;
    if (rawTag === undefined) {
      advance(m.index + whole.length);
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (closing) {
      for (let e: Element | null = current; e; e = e.parent) {
        if (e.tag === tag) {
          current = e.parent ?? root;
          break;
        }
      }
      advance(m.index + whole.length);
      continue;
    }
    const attrs = new Map<string, string>();
    for (const a of rest!.matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) attrs.set(a[1]!.toLowerCase(), decode(a[2] ?? a[3] ?? a[4] ?? ''));
    const el: Element = { tag, attrs, parent: current, children: [], line };
    current.children.push(el);
    advance(m.index + whole.length);
    if (VOID.has(tag) || rest!.trimEnd().endsWith('/')) continue;
    if (RAW_TEXT.has(tag)) {
      const end = html.toLowerCase().indexOf(`</${tag}`, at);
      const stop = end < 0 ? html.length : end;
      el.children.push(tag === 'title' || tag === 'textarea' ? decode(html.slice(at, stop)) : html.slice(at, stop));
      advance(stop);
      tagPattern.lastIndex = stop;
      continue;
    }
    current = el;
  }
  if (at < html.length) current.children.push(decode(html.slice(at)));
  return root;
}

/** Every element under `el`, in document order. */
export function* elements(el: Element): Generator<Element> {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    yield c;
    yield* elements(c);
  }
}

export const textOf = (el: Element): string => el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');

export const closest = (el: Element, test: (e: Element) => boolean): Element | null => {
  for (let e: Element | null = el; e; e = e.parent) if (test(e)) return e;
  return null;
};

export const hasClass = (el: Element, name: string) => (el.attrs.get('class') ?? '').split(/\s+/).includes(name);
