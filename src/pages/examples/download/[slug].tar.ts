import type { APIRoute, GetStaticPaths } from 'astro';
import { sourceProject } from '../../../lib/render/stackblitz.ts';
import { allExamples, exampleWithResults } from '../../../lib/render/site-data.ts';
import { tar } from '../../../lib/render/tar.ts';

/** Each example's files as a tar archive: what works when StackBlitz cannot be reached (offline, blocked). */
export const getStaticPaths: GetStaticPaths = () => allExamples().map((e) => ({ params: { slug: e.slug } }));

export const GET: APIRoute = ({ params }) => {
  const { files } = sourceProject(exampleWithResults(params.slug!).example);
  const archive = tar(Object.fromEntries(Object.entries(files).map(([f, text]) => [`${params.slug}/${f}`, text])));
  return new Response(archive, { headers: { 'content-type': 'application/x-tar' } });
};
