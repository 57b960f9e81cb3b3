/**
 * `npm start`: builds the site if needed and serves it on 127.0.0.1 only, with the
 * local runner behind the Run buttons at /api/.
 *   PORT=4321 (default)    npm start -- --build   rebuild first
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { loadExamples } from '../src/lib/manifest.ts';
import { rootDir } from '../src/lib/paths.ts';
import { createSite } from './serve/site.ts';

const dist = path.join(rootDir, 'dist');
if (!existsSync(path.join(dist, 'index.html')) || process.argv.includes('--build')) {
  console.log('building the site (npm run build)…');
  const r = spawnSync('npm', ['run', 'build'], { cwd: rootDir, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const port = Number(process.env.PORT ?? 4321);
const { handler, runner } = createSite(dist, { port, examples: loadExamples() });
createServer(handler).listen(port, '127.0.0.1', () => console.log(`the handbook is at http://127.0.0.1:${port}/ (Ctrl+C to stop)`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    runner.stopAll();
    process.exit(0);
  });
}

