/** The search panel: a field and a live list of Pagefind results. Used in the header dialog and on /search/. */

interface PagefindLocation {
  weight: number;
  location: number;
}
interface PagefindSubResult {
  url: string;
  title: string;
  excerpt: string;
  locations: number[];
  weighted_locations?: PagefindLocation[];
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  /** Every element with an id, in page order, at the word it starts on. */
  anchors?: { element: string; id: string; text: string; location: number }[];
  sub_results?: PagefindSubResult[];
}
interface PagefindResult {
  data(): Promise<PagefindData>;
}

/** Elements a result may open at: sections, glossary terms, checklist items. */
const TARGETS = new Set(['h2', 'h3', 'h4', 'dt', 'li']);

/**
 * Where a result should open. Pagefind's sub-results are the page's sections that match; a guide explains a term in
 * the first section that uses it much (later mentions are mistakes, summaries, asides), so the pick is the first
 * section holding at least half as many matches as the section with most, past the page's opening lines. Then it is
 * narrowed to the last heading, term or item with an id before the first match, so a glossary or checklist hit opens
 * at its entry rather than at the top of the page.
 */
export function bestSection(r: PagefindData): { url: string; title: string; excerpt: string } {
  const subs = r.sub_results ?? [];
  const sections = subs.filter((s) => s.url.includes('#'));
  const pool = sections.length ? sections : subs;
  const most = Math.max(0, ...pool.map((s) => s.locations.length));
  const sub = pool.find((s) => s.locations.length * 2 >= most);
  const page = r.meta.title ?? r.url;
  if (!sub) return { url: r.url, title: page, excerpt: r.excerpt };
  const first = Math.min(...sub.locations);
  const anchor = (r.anchors ?? []).filter((a) => TARGETS.has(a.element) && a.location <= first).at(-1);
  const base = r.url.split('#')[0];
  const url = anchor ? `${base}#${anchor.id}` : sub.url;
  const section = anchor ? anchor.text : sub.title;
  return { url, title: section && section !== page ? `${page} › ${section}` : page, excerpt: dropAliases(sub.excerpt) };
}

/** Pagefind puts an indexed alias (search-aliases.ts) into the text before its code: "cgo.Handle. runtime/cgo.Handle". */
export function dropAliases(excerpt: string): string {
  return excerpt.replace(/(?:<mark>)?([A-Za-z_]\w*\.[A-Za-z_]\w*)(?:<\/mark>)?\.(?:<\/mark>)? ((?:[\w.-]+\/)+)(<mark>)?\1/g, '$2$3$1');
}
interface Pagefind {
  debouncedSearch(query: string, options?: object, ms?: number): Promise<{ results: PagefindResult[] } | null>;
  options(options: { noWorker?: boolean; ranking?: { pageLength?: number } }): Promise<void>;
}

/** Results shown: each loads its page's fragment, the largest part of a first search. */
const RESULTS = 5;
let pagefind: Promise<Pagefind> | undefined;
// The index exists only in the built site (`npm run build`), at /pagefind/.
// Searched on the main thread: the index is small, and the worker script would add 12 kB (gzip) to the first search.
// Page length counts for less than Pagefind's default (0.75): a guide is long because it explains, and should not lose
// to a short example page that only names the term (tests/quality/search.test.ts).
const loadPagefind = (): Promise<Pagefind> =>
  (pagefind ??= (import(/* @vite-ignore */ `${'/pagefind/'}pagefind.js`) as Promise<Pagefind>).then(async (pf) => {
    await pf.options({ noWorker: true, ranking: { pageLength: 0.5 } });
    return pf;
  }));

export function mountSearch(panel: HTMLElement, onNavigate?: () => void): void {
  panel.innerHTML = `
    <form class="search-field" role="search">
      <label class="visually-hidden" for="search-input">Search guides and examples</label>
      <input id="search-input" type="search" autocomplete="off" placeholder="Search guides and examples" />
    </form>
    <p class="muted" aria-live="polite" data-status></p>
    <ol class="search-results" data-results></ol>`;
  const input = panel.querySelector('input')!;
  const status = panel.querySelector<HTMLElement>('[data-status]')!;
  const list = panel.querySelector<HTMLElement>('[data-results]')!;
  panel.querySelector('form')!.addEventListener('submit', (e) => {
    e.preventDefault();
    list.querySelector('a')?.click();
  });
  list.addEventListener('click', (e) => {
    if ((e.target as HTMLElement).closest('a')) onNavigate?.();
  });
  // ↓ from the field walks into the results, ↑ and ↓ move between them, Enter follows the focused one.
  panel.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...list.querySelectorAll<HTMLAnchorElement>('a')];
    if (!links.length) return;
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    e.preventDefault();
    if (e.key === 'ArrowDown') links[Math.min(at + 1, links.length - 1)]!.focus();
    else if (at <= 0) input.focus();
    else links[at - 1]!.focus();
  });
  input.addEventListener('input', async () => {
    const query = input.value.trim();
    if (!query) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    let search;
    try {
      search = await (await loadPagefind()).debouncedSearch(query, {}, 150);
    } catch {
      status.textContent = 'The search index is missing: it is made by `npm run build`.';
      return;
    }
    if (!search || input.value.trim() !== query) return; // superseded by a newer query
    const results = (await Promise.all(search.results.slice(0, RESULTS).map((r) => r.data()))).map(bestSection);
    status.textContent = results.length ? `${search.results.length} result${search.results.length === 1 ? '' : 's'} for “${query}”` : `No results for “${query}”`;
    list.replaceChildren(
      ...results.map((r) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = r.url;
        a.textContent = r.title;
        const p = document.createElement('p');
        p.innerHTML = r.excerpt; // Pagefind escapes page text; only its <mark> tags are markup
        li.append(a, p);
        return li;
      }),
    );
  });
}
