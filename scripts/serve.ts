/**
 * `npm start`: builds the site if needed and serves it on 127.0.0.1 only, with the
 * local runner behind the Run buttons at /api/.
 *   PORT=4321 (default; 0 picks a free port)    npm start -- --build   rebuild first
 *   HANDBOOK_DIST=dir   serves another build instead of dist/ (tests; never built here)
 * SIGTERM or SIGINT stops the runs (their processes and temporary folders), then the server.
 * The npm script `exec`s node: `sh -c` would otherwise die of npm's forwarded SIGTERM and leave
 * this process listening.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadExamples } from '../src/lib/sources/manifest.ts';
import { rootDir } from '../src/lib/sources/paths.ts';
import { createSite } from './serve/site.ts';

const dist = process.env.HANDBOOK_DIST ? path.resolve(process.env.HANDBOOK_DIST) : path.join(rootDir, 'dist');
if (!existsSync(path.join(dist, 'index.html')) || process.argv.includes('--build')) {
  if (process.env.HANDBOOK_DIST) throw new Error(`HANDBOOK_DIST=${dist} has no index.html`);
  console.log('building the site (npm run build)…');
  const r = spawnSync('npm', ['run', 'build'], { cwd: rootDir, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// The runner must know its port (it accepts no other Host), so listen first and attach the site after.
let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
const server = createServer((req, res) => handle(req, res));
await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 4321), '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const site = createSite(dist, { port, examples: loadExamples() });
handle = site.handler;
console.log(`the handbook is at http://127.0.0.1:${port}/ (Ctrl+C to stop)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the runs and the server…`);
    server.close(); // no new connections; open ones end with the process
    site.runner.stopAll().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
}
