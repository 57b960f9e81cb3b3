import type { APIRoute, GetStaticPaths } from 'astro';
import { analysisProject, sourceProject } from '../../../lib/render/stackblitz.ts';
import { allExamples, exampleWithResults } from '../../../lib/render/site-data.ts';

/** The two StackBlitz projects of each example, fetched by the button only when a reader clicks it. */
export const getStaticPaths: GetStaticPaths = () => allExamples().map((e) => ({ params: { slug: e.slug } }));

export const GET: APIRoute = ({ params }) => {
  const { example, verified } = exampleWithResults(params.slug!);
  return new Response(JSON.stringify({ source: sourceProject(example), results: verified.benchmarks ? analysisProject(example, verified) : null }));
};
