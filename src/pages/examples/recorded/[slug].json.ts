import type { APIRoute, GetStaticPaths } from 'astro';
import { allExamples, exampleWithResults } from '../../../lib/render/site-data.ts';

/** The recorded output of each example, for Run buttons on a site served without the local runner. */
export const getStaticPaths: GetStaticPaths = () => allExamples().map((e) => ({ params: { slug: e.slug } }));

export const GET: APIRoute = ({ params }) => {
  const { verified } = exampleWithResults(params.slug!);
  const { run, recordedAt, toolchains, machine } = verified;
  return new Response(JSON.stringify({ ...run, recordedAt, go: toolchains.go, rustc: toolchains.rustc, cpu: machine.cpu }));
};
