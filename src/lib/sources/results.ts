import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SourceError } from './errors.ts';
import { relative } from './paths.ts';
import { figureSchema } from '../measure/figures.ts';

const summary = z.strictObject({
  median: z.number(),
  low: z.number(),
  high: z.number(),
  samples: z.number().int().positive(),
});

export const benchmarkResultSchema = z.strictObject({
  name: z.string(),
  nsPerOp: summary,
  /** Every run's ns/op, in the order measured: readers (and the StackBlitz analysis) can recompute the summary. */
  samples: z.array(z.number()),
  /** Median MB/s, for benchmarks that call SetBytes; `mbPerSecSamples` holds every run's MB/s, as `samples` does ns/op. */
  mbPerSec: z.number().optional(),
  mbPerSecSamples: z.array(z.number()).optional(),
  bytesPerOp: z.number().optional(),
  allocsPerOp: z.number().optional(),
});

export const claimResultSchema = z.strictObject({
  id: z.string(),
  says: z.string(),
  /** Median time of `than` over median time of `faster`. */
  ratio: z.number(),
  by: z.number(),
  holds: z.boolean(),
});

/** What one `measures` entry printed when it was recorded, and with what. */
export const measureResultSchema = z.strictObject({
  id: z.string(),
  command: z.string(),
  /** The version line of the toolchain it ran on (`go version …`, `rustc …`). */
  toolchain: z.string(),
  /** `record` (full) or `quick` (`verify --quick`, check-mode effort). */
  mode: z.enum(['record', 'quick']),
  recordedAt: z.string(),
  figures: z.array(figureSchema),
});

export const verifiedSchema = z.strictObject({
  example: z.string(),
  /** sha256 over the example's sources: a mismatch means the record is stale. */
  sourceHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  recordedAt: z.string(),
  machine: z.strictObject({ cpu: z.string(), cores: z.number().int(), os: z.string(), arch: z.string() }),
  toolchains: z.strictObject({ go: z.string(), rustc: z.string(), cargo: z.string(), cc: z.string() }),
  run: z.strictObject({ command: z.string(), output: z.string(), exitCode: z.number().int() }),
  benchmarks: z
    .strictObject({
      command: z.string(),
      count: z.number().int().positive(),
      benchtime: z.string(),
      results: z.array(benchmarkResultSchema),
      claims: z.array(claimResultSchema),
    })
    .nullable(),
  /** The example's `measures`, in manifest order. */
  measures: z.array(measureResultSchema).default([]),
});

export type MeasureResult = z.output<typeof measureResultSchema>;
export type BenchmarkResult = z.output<typeof benchmarkResultSchema>;
export type ClaimResult = z.output<typeof claimResultSchema>;
export type Verified = z.output<typeof verifiedSchema>;

export const verifiedPath = (exampleDir: string): string => path.join(exampleDir, 'verified.json');

/** The recorded result of an example, or null when it has never been recorded. */
export function readVerified(exampleDir: string): Verified | null {
  const file = verifiedPath(exampleDir);
  if (!existsSync(file)) return null;
  const again = `run \`npm run verify -- --example ${path.basename(exampleDir)}\` to record it again`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SourceError(relative(file), undefined, `not valid JSON: ${(e as Error).message}`, again);
  }
  const parsed = verifiedSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SourceError(relative(file), undefined, `\`${issue.path.join('.')}\`: ${issue.message}`, again);
  }
  return parsed.data;
}

export function writeVerified(exampleDir: string, verified: Verified): void {
  writeFileSync(verifiedPath(exampleDir), `${JSON.stringify(verifiedSchema.parse(verified), null, 2)}\n`);
}

/** The release line of a toolchain's version string: `go1.26` from `go version go1.26.8 linux/amd64`, `1.95` from `rustc 1.95.0 (…)`. */
const releaseLine = (version: string): string | undefined => /(go)?(\d+\.\d+)/.exec(version)?.slice(1).join('');

/**
 * Toolchains whose release line differs between a record and this machine: figures measured with Go 1.25
 * say nothing about Go 1.26 (whose cgo calls are cheaper), so such a record is stale. Patch releases do not count.
 */
export function toolchainDrift(recorded: Verified['toolchains'], current: Verified['toolchains']): string[] {
  return (['go', 'rustc'] as const)
    .filter((t) => releaseLine(recorded[t]) !== releaseLine(current[t]))
    .map((t) => `${t}: recorded with ${recorded[t]}, this machine has ${current[t]}`);
}

export { splitBenchName } from '../measure/bench-series.ts';
