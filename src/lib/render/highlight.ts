import { createHighlighter, type Highlighter } from 'shiki';
import { codeTheme, compactCode, markLines } from './code-theme.ts';

const LANGS = ['go', 'rust', 'c', 'toml', 'yaml', 'sh', 'json', 'text'] as const;
let highlighter: Promise<Highlighter> | undefined;

/** Highlights code at build time into HTML whose colours come from the site's CSS variables; `marked` lines stand out. */
export async function highlight(code: string, lang: string, marked: ReadonlySet<number> = new Set()): Promise<string> {
  highlighter ??= createHighlighter({ themes: [codeTheme], langs: [...LANGS] });
  const h = await highlighter;
  return h.codeToHtml(code, { lang: (LANGS as readonly string[]).includes(lang) ? lang : 'text', theme: 'handbook', transformers: [markLines(marked), compactCode] });
}
