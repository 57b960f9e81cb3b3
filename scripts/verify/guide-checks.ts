import type { GuideSource } from '../../src/lib/sources/guides.ts';
import { guideComponentNames, guideComponents, type GuideComponentName } from '../../src/lib/sources/guide-components.ts';
import { findElements } from '../../src/lib/sources/guides.ts';
import type { Example } from '../../src/lib/sources/manifest.ts';
import { readVerified } from '../../src/lib/sources/results.ts';
import { lineCount, parseHighlight } from '../../src/lib/render/line-marks.ts';
import { loadSnippet } from '../../src/lib/sources/snippets.ts';

/** Components that show an example's recorded results (<Code> cites sources and is checked through its citations). */
const recordReaders = guideComponentNames.filter((n) => guideComponents[n].reads === 'record' || guideComponents[n].reads === 'benchmarks');

/**
 * Everything a guide points at must exist: the examples it lists, every region
 * it cites, and every recorded figure, output and claim it shows. Returns one
 * message per problem, each naming the guide and line.
 */
export function checkGuides(guides: readonly GuideSource[], examples: readonly Example[]): string[] {
  const problems: string[] = [];
  const bySlug = new Map(examples.map((e) => [e.slug, e]));
  const attempt = (f: () => void) => {
    try {
      f();
    } catch (e) {
      problems.push((e as Error).message);
    }
  };
  // Guides are read in `order`: two with one number would sit in whichever order the disk lists them.
  const byOrder = new Map<number, string[]>();
  for (const g of guides) byOrder.set(g.frontmatter.order, [...(byOrder.get(g.frontmatter.order) ?? []), g.file]);
  for (const [order, files] of byOrder) if (files.length > 1) problems.push(`${files.join(', ')}: front matter gives each \`order: ${order}\`; give each guide its own place`);
  for (const g of guides) {
    for (const slug of g.frontmatter.examples) {
      if (!bySlug.has(slug)) problems.push(`${g.file}: front matter lists example "${slug}", which is not in examples/`);
    }
    for (const c of g.citations) {
      if (!bySlug.has(c.example)) problems.push(`${c.guide}:${c.line}: <Code> cites example "${c.example}", which is not in examples/`);
      else
        attempt(() => {
          const snippet = loadSnippet(c.example, c.file, c.region, `${c.guide}:${c.line}`);
          if (c.highlight !== undefined) parseHighlight(c.highlight, lineCount(snippet.code), `${c.guide}:${c.line}`);
        });
    }
    for (const el of findElements(g.body, g.file, recordReaders, g.bodyLine)) {
      const at = `${el.guide}:${el.line}`;
      const example = bySlug.get(el.attrs.example ?? '');
      if (!example) {
        problems.push(`${at}: <${el.tag}> names example "${el.attrs.example ?? ''}", which is not in examples/`);
        continue;
      }
      const spec = guideComponents[el.tag as GuideComponentName];
      attempt(() => {
        const rec = readVerified(example.dir);
        if (!rec) throw new Error(`${at}: <${el.tag}> shows results of ${example.slug}, which has no verified.json yet → run \`npm run verify -- --example ${example.slug}\``);
        if (spec.reads === 'benchmarks' && !rec.benchmarks) throw new Error(`${at}: <${el.tag}> but ${example.slug} has no recorded benchmarks`);
        if (spec.names?.includes('bench') && !rec.benchmarks?.results.some((b) => b.name === el.attrs.bench)) {
          throw new Error(`${at}: <${el.tag}> names benchmark "${el.attrs.bench}", which ${example.slug}/verified.json does not have`);
        }
        if (spec.names?.includes('figure')) {
          const m = rec.measures.find((x) => x.id === el.attrs.measure);
          if (!m) throw new Error(`${at}: <${el.tag}> names measure "${el.attrs.measure ?? ''}", which ${example.slug}/verified.json does not have`);
          if (!m.figures.some((f) => f.name === el.attrs.name))
            throw new Error(`${at}: <${el.tag}> names figure "${el.attrs.name ?? ''}", which measure "${m.id}" of ${example.slug} did not print`);
        }
        if (spec.names?.includes('claim') && !rec.benchmarks?.claims.some((c) => c.id === el.attrs.claim)) {
          throw new Error(`${at}: <${el.tag}> names claim "${el.attrs.claim}", which ${example.slug}/example.yaml does not state`);
        }
      });
    }
  }
  // A broken file cited several times is one problem, not one per citation.
  return [...new Set(problems)];
}
