import { createHighlighter, type Highlighter } from 'shiki';
import { codeTheme, compactCode } from './code-theme.ts';

const LANGS = ['go', 'rust', 'c', 'toml', 'yaml', 'sh', 'json', 'text'] as const;
let highlighter: Promise<Highlighter> | undefined;

/** Highlights code at build time into HTML whose colours come from the site's CSS variables. */
export async function highlight(code: string, lang: string): Promise<string> {
  highlighter ??= createHighlighter({ themes: [codeTheme], langs: [...LANGS] });
  const h = await highlighter;
  return h.codeToHtml(code, { lang: (LANGS as readonly string[]).includes(lang) ? lang : 'text', theme: 'handbook', transformers: [compactCode] });
}
