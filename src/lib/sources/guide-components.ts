/**
 * The components an MDX guide can use without an import: the one list that the guide page, verify's guide checks and
 * the tables in docs/authoring.md and README.md come from. Adding one is an entry here plus src/components/<Name>.astro.
 */
export interface GuideComponent {
  /** How a guide writes it, for the docs. */
  usage: string;
  /** What a reader sees, for the docs. */
  shows: string;
  /**
   * What of the example named by its `example` attribute it reads, so verify can fail before a build does: `source`
   * its files and regions, `record` its verified.json, `benchmarks` the benchmarks recorded there.
   */
  reads?: 'source' | 'record' | 'benchmarks';
  /**
   * Attributes that name an entry of the record: `bench` a recorded benchmark, `claim` a claim of the manifest,
   * `figure` a figure (`name`) of a recorded measure (`measure`).
   */
  names?: readonly ('bench' | 'claim' | 'figure')[];
}

const registry = {
  Code: {
    usage: '<Code example="checksum" file="go/rust.go" region="zero-copy" highlight="3-5" />',
    shows:
      'a region (or, without `region`, the whole file), highlighted, under a bar with its path, language and a copy button; `file` is relative to the example folder and must stay inside it; `highlight` (optional) tints the lines the text talks about, counted from the first line shown, and fails the build past the end',
    reads: 'source',
  },
  RecordedOutput: {
    usage: '<RecordedOutput example="hello-boundary" />',
    shows: "what the example's command printed when verify last ran it",
    reads: 'record',
  },
  BenchTable: {
    usage: '<BenchTable example="checksum" />',
    shows: 'the recorded benchmark medians, by variant and size, with machine and toolchains',
    reads: 'benchmarks',
  },
  Measured: {
    usage: '<Measured example="checksum" bench="EmptyCall" />',
    shows: 'one recorded median inline (`31 ns`)',
    reads: 'benchmarks',
    names: ['bench'],
  },
  CrossingTable: {
    usage: '<CrossingTable example="crossings" measure="programs" />',
    shows:
      "the decision table of the crossings: per crossing, the recorded empty call, 16 B and 16 MiB medians and the measure's start-up, sizes, cross-compilation and what a Rust panic and abort do (src/lib/render/crossing-table.ts)",
    reads: 'benchmarks',
  },
  VersusPublished: {
    usage: '<VersusPublished example="crossings" bench="Empty/purego" ns="158" />',
    shows: "inline: a recorded median over a figure published elsewhere (`2.8×`), for a guide saying how its figures differ from others'; the guide cites the source of `ns`",
    reads: 'benchmarks',
    names: ['bench'],
  },
  Figure: {
    usage: '<Figure example="checksum" measure="startup" name="dlopen" />',
    shows: "one figure a measure's program printed, inline with its unit (`41 µs`), and when and on which toolchain it was recorded in its tooltip",
    reads: 'record',
    names: ['figure'],
  },
  ByToolchain: {
    usage: '<ByToolchain example="abi-evolution" figures="cgo-call" caption="One cgo call, by Go release." />',
    shows:
      'a table of the figures each recorded measure printed, one row per toolchain that produced it, with when it was recorded and whether CI re-runs it or it is recorded only; a single numeric figure is also drawn as bars',
    reads: 'record',
  },
  BenchChart: {
    usage: '<BenchChart example="checksum" mark="Go>Rust" />',
    shows: 'the recorded medians as an SVG chart over size (log or linear), marking where `Rust` overtakes `Go`',
    reads: 'benchmarks',
  },
  Crossover: {
    usage: '<Crossover example="checksum" from="Go" to="Rust" />',
    shows: 'inline: the smallest size from which `to` is clearly faster than `from` (95% intervals apart) at every larger size',
    reads: 'benchmarks',
  },
  CrossingCalculator: {
    usage: '<CrossingCalculator example="checksum" />',
    shows: "an estimate of what crossing saves at the reader's input size and call rate, from the recorded `EmptyCall`, `Go` and `Rust` medians",
    reads: 'benchmarks',
  },
  ClaimResult: {
    usage: '<ClaimResult example="checksum" claim="rust-wins-at-1mib" />',
    shows: "a claim's measured ratio inline (`4.8×`), failing the build if it did not hold",
    reads: 'benchmarks',
    names: ['claim'],
  },
  Callout: {
    usage: '<Callout kind="note|version|warning" title="…">…</Callout>',
    shows: 'an aside; `version` for behaviour that changed in a release',
  },
  Notes: {
    usage: '<Notes>…</Notes>',
    shows: "nothing to a reader (nor in print or search): speaker notes for the section it is in, shown in present mode with N; only what the section's text says",
  },
} satisfies Record<string, GuideComponent>;

export type GuideComponentName = keyof typeof registry;
export const guideComponents: Readonly<Record<GuideComponentName, GuideComponent>> = registry;
export const guideComponentNames = Object.keys(registry) as GuideComponentName[];

/** Throws, naming each one, when a page's component map and the registry differ: the build fails rather than a guide. */
export function assertGuideComponentMap(keys: readonly string[], where: string): void {
  const missing = guideComponentNames.filter((n) => !keys.includes(n));
  const extra = keys.filter((k) => !(k in guideComponents));
  if (missing.length || extra.length) {
    const say = (what: string, names: string[]) => (names.length ? [`${what} ${names.map((n) => `<${n}>`).join(', ')}`] : []);
    throw new Error(
      `${where}: guide components differ from src/lib/sources/guide-components.ts: ${[...say('no component for', missing), ...say('not in the registry:', extra)].join('; ')}`,
    );
  }
}

/** The docs' view of the registry: the table in docs/authoring.md and the list in README.md, between these markers. */
export const DOCS_START = '<!-- guide-components: generated from src/lib/sources/guide-components.ts by `npm run docs:components` -->';
export const DOCS_END = '<!-- /guide-components -->';

export function componentTable(): string {
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const rows = guideComponentNames.map((n) => `| \`${cell(guideComponents[n].usage)}\` | ${cell(guideComponents[n].shows)} |`);
  return ['| component | shows |', '| --- | --- |', ...rows].join('\n');
}

export function componentList(): string {
  return guideComponentNames.map((n) => `\`<${n}>\``).join(', ');
}
