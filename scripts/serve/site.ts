import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRunner, type RunnerOptions } from './runner.ts';
import { serveStatic } from './static.ts';

/** The local site: /api/ goes to the runner, everything else to the built files in `dist`. */
export function createSite(dist: string, runnerOptions: RunnerOptions) {
  const runner = createRunner(runnerOptions);
  const files = serveStatic(dist);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/api/')) return files(req, res);
    runner.handle(req, res).catch((e: unknown) => {
      console.error(e);
      if (res.headersSent) res.end();
      else res.writeHead(500).end();
    });
  };
  return { handler, runner };
}
