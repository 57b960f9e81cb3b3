/**
 * Our statistics (src/lib/measure/stats.ts) against benchstat's own, on every sample set recorded in
 * examples/*\/verified.json: tests/support/benchstat is a Go program that makes the call benchstat makes
 * (golang.org/x/perf's benchmath.AssumeNothing.Summary at 95 %), pinned in its go.mod. Decision 4 says
 * we follow benchstat without running it; this is the proof, re-run on every record.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { summarize } from '../../src/lib/measure/stats.ts';
import { examplesDir, rootDir } from '../../src/lib/sources/paths.ts';
import { readVerified } from '../../src/lib/sources/results.ts';

const HELPER = path.join(rootDir, 'tests/support/benchstat');

interface SampleSet {
  id: string;
  values: number[];
}

/** Every recorded sample set: ns/op and MB/s of each benchmark of each example. */
function recordedSampleSets(): SampleSet[] {
  const sets: SampleSet[] = [];
  for (const slug of readdirSync(examplesDir).sort()) {
    const verified = readVerified(path.join(examplesDir, slug));
    for (const r of verified?.benchmarks?.results ?? []) {
      sets.push({ id: `${slug} ${r.name} ns/op`, values: r.samples });
      if (r.mbPerSecSamples) sets.push({ id: `${slug} ${r.name} MB/s`, values: r.mbPerSecSamples });
    }
  }
  return sets;
}

const benchstatSchema = z.array(z.strictObject({ id: z.string(), center: z.number(), lo: z.number().nullable(), hi: z.number().nullable() }));

/** benchstat's summaries of `sets`, or the reason the helper could not run. */
function benchstat(sets: SampleSet[]): z.output<typeof benchstatSchema> | string {
  const r = spawnSync('go', ['run', '.'], {
    cwd: HELPER,
    input: JSON.stringify(sets),
    encoding: 'utf8',
    env: { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=readonly', GOTOOLCHAIN: 'local' },
  });
  if (r.error) return `go could not start (${r.error.message})`;
  assert.equal(r.status, 0, `tests/support/benchstat exited ${r.status}:\n${r.stderr}`);
  return benchstatSchema.parse(JSON.parse(r.stdout));
}

const goMissing = spawnSync('go', ['version']).error ? 'SKIPPED: Go is not installed, so benchstat cannot run: install Go 1.26 to compare our statistics with benchstat' : false;

test('median and 95 % interval equal benchstat on every recorded benchmark', { skip: goMissing }, () => {
  const sets = recordedSampleSets();
  assert.ok(sets.length > 0, 'no recorded benchmark samples found under examples/*/verified.json');
  const theirs = benchstat(sets);
  if (typeof theirs === 'string') return assert.fail(theirs);
  assert.equal(theirs.length, sets.length);
  const differ: string[] = [];
  sets.forEach((set, i) => {
    const ours = summarize(set.values);
    const b = theirs[i]!;
    // Below 6 samples benchstat prints ±∞ and we print the sample range (decision 4): only the median compares.
    const same = ours.median === b.center && (b.lo === null ? set.values.length < 6 : ours.low === b.lo && ours.high === b.hi);
    if (!same) differ.push(`${set.id}: ours ${ours.median} [${ours.low}, ${ours.high}], benchstat ${b.center} [${b.lo ?? '-∞'}, ${b.hi ?? '∞'}]`);
  });
  assert.deepEqual(differ, [], `${differ.length} of ${sets.length} sample sets differ from benchstat`);
});
