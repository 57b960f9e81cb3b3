import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readerScript } from '../commands/commands.ts';
import type { Example } from '../sources/manifest.ts';
import { rootDir } from '../sources/paths.ts';
import type { Verified } from '../sources/results.ts';
import { stripMarkers } from '../sources/regions.ts';

/** The shape @stackblitz/sdk's openProject takes (kept here so the build does not load the SDK). */
export interface StackBlitzProject {
  title: string;
  description: string;
  template: 'node';
  files: Record<string, string>;
}

const read = (file: string) => readFileSync(file, 'utf8');

/** The example's files to read, edit and fork. WebContainers run Node only, so the README says how to run it locally. */
export function sourceProject(example: Example): StackBlitzProject {
  const { manifest, slug } = example;
  const files: Record<string, string> = {};
  for (const f of [...manifest.files, 'example.yaml']) files[f] = f.endsWith('.yaml') ? read(path.join(example.dir, f)) : stripMarkers(read(path.join(example.dir, f))) + '\n';
  files['README.md'] = `# ${manifest.title}

${manifest.summary}

StackBlitz runs Node.js in the browser; it cannot build Go or Rust. Read, edit and fork the files here, and run them on
your machine (Go 1.26, Rust 1.95, a C compiler) from the root of a clone of the handbook:

\`\`\`sh
${readerScript(example)}
\`\`\`

or \`npm run verify -- --example ${slug}\` from the repository root to build, test, run and benchmark it.
`;
  files['package.json'] = `${JSON.stringify({ name: slug, private: true, scripts: { start: 'cat README.md' } }, null, 2)}\n`;
  return { title: `${manifest.title} (Go ⇄ Rust Interop Handbook)`, description: manifest.summary, template: 'node', files };
}

/** A project that does run in the browser: the recorded results and the analysis script the site itself uses. */
export function analysisProject(example: Example, verified: Verified): StackBlitzProject {
  // The measure modules import only each other, so they run as they are beside verified.json.
  const lib = (f: string) => read(path.join(rootDir, 'src', 'lib', 'measure', f));
  return {
    title: `${example.manifest.title}: recorded results`,
    description: `Benchmarks of ${example.slug} recorded by scripts/verify, with the analysis the handbook uses.`,
    template: 'node',
    files: {
      'verified.json': `${JSON.stringify(verified, null, 2)}\n`,
      'analyze-results.ts': lib('analyze-results.ts'),
      'stats.ts': lib('stats.ts'),
      'bench-series.ts': lib('bench-series.ts'),
      'package.json': `${JSON.stringify({ name: `${example.slug}-results`, private: true, type: 'module', scripts: { start: 'tsx analyze-results.ts' }, devDependencies: { tsx: '^4.20.0' } }, null, 2)}\n`,
      'README.md': `# Recorded results of ${example.slug}\n\n\`npm start\` prints the median and spread of every benchmark from its raw samples, and where \`Rust\` overtakes \`Go\`.\nChange \`FROM\` and \`TO\` in analyze-results.ts, or the statistics in stats.ts, and run it again.\n`,
    },
  };
}
