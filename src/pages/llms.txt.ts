import type { APIRoute } from 'astro';
import { allExamples, guidesInOrder } from '../lib/render/site-data.ts';

/** llms.txt (llmstxt.org): what the handbook is and where each guide and example is, as Markdown links. */
export const GET: APIRoute = async ({ site }) => {
  const base = String(site).replace(/\/$/, '');
  const guides = await guidesInOrder();
  const text = `# Go ⇄ Rust Interop Handbook

> How to call Rust from Go through cgo, taught from examples that CI builds, tests and benchmarks; every output and figure was recorded by scripts/verify.

The whole text of the guides, in reading order: ${base}/llms-full.txt

## Guides

${guides.map((g) => `- [${g.data.title}](${base}/guides/${g.id}/): ${g.data.summary}`).join('\n')}

## Examples

${allExamples()
  .map((e) => `- [${e.manifest.title}](${base}/examples/${e.slug}/): ${e.manifest.summary}`)
  .join('\n')}

## Optional

- [Review checklists](${base}/checklists/)
- [Glossary](${base}/glossary/)
`;
  return new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
