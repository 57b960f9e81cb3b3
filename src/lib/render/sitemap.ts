import { writeFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';

/** Writes sitemap.xml (every built page but the 404) and robots.txt pointing at it, on the configured site. */
export function sitemap(site: string): AstroIntegration {
  return {
    name: 'handbook-sitemap',
    hooks: {
      'astro:build:done': ({ dir, pages }) => {
        const urls = pages
          .map((p) => `/${p.pathname}`.replace(/\/+$/, '/'))
          .filter((p) => !/^\/404\/?$/.test(p))
          .sort();
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `  <url><loc>${site}${u}</loc></url>`).join('\n')}\n</urlset>\n`;
        writeFileSync(new URL('sitemap.xml', dir), xml);
        writeFileSync(new URL('robots.txt', dir), `User-agent: *\nAllow: /\n\nSitemap: ${site}/sitemap.xml\n`);
      },
    },
  };
}
