import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { startSite, type Site } from '../support/harness.ts';

let site: Site;
before(async () => {
  site = await startSite({ timeLimitMs: { bench: 1_500 }, maxConcurrent: 2 });
});
after(async () => {
  await site?.close();
});

/** A raw request, so tests can send the Host and Origin headers a hostile page or DNS rebinding would. */
function send(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: site.port, method, path, headers: { host: `127.0.0.1:${site.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
const origin = () => ({ origin: `http://127.0.0.1:${site.port}` });
const events = (body: string) =>
  body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { t: string; [k: string]: unknown });

test('a run from the local site streams the real output and the exit status', async () => {
  const r = await send('POST', '/api/run/hello-boundary/run', origin());
  assert.equal(r.status, 200);
  const ev = events(r.body);
  assert.match(
    ev
      .filter((e) => e.t === 'out')
      .map((e) => e.data)
      .join(''),
    /Rust says 2 \+ 40 = 42/,
  );
  assert.deepEqual(ev.at(-1), { ...ev.at(-1), t: 'exit', code: 0, timedOut: false, truncated: false });
});

test('a request from another site (wrong Origin) is refused', async () => {
  assert.equal((await send('POST', '/api/run/hello-boundary/run', { origin: 'http://evil.example' })).status, 403);
  assert.equal((await send('POST', '/api/run/hello-boundary/run')).status, 403, 'no Origin at all');
  assert.equal((await send('POST', '/api/run/hello-boundary/run', { origin: `http://127.0.0.1:${site.port + 1}` })).status, 403, 'another local port');
});

test('a DNS-rebinding name (wrong Host) is refused, even for the probe', async () => {
  assert.equal((await send('POST', '/api/run/hello-boundary/run', { ...origin(), host: `evil.example:${site.port}` })).status, 403);
  assert.equal((await send('GET', '/api/runner.json', { host: `evil.example:${site.port}` })).status, 403);
});

test('unknown examples, actions and methods are refused; nothing comes from the request but a slug', async () => {
  assert.equal((await send('POST', '/api/run/no-such-example/run', origin())).status, 404);
  assert.equal((await send('POST', '/api/run/hello-boundary/sh', origin())).status, 404);
  assert.equal((await send('POST', '/api/run/..%2F..%2Fetc/run', origin())).status, 404);
  assert.equal((await send('GET', '/api/run/hello-boundary/run', origin())).status, 405);
});

test('a flood of concurrent runs is bounded and leaves nothing running', async () => {
  const flood = await Promise.all(Array.from({ length: 12 }, () => send('POST', '/api/run/hello-boundary/run', origin())));
  const statuses = flood.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 200).length, 1, `one run per example at a time (got ${statuses.join(',')})`);
  assert.ok(statuses.every((s) => s === 200 || s === 409));
  const mixed = await Promise.all(['hello-boundary', 'checksum', 'hello-boundary', 'checksum'].map((slug) => send('POST', `/api/run/${slug}/run`, origin())));
  assert.ok(mixed.filter((r) => r.status === 200).length <= 2);
  assert.equal(site.runner.active(), 0, 'no run left after the responses end');
});

test('a run past its time limit is killed and says so', async () => {
  const r = await send('POST', '/api/run/checksum/bench', origin());
  const ev = events(r.body);
  assert.ok(ev.some((e) => e.t === 'error' && /time limit/.test(String(e.text))));
  assert.deepEqual(ev.at(-1), { ...ev.at(-1), t: 'exit', timedOut: true });
  assert.equal(site.runner.active(), 0);
});

test('the Run button on an example page streams the real output', async () => {
  const tracked = await site.newPage();
  const { page } = tracked;
  await page.goto(`${site.base}/examples/hello-boundary/`);
  await page.getByRole('button', { name: 'Run main' }).click();
  await page.locator('[data-run-panel] pre.live').getByText('Rust says 2 + 40 = 42').waitFor({ timeout: 60_000 });
  await page
    .locator('[data-run-panel] [data-run-status]')
    .getByText(/Finished: exit status 0/)
    .waitFor();
  assert.deepEqual(tracked.consoleErrors, []);
});

test('Stop ends a run from the page', async () => {
  const { page } = await site.newPage();
  await page.goto(`${site.base}/examples/checksum/`);
  await page.getByRole('button', { name: 'Run benchmarks (short)' }).click();
  await page.getByRole('button', { name: 'Stop' }).click();
  await page
    .locator('[data-run-panel] [data-run-status]')
    .getByText(/Stopped/)
    .waitFor();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(site.runner.active(), 0);
});

test('a missing toolchain is a clear message, not a crash', async () => {
  const bare = await startSite({ env: { PATH: '/usr/bin:/bin', HOME: process.env.HOME } });
  try {
    const { page } = await bare.newPage();
    await page.goto(`${bare.base}/examples/hello-boundary/`);
    await page.getByRole('button', { name: 'Run main' }).click();
    await page
      .locator('[data-run-panel] pre.live')
      .getByText(/Go not found/)
      .waitFor();
    assert.match(await page.locator('[data-run-panel] pre.live').innerText(), /Install Go 1\.26/);
  } finally {
    await bare.close();
  }
});
