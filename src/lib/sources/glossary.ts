import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SourceError } from './errors.ts';
import { relative, rootDir } from './paths.ts';
import { readYamlFile } from './yaml-file.ts';

export const glossaryFile = path.join(rootDir, 'content', 'glossary.yaml');

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

const entrySchema = z
  .object({
    /** The anchor on /glossary/ (`#pinner`), stable so reviews can link to it. */
    id: slug,
    term: z.string().min(1),
    /** Whose term it is: a Rust engineer needs the Go ones explained, and the other way round. */
    side: z.enum(['Go', 'Rust', 'cgo', 'C', 'both']),
    /** The release that introduced or changed it, when a reader's version matters (`Go 1.21`). */
    since: z
      .string()
      .regex(/^(Go|Rust) \d+\.\d+$/, 'like "Go 1.21" or "Rust 1.81"')
      .optional(),
    /** One or two sentences; `code` in backticks. */
    definition: z.string().min(30, 'write a sentence or two'),
    /** Where a guide explains it: guide slug and heading id. */
    see: z.array(z.object({ guide: slug, section: slug }).strict()).min(1),
  })
  .strict();

const glossarySchema = z
  .array(entrySchema)
  .min(1)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `id "${e.id}" is used twice` });
      seen.add(e.id);
    });
  });

export type GlossaryEntry = z.output<typeof entrySchema>;

/** The glossary in reading order (alphabetical, ignoring case and punctuation such as `#[`). */
export function loadGlossary(file = glossaryFile): GlossaryEntry[] {
  const sortKey = (t: string) => t.toLowerCase().replace(/[^a-z0-9]/g, '');
  return readYamlFile(file, glossarySchema).sort((a, b) => sortKey(a.term).localeCompare(sortKey(b.term)));
}

/** A `see` that names a guide or heading that does not exist fails the build, naming the entry. */
export function unknownTarget(entry: GlossaryEntry, target: GlossaryEntry['see'][number], problem: string): SourceError {
  const lines = readFileSync(glossaryFile, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim() === `- id: ${entry.id}`);
  const at = lines.findIndex((l, i) => i > start && l.includes(target.section));
  return new SourceError(
    relative(glossaryFile),
    at >= 0 ? at + 1 : undefined,
    `entry "${entry.id}": see ${target.guide}#${target.section}: ${problem}`,
    'fix the guide slug or heading id',
  );
}
