/** The search panel: a field and a live list of Pagefind results. Used in the header dialog and on /search/. */

interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
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
    const results = await Promise.all(search.results.slice(0, RESULTS).map((r) => r.data()));
    status.textContent = results.length ? `${search.results.length} result${search.results.length === 1 ? '' : 's'} for “${query}”` : `No results for “${query}”`;
    list.replaceChildren(
      ...results.map((r) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = r.url;
        a.textContent = r.meta.title ?? r.url;
        const p = document.createElement('p');
        p.innerHTML = r.excerpt; // Pagefind escapes page text; only its <mark> tags are markup
        li.append(a, p);
        return li;
      }),
    );
  });
}
