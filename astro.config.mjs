// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { codeTheme, compactCode } from './src/lib/render/code-theme.ts';
import { SITE_URL } from './site.config.mjs';
import { sitemap } from './src/lib/render/sitemap.ts';

export default defineConfig({
  site: SITE_URL,
  trailingSlash: 'always',
  integrations: [mdx(), sitemap(SITE_URL)],
  markdown: {
    // Fenced blocks (shell commands) use the same CSS-variable theme as <Code>, so both follow light and dark.
    shikiConfig: { theme: codeTheme, transformers: [compactCode] },
  },
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  // Scripts as files, never inlined: HTML stays within its budget and the browser caches the scripts across pages.
  vite: { build: { assetsInlineLimit: 0 } },
});
