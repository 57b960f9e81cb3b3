import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SourceError } from './errors.ts';
import { guidesDir, relative } from './paths.ts';
import { parseYaml } from './yaml-file.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case-with-dashes');

export const quizQuestionSchema = z
  .strictObject({
    id,
    question: z.string().min(5),
    choices: z.array(z.strictObject({ text: z.string().min(1), correct: z.boolean().default(false) })).min(2),
    explanation: z.string().min(10),
  })
  .refine((q) => q.choices.filter((c) => c.correct).length === 1, 'mark exactly one choice `correct: true`');

export const checklistItemSchema = z.strictObject({
  /** Stable: reviewers cite it in pull requests, so never reuse or rename one. */
  id,
  text: z.string().min(10),
  /** The id of the heading in this guide that explains the item. */
  section: id,
});

/** Front matter of a guide in content/guides/*.mdx: the site's content schema and verify both use it. */
export const guideFrontmatterSchema = z
  .strictObject({
    title: z.string().min(3),
    summary: z.string().min(20).max(300),
    order: z.number().int().positive(),
    level: z.enum(['start', 'core', 'advanced']),
    /** Examples this guide draws on; each must exist under examples/. */
    examples: z.array(id).default([]),
    quiz: z.array(quizQuestionSchema).default([]),
    checklist: z.array(checklistItemSchema).default([]),
  })
  .refine((g) => new Set(g.checklist.map((c) => c.id)).size === g.checklist.length, 'checklist ids must be unique');

export type GuideFrontmatter = z.output<typeof guideFrontmatterSchema>;
export type QuizQuestion = GuideFrontmatter['quiz'][number];
export type ChecklistItem = GuideFrontmatter['checklist'][number];

/** A `<Code example="…" file="…" region="…" />` in a guide, with where it stands. */
export interface Citation {
  guide: string;
  line: number;
  example: string;
  file: string;
  region?: string;
}

export interface GuideSource {
  slug: string;
  file: string;
  frontmatter: GuideFrontmatter;
  body: string;
  /** Line of the file on which the body starts, for messages. */
  bodyLine: number;
  citations: Citation[];
}

const FRONTMATTER = /^---\n([\s\S]*?)\n---\n/;

export function parseGuide(text: string, file: string): GuideSource {
  const fm = FRONTMATTER.exec(text);
  if (!fm) throw new SourceError(file, 1, 'no front matter: a guide starts with `---`, YAML, `---`');
  const frontmatter = parseYaml(fm[1]!, file, guideFrontmatterSchema, 1);
  const body = text.slice(fm[0].length);
  const bodyLine = fm[0].split('\n').length - 1;
  return { slug: path.basename(file).replace(/\.mdx?$/, ''), file, frontmatter, body, bodyLine, citations: findCitations(body, file, bodyLine) };
}

/** A self-closing component element in a guide, with its plain-string attributes. */
export interface Element {
  tag: string;
  guide: string;
  line: number;
  attrs: Record<string, string | undefined>;
}

/** Every `<Tag … />` of the given tags. Attributes must be plain strings so they can be checked without building. */
export function findElements(text: string, guide: string, tags: readonly string[], lineOffset = 0): Element[] {
  const found: Element[] = [];
  for (const m of text.matchAll(new RegExp(`<(${tags.join('|')})\\b((?:[^>"]|"[^"]*")*?)/>`, 'g'))) {
    const line = text.slice(0, m.index).split('\n').length + lineOffset;
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/(\w+)=(?:"([^"]*)"|(\{))/g)) {
      if (a[3]) throw new SourceError(guide, line, `<${m[1]}> attribute ${a[1]} must be a plain string, not an expression`);
      attrs[a[1]!] = a[2]!;
    }
    found.push({ tag: m[1]!, guide, line, attrs });
  }
  return found;
}

/** Every `<Code … />` in a guide: the snippets it shows. */
export function findCitations(text: string, guide: string, lineOffset = 0): Citation[] {
  return findElements(text, guide, ['Code'], lineOffset).map((el) => {
    for (const key of ['example', 'file'] as const) {
      if (!el.attrs[key]) throw new SourceError(guide, el.line, `<Code> needs ${key}="…"`);
    }
    return { guide, line: el.line, example: el.attrs.example!, file: el.attrs.file!, region: el.attrs.region };
  });
}

export function loadGuides(dir = guidesDir): GuideSource[] {
  return readdirSync(dir)
    .filter((f) => /\.mdx?$/.test(f))
    .sort()
    .map((f) => parseGuide(readFileSync(path.join(dir, f), 'utf8'), relative(path.join(dir, f))));
}
