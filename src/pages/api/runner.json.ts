import type { APIRoute } from 'astro';

/**
 * On a static host this file answers the Run buttons' probe: no runner here.
 * `npm start` answers the same path itself with the examples it can run.
 */
export const GET: APIRoute = () => new Response(JSON.stringify({ available: false, examples: [] }));
