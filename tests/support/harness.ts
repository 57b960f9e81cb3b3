import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { rootDir } from '../../src/lib/sources/paths.ts';
import type { RunnerOptions } from '../../scripts/serve/runner.ts';
import { createSite } from '../../scripts/serve/site.ts';
import { loadExamples } from '../../src/lib/sources/manifest.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The built site under test: dist/, or HANDBOOK_DIST (the gates' own test points it at a deliberately broken copy). */
export const distDir = process.env.HANDBOOK_DIST ? path.resolve(process.env.HANDBOOK_DIST) : path.join(rootDir, 'dist');

/** Every built page: its file in dist/ and the address it is served at (`guides/x/index.html` → `/guides/x/`). */
export function builtPages(root = distDir): { file: string; url: string }[] {
  return (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'))
    .sort()
    .map((f) => ({ file: path.join(root, f), url: '/' + f.replace(/(^|\/)index\.html$/, '$1') }));
}

/** Runs `fn` over `items` with at most `limit` at a time (a few browser contexts in parallel). */
export async function inParallel<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Waits until the page has loaded and its scripts are done changing it: no DOM mutation for `quietMs`
 * (at most `maxMs`). Controls some scripts add after a fetch (Run buttons) exist by then.
 */
export async function settled(page: Page, quietMs = 150, maxMs = 3000): Promise<void> {
  await page.waitForLoadState('load');
  await page.evaluate(
    ([quiet, max]) =>
      new Promise<void>((resolve) => {
        const done = () => {
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(limit);
          resolve();
        };
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quiet);
        });
        let timer = setTimeout(done, quiet);
        const limit = setTimeout(done, max);
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      }),
    [quietMs, maxMs] as const,
  );
}

/** A running built site and a browser pointed at it; every page records console errors and outside requests. */
export interface Site {
  base: string;
  port: number;
  runner: ReturnType<typeof createSite>['runner'];
  browser: Browser;
  newPage(options?: PageOptions): Promise<TrackedPage>;
  close(): Promise<void>;
}

export interface PageOptions {
  colorScheme?: 'light' | 'dark';
  width?: number;
  /** A theme the reader picked with the toggle (stored in localStorage), overriding the system's. */
  theme?: 'light' | 'dark';
}

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  outsideRequests: string[];
  /** Every request to the site itself, as a path (`/_astro/x.js`), in order. */
  requests: string[];
}

/** Serves dist/ on a free loopback port, with the local runner (limits adjustable for tests). */
export async function startSite(runnerOptions: Partial<RunnerOptions> = {}): Promise<Site> {
  if (!existsSync(path.join(distDir, 'index.html'))) throw new Error(`${distDir} is not built: run \`npm run build\` first`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  // The runner must know its port (it accepts no other Host), so listen first and attach the handler after.
  let handle: ReturnType<typeof createSite>['handler'] = (_req, res) => res.writeHead(503).end();
  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const site = createSite(distDir, { port, examples: loadExamples(), ...runnerOptions });
  handle = site.handler;
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  return {
    base,
    port,
    runner: site.runner,
    browser,
    async newPage({ colorScheme = 'light', width = 1280, theme } = {}) {
      const context = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
      contexts.push(context);
      // tsx (esbuild, keepNames) wraps named inner functions of test code in __name(); functions passed to
      // page.evaluate carry that call into the page, so the page gets a no-op __name.
      await context.addInitScript('globalThis.__name = (f) => f;');
      if (theme) await context.addInitScript((t) => localStorage.setItem('theme', t), theme);
      const page = await context.newPage();
      const tracked: TrackedPage = { page, context, consoleErrors: [], outsideRequests: [], requests: [] };
      page.on('console', (m) => m.type() === 'error' && tracked.consoleErrors.push(`${page.url()}: ${m.text()}`));
      page.on('pageerror', (e) => tracked.consoleErrors.push(`${page.url()}: ${e.message}`));
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.origin === base) tracked.requests.push(url.pathname + url.search);
        if (url.origin === base || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
        tracked.outsideRequests.push(url.href);
        return route.abort();
      });
      return tracked;
    },
    async close() {
      await site.runner.stopAll();
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
