/**
 * `npm start`: builds the site if needed and serves it on 127.0.0.1 only.
 *   PORT=4321 (default)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { rootDir } from '../src/lib/paths.ts';
import { serveStatic } from './serve/static.ts';

const dist = path.join(rootDir, 'dist');
if (!existsSync(path.join(dist, 'index.html')) || process.argv.includes('--build')) {
  console.log('building the site (npm run build)…');
  const r = spawnSync('npm', ['run', 'build'], { cwd: rootDir, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const port = Number(process.env.PORT ?? 4321);
const server = createServer(serveStatic(dist));
server.listen(port, '127.0.0.1', () => console.log(`the handbook is at http://127.0.0.1:${port}/ (Ctrl+C to stop)`));
