import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { guideFrontmatterSchema } from './lib/sources/guides.ts';

/** Guides live in content/guides (outside src/), validated by the same schema scripts/verify uses. */
const guides = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/guides' }),
  schema: guideFrontmatterSchema,
});

export const collections = { guides };
