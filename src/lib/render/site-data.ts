import { getCollection, type CollectionEntry } from 'astro:content';
import { loadExample, loadExamples, type Example } from '../sources/manifest.ts';
import { readVerified, type Verified } from '../sources/results.ts';

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

/** Words per minute used for the reading-time estimate; code is counted like prose, which is about right for careful reading. */
const WPM = 200;
export const readingMinutes = (text: string): number => Math.max(1, Math.round(text.split(/\s+/).filter(Boolean).length / WPM));

export function formatNs(ns: number): string {
  if (ns < 1_000) return `${ns < 10 ? ns.toFixed(1) : Math.round(ns)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toFixed(ns < 10_000_000 ? 2 : 1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

/** An axis tick: the unit formatNs picks, with no trailing zeros, so every tick reads alike ("100 ms", "1 ms", "2.5 µs"). */
export function formatTick(ns: number): string {
  const [value, unit] = formatNs(ns).split(' ') as [string, string];
  return `${Number(value)} ${unit}`;
}

/** A Go duration flag ("500ms", "1s") as prose writes it: "500 ms". */
export function formatDuration(flag: string): string {
  return flag.replace(/^(\d+(?:\.\d+)?)([a-zµ]+)$/, '$1 $2');
}

export function formatBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n >> 20} MiB`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n >> 10} KiB`;
  return `${n} B`;
}

export const formatDate = (iso: string): string => new Date(iso).toISOString().slice(0, 10);
