import type { APIRoute } from 'astro';
import { guidesInOrder } from '../lib/render/site-data.ts';

/**
 * llms-full.txt: every guide's source in reading order. The MDX is given as written: its components (<Code>,
 * <BenchTable>) name the example files and records the rendered page shows, which a reader can fetch from the site.
 */
export const GET: APIRoute = async ({ site }) => {
  const base = String(site).replace(/\/$/, '');
  const guides = await guidesInOrder();
  const text = guides.map((g) => `# ${g.data.title}\n\nSource: ${base}/guides/${g.id}/\n\n${g.data.summary}\n\n${(g.body ?? '').trim()}\n`).join('\n---\n\n');
  return new Response(`${text}`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
