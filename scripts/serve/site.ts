import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRunner, type RunnerOptions } from './runner.ts';
import { serveStatic } from './static.ts';

/**
 * The local site: /api/ goes to the runner, everything else to the built files in `dist`. No request
 * can stop the server: whatever a handler throws is logged and answered 500 (or ends the response).
 */
export function createSite(dist: string, runnerOptions: RunnerOptions) {
  const runner = createRunner(runnerOptions);
  const files = serveStatic(dist);
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // RFC 9112 §3.2: more than one Host is a 400. Node keeps the first and drops the rest, so count them here.
    if ((req.headersDistinct.host?.length ?? 0) > 1) return void res.writeHead(400).end('bad request: more than one Host');
    return req.url?.startsWith('/api/') ? runner.handle(req, res) : files(req, res);
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((e: unknown) => {
      console.error(`${req.method} ${JSON.stringify(req.url)}:`, e);
      if (res.headersSent) return void res.destroy();
      try {
        res.writeHead(500).end('internal error');
      } catch {
        res.destroy(); // should even that fail, drop the connection, not the server
      }
    });
  };
  return { handler, runner };
}
