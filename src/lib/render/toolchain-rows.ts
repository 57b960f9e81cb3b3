/**
 * One row per recorded measure that printed the given figures: which toolchain produced it, when, with what effort,
 * and whether CI re-runs it. What <ByToolchain> shows, so a page says where every row came from. Pure: no Astro.
 */
import type { Figure } from '../measure/figures.ts';
import type { Measure } from '../sources/manifest.ts';
import type { MeasureResult } from '../sources/results.ts';

export interface ToolchainRow {
  id: string;
  /** The release that produced the row, from the record's version line: `go1.22.12`, `rustc 1.80.1`. */
  toolchain: string;
  recordedAt: string;
  mode: MeasureResult['mode'];
  /** CI re-runs it (`rerun` in the manifest), or it is recorded only. */
  rerun: boolean;
  figures: Figure[];
}

/** `go version go1.22.12 linux/amd64` → `go1.22.12`; `rustc 1.80.1 (3f5fd8dd4 2024-08-06)` → `rustc 1.80.1`. */
export function shortToolchain(line: string): string {
  return line.match(/\bgo\d+\.\d+(?:\.\d+)?\b/)?.[0] ?? line.match(/^rustc \S+/)?.[0] ?? line;
}

/**
 * The rows, in manifest order, of every measure whose record has all of `names`; the other figures are left out.
 * Throws naming the file when no measure has them, or a measure has some but not all.
 */
export function toolchainRows(slug: string, measures: readonly Measure[], results: readonly MeasureResult[], names: readonly string[]): ToolchainRow[] {
  const rows: ToolchainRow[] = [];
  for (const m of measures) {
    const r = results.find((x) => x.id === m.id);
    if (!r) continue;
    const figures = names.map((n) => r.figures.find((f) => f.name === n));
    if (figures.every((f) => f === undefined)) continue;
    const missing = names.filter((_, i) => figures[i] === undefined);
    if (missing.length) throw new Error(`examples/${slug}/verified.json: measure "${m.id}" recorded no figure ${missing.map((n) => `"${n}"`).join(', ')}`);
    rows.push({ id: m.id, toolchain: shortToolchain(r.toolchain), recordedAt: r.recordedAt, mode: r.mode, rerun: m.rerun, figures: figures as Figure[] });
  }
  if (rows.length === 0) throw new Error(`examples/${slug}/verified.json: no measure recorded ${names.map((n) => `"${n}"`).join(', ')}`);
  return rows;
}
