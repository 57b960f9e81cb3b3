/**
 * Pagefind indexes `runtime/cgo.Handle` as one word, so a search for `cgo.Handle` would miss the section that
 * explains it. Inline code naming a package path gets its last element (`cgo.Handle`) as an indexed alias at that
 * place in the text, so the search opens that section. Returns undefined when the code needs none.
 */
export function searchAlias(text: string): string | undefined {
  return /^[\w.-]+(?:\/[\w.-]+)*\/([A-Za-z_]\w*\.[A-Za-z_]\w*)$/.exec(text)?.[1];
}
