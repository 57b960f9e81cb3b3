/**
 * Figures a measure's program prints (see `measures` in src/lib/sources/manifest.ts): one JSON object per line,
 * `{"figure":"dlopen","value":41000,"unit":"ns"}`, among any other output. Reading them and holding a re-run to
 * the record are pure functions, shared by verify and its tests.
 */
import { z } from 'zod';

export const figureSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.:/=-]+$/, 'letters, digits and _.:/=- only'),
  value: z.union([z.number(), z.string(), z.boolean()]),
  unit: z.string().optional(),
  /** The samples a numeric value summarises, when it summarises several. */
  samples: z.array(z.number()).optional(),
});
export type Figure = z.output<typeof figureSchema>;

const printed = z.strictObject({
  figure: figureSchema.shape.name,
  value: figureSchema.shape.value,
  unit: z.string().optional(),
  samples: z.array(z.number()).optional(),
});

/** The figures in a program's stdout, in order; a malformed or repeated figure line is an error naming its line. */
export function parseFigures(stdout: string): Figure[] {
  const figures: Figure[] = [];
  stdout.split('\n').forEach((text, i) => {
    const line = text.trim();
    if (!line.startsWith('{') || !line.includes('"figure"')) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new Error(`line ${i + 1} of its output is not JSON: ${(e as Error).message}\n    ${line}`);
    }
    const p = printed.safeParse(json);
    if (!p.success)
      throw new Error(`line ${i + 1} of its output is not a figure (${p.error.issues.map((x) => `${x.path.join('.') || 'line'}: ${x.message}`).join('; ')})\n    ${line}`);
    const { figure: name, ...rest } = p.data;
    if (figures.some((f) => f.name === name)) throw new Error(`line ${i + 1} of its output repeats figure "${name}"`);
    figures.push({ name, ...rest });
  });
  return figures;
}

/**
 * What a re-run contradicts in the record, one line each: a figure missing from either side, a changed string or
 * boolean, a changed unit, or a number off by more than `tolerance` times either way (or a zero that is no longer zero).
 */
export function figureDrift(recorded: readonly Figure[], fresh: readonly Figure[], tolerance: number): string[] {
  const problems: string[] = [];
  const now = new Map(fresh.map((f) => [f.name, f]));
  for (const r of recorded) {
    const f = now.get(r.name);
    if (!f) {
      problems.push(`${r.name}: recorded, but this run printed no such figure`);
      continue;
    }
    if ((r.unit ?? '') !== (f.unit ?? '')) problems.push(`${r.name}: recorded in ${r.unit ?? 'no unit'}, this run in ${f.unit ?? 'no unit'}`);
    else if (typeof r.value === 'number' && typeof f.value === 'number') {
      if (!withinFactor(r.value, f.value, tolerance)) problems.push(`${r.name}: recorded ${r.value}${unit(r)}, this run ${f.value}${unit(f)} (more than ${tolerance}× apart)`);
    } else if (r.value !== f.value) problems.push(`${r.name}: recorded ${JSON.stringify(r.value)}, this run ${JSON.stringify(f.value)}`);
  }
  for (const f of fresh) if (!recorded.some((r) => r.name === f.name)) problems.push(`${f.name}: printed by this run, but not in the record`);
  return problems;
}

const unit = (f: Figure) => (f.unit ? ` ${f.unit}` : '');

function withinFactor(a: number, b: number, factor: number): boolean {
  if (a === 0 || b === 0) return a === b;
  if (Math.sign(a) !== Math.sign(b)) return false;
  const ratio = Math.abs(a) > Math.abs(b) ? a / b : b / a;
  return ratio <= factor;
}
