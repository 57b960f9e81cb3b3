import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { rootDir } from '../../src/lib/paths.ts';
import { serveStatic } from '../../scripts/serve/static.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A running built site and a browser pointed at it; every page records console errors and outside requests. */
export interface Site {
  base: string;
  browser: Browser;
  newPage(options?: { colorScheme?: 'light' | 'dark'; width?: number }): Promise<TrackedPage>;
  close(): Promise<void>;
}

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  outsideRequests: string[];
}

export async function startSite(handler = serveStatic(path.join(rootDir, 'dist'))): Promise<Site> {
  if (!existsSync(path.join(rootDir, 'dist', 'index.html'))) throw new Error('dist/ is not built: run `npm run build` first');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  return {
    base,
    browser,
    async newPage({ colorScheme = 'light', width = 1280 } = {}) {
      const context = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      const tracked: TrackedPage = { page, context, consoleErrors: [], outsideRequests: [] };
      page.on('console', (m) => m.type() === 'error' && tracked.consoleErrors.push(`${page.url()}: ${m.text()}`));
      page.on('pageerror', (e) => tracked.consoleErrors.push(`${page.url()}: ${e.message}`));
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.origin === base || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
        tracked.outsideRequests.push(url.href);
        return route.abort();
      });
      return tracked;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
