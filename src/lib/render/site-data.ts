import { getCollection, type CollectionEntry } from 'astro:content';
import { loadExample, loadExamples, type Example } from '../sources/manifest.ts';
import { readVerified, type MeasureResult, type Verified } from '../sources/results.ts';
import type { Figure } from '../measure/figures.ts';

export type Guide = CollectionEntry<'guides'>;

/** Guides in reading order. */
export async function guidesInOrder(): Promise<Guide[]> {
  return (await getCollection('guides')).sort((a, b) => a.data.order - b.data.order);
}

export const allExamples = (): Example[] => loadExamples();

/** Examples in learning order: as the guides, read in order, first use them; unused ones last, by name. */
export async function examplesInLearningOrder(): Promise<Example[]> {
  const guides = await guidesInOrder();
  // Guide by guide, each guide's examples in the order it lists them.
  const order = guides.flatMap((g) => g.data.examples);
  const first = (slug: string) => (order.includes(slug) ? order.indexOf(slug) : order.length);
  return allExamples().sort((a, b) => first(a.slug) - first(b.slug) || a.slug.localeCompare(b.slug));
}

/** An example with its recorded results; the build fails, naming the file, if either is missing or malformed. */
export function exampleWithResults(slug: string): { example: Example; verified: Verified } {
  const example = loadExample(slug);
  const verified = readVerified(example.dir);
  if (!verified) throw new Error(`examples/${slug}/verified.json is missing: run \`npm run verify -- --example ${slug}\``);
  return { example, verified };
}

/** One figure of a recorded measure, with the measure's provenance; throws naming what is missing. */
export function recordedFigure(slug: string, measure: string, name: string): { figure: Figure; result: MeasureResult } {
  const { verified } = exampleWithResults(slug);
  const result = verified.measures.find((m) => m.id === measure);
  if (!result) throw new Error(`examples/${slug}/verified.json has no measure "${measure}"`);
  const figure = result.figures.find((f) => f.name === name);
  if (!figure) throw new Error(`measure "${measure}" of examples/${slug} recorded no figure "${name}"`);
  return { figure, result };
}

/** Words per minute used for the reading-time estimate; code is counted like prose, which is about right for careful reading. */
const WPM = 200;
export const readingMinutes = (text: string): number => Math.max(1, Math.round(text.split(/\s+/).filter(Boolean).length / WPM));
