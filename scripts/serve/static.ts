import { createReadStream, realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

/** No file in a build has these in its path; a backslash is a separator on Windows and to browsers' URL parsers. */
const REFUSED = /[\u0000-\u001f\u007f\\]/;

const statOrNull = (file: string) => stat(file).catch(() => null);

/**
 * Serves a built site from `root`: `/a/` → `/a/index.html`, `/a` → a redirect to `/a/`, unknown
 * paths get 404.html with status 404, and nothing outside `root` is ever read (symbolic links
 * included). Redirects go to the file's own path, re-encoded, so they cannot leave the site.
 */
export function serveStatic(root: string) {
  const base = realpathSync(root);
  const inside = (file: string) => file === base || file.startsWith(base + path.sep);
  /** The site path of a file or folder under `base`, percent-encoded segment by segment. */
  const sitePath = (file: string) =>
    path
      .relative(base, file)
      .split(path.sep)
      .filter(Boolean)
      .map((s) => `/${encodeURIComponent(s)}`)
      .join('');

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    // Origin-form only: `new URL('//evil.example/x', base)` would read the path as another host.
    const target = req.url ?? '';
    if (!target.startsWith('/')) return void res.writeHead(400).end('bad request');
    let pathname: string;
    try {
      pathname = decodeURIComponent(target.split('?', 1)[0]!);
    } catch {
      return void res.writeHead(400).end('bad request');
    }
    if (REFUSED.test(pathname)) return void res.writeHead(400).end('bad request');
    let file = path.resolve(base, `.${pathname}`);
    if (!inside(file)) return void res.writeHead(403).end('forbidden');
    let found = await statOrNull(file);
    if (found?.isDirectory()) {
      if (!pathname.endsWith('/')) return void res.writeHead(301, { location: `${sitePath(file)}/` }).end();
      file = path.join(file, 'index.html');
      found = await statOrNull(file);
    }
    let status = 200;
    if (!found?.isFile()) {
      status = 404;
      file = path.join(base, '404.html');
      if (!(await statOrNull(file))?.isFile()) return void res.writeHead(404).end('not found');
    }
    // A link inside the build may point anywhere; serve only what really lies under it.
    if (!inside(await realpath(file))) return void res.writeHead(403).end('forbidden');
    res.writeHead(status, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    try {
      await pipeline(createReadStream(file), res);
    } catch (e) {
      // The reader closed the connection mid-file: nothing to answer.
      if ((e as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw e;
    }
  };
}
