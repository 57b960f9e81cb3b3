/**
 * Where the handbook is published and where its source lives: the one setting that canonical URLs, copied
 * checklist citations, edit links, the sitemap and llms.txt come from. A deployment sets HANDBOOK_SITE and
 * HANDBOOK_REPOSITORY; the defaults are placeholders under the reserved example.org domain.
 */
export const SITE_URL = (process.env.HANDBOOK_SITE ?? 'https://go-rust-handbook.example.org').replace(/\/$/, '');
export const REPOSITORY = (process.env.HANDBOOK_REPOSITORY ?? 'https://github.com/example/go-rust-interop-handbook').replace(/\/$/, '');
/** The branch edit links point at. */
export const BRANCH = process.env.HANDBOOK_BRANCH ?? 'main';
