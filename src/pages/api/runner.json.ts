import type { APIRoute } from 'astro';
import { NO_RUNNER } from '../../lib/commands/runner-actions.ts';

/**
 * On a static host this file answers the Run buttons' probe: no runner here.
 * `npm start` answers the same path itself with the examples and actions it can run.
 */
export const GET: APIRoute = () => new Response(JSON.stringify(NO_RUNNER));
