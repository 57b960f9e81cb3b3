/**
 * Re-analyses an example's recorded benchmarks: median and spread of every
 * benchmark from its raw samples, and where one variant overtakes another.
 * The StackBlitz analysis project ships this file with stats.ts and
 * bench-series.ts unchanged; change FROM and TO (or the code) and run it again.
 *
 *   npx tsx analyze-results.ts [path/to/verified.json]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { crossover, toSeries } from './bench-series.ts';
import { spread, summarize } from './stats.ts';

const FROM = 'Go';
const TO = 'Rust';

interface Recorded {
  example: string;
  recordedAt: string;
  machine: { cpu: string };
  benchmarks: { results: { name: string; samples: number[] }[] } | null;
}

export function analyze(recorded: Recorded, from = FROM, to = TO): string {
  if (!recorded.benchmarks) return `${recorded.example} has no benchmarks.`;
  const results = recorded.benchmarks.results.map((r) => ({ name: r.name, nsPerOp: summarize(r.samples) }));
  const lines = [`${recorded.example}: ${results.length} benchmarks recorded ${recorded.recordedAt.slice(0, 10)} on ${recorded.machine.cpu}`, ''];
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    lines.push(`${r.name.padEnd(width)}  ${r.nsPerOp.median.toFixed(1).padStart(12)} ns/op  ±${(spread(r.nsPerOp) * 100).toFixed(0)}%  (${r.nsPerOp.samples} runs)`);
  }
  for (const t of toSeries(results).tables) {
    if (!t.variants.includes(from) || !t.variants.includes(to)) continue;
    const c = crossover(results, t.param, from, to);
    const said =
      c.kind === 'from'
        ? `from ${t.param}=${c.at} on (${c.level ? 'level' : 'slower'} at ${t.param}=${c.after})`
        : c.kind === 'always'
          ? `at every ${t.param} measured`
          : c.kind === 'never'
            ? `at no ${t.param} measured`
            : 'not measured';
    lines.push('', `${to} is clearly faster than ${from} (95% intervals apart) ${said}.`);
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2] ?? new URL('./verified.json', import.meta.url).pathname;
  console.log(analyze(JSON.parse(readFileSync(file, 'utf8')) as Recorded));
}
