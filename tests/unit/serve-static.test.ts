/**
 * The local server under hostile requests (issue 11, items 1, 2 and 8): whatever path, encoding or
 * headers arrive, it keeps answering, serves nothing outside its build, and redirects only within the site.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createSite } from '../../scripts/serve/site.ts';

const SECRET = `secret-${process.pid}-${Date.now()}`;
let tmp: string;
let server: Server;
let port: number;
let base: string;

before(async () => {
  // A small build with a secret beside it, in a sibling whose name starts like the build's, and behind a link.
  tmp = mkdtempSync(path.join(os.tmpdir(), 'serve-static-'));
  const dist = path.join(tmp, 'dist');
  for (const dir of ['guides', 'a b', '€', 'dist']) mkdirSync(path.join(dist, dir), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<p>home</p>');
  writeFileSync(path.join(dist, '404.html'), '<p>not found</p>');
  writeFileSync(path.join(dist, 'guides', 'index.html'), '<p>guides</p>');
  writeFileSync(path.join(dist, 'a b', 'index.html'), '<p>space</p>');
  writeFileSync(path.join(dist, '€', 'index.html'), '<p>euro</p>');
  writeFileSync(path.join(tmp, 'secret.txt'), SECRET);
  mkdirSync(path.join(tmp, 'dist-secret'));
  writeFileSync(path.join(tmp, 'dist-secret', 'secret.txt'), SECRET);
  symlinkSync(path.join(tmp, 'secret.txt'), path.join(dist, 'linked.txt'));
  symlinkSync(tmp, path.join(dist, 'up'));
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  // No examples: the runner answers /api/ but can start nothing.
  server.on('request', createSite(dist, { port, examples: [] }).handler);
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: [string, string][];
  body: string;
}

/** Sends `head` as raw bytes (any target, any header lines, duplicates included) and reads the answer. */
function raw(head: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Not half-closed: Node aborts a request whose client ended its side. `Connection: close` ends the exchange.
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.from(head, 'utf8')));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error(`no answer in 5 s to ${JSON.stringify(head)}`)), 5_000);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const [top = '', ...body] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = top.split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1]);
      if (!status) return reject(new Error(`no status line in answer to ${JSON.stringify(head)}: ${JSON.stringify(text.slice(0, 200))}`));
      const headers = lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as [string, string]);
      resolve({ status, headers, body: body.join('\r\n\r\n') });
    });
  });
}

const request = (target: string, headerLines = [`Host: 127.0.0.1:${port}`]) => raw(`GET ${target} HTTP/1.1\r\n${[...headerLines, 'Connection: close'].join('\r\n')}\r\n\r\n`);

/** What must hold for every answer, then: the server still answers an ordinary request. */
async function checkAnswer(a: Answer, what: string): Promise<void> {
  assert.ok(!a.body.includes(SECRET), `${what}: served a file outside dist/`);
  assert.ok(a.status < 500, `${what}: answered ${a.status}`);
  if (a.status >= 300 && a.status < 400) {
    const location = a.headers.find(([k]) => k === 'location')?.[1] ?? '';
    // Resolved as a browser resolves it (WHATWG URL: `\` is `/`, `//x` is another host).
    assert.equal(new URL(location, `${base}/some/page`).origin, base, `${what}: redirect to ${JSON.stringify(location)} leaves the site`);
  }
  const next = await request('/');
  assert.equal(next.status, 200, `${what}: the server no longer answers`);
}

test('the requests from issue 11 get a 4xx or a same-site redirect, and the server answers the next one', async () => {
  for (const target of ['/%E2%82%AC/..%2Fguides', '/%0d%0aX/..%2Fguides', '/%2Fevil.example/..%2Fguides', '/%5Cevil.example/..%2Fguides']) {
    const a = await request(target);
    assert.ok((a.status >= 400 && a.status < 500) || a.status === 301, `${target}: ${a.status}`);
    await checkAnswer(a, target);
  }
  const euro = await request('/%E2%82%AC/..%2Fguides');
  assert.deepEqual(
    euro.headers.find(([k]) => k === 'location'),
    ['location', '/guides/'],
    'the redirect goes to the folder itself',
  );
});

test('duplicate Host headers are refused with 400, for pages and for the runner', async () => {
  for (const target of ['/', '/api/runner.json']) {
    const a = await request(target, [`Host: 127.0.0.1:${port}`, 'Host: evil.example']);
    assert.equal(a.status, 400, target);
    await checkAnswer(a, `${target} with two Hosts`);
  }
});

test('files outside dist/ are not served: traversal, a sibling folder, links', async () => {
  for (const target of ['/..%2Fsecret.txt', '/%2e%2e/secret.txt', '/..%2Fdist-secret/secret.txt', '/linked.txt', '/up/secret.txt', '/up/dist-secret/secret.txt']) {
    await checkAnswer(await request(target), target);
  }
  assert.equal((await request('/a%20b/')).status, 200, 'an ordinary folder with a space is still served');
  assert.equal((await request('/%E2%82%AC')).headers.find(([k]) => k === 'location')?.[1], '/%E2%82%AC/');
});

/**
 * Hostile paths: `/` then segments (dots, the fixture's names, hosts, escapes of any byte, raw bytes),
 * each after a separator in some encoding, so a path may start `//`, `/%2F` or `/%5C`.
 */
const segment = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '',
      '.',
      '..',
      '..',
      'guides',
      'a%20b',
      '€',
      '%E2%82%AC',
      'evil.example',
      'secret.txt',
      'dist',
      'dist-secret',
      'linked.txt',
      'up',
      'index.html',
      'api',
      'runner.json',
    ),
  },
  fc.constantFrom('%2e%2e', '%2E', '%00', '%0d%0aX', '%09', '%7f', '%C0%AF', '%', '%zz', '%2', '?', '#', ';', '?a=%0d'),
  fc.string({ maxLength: 3, unit: fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).padStart(2, '0')}`) }),
  fc.string({ maxLength: 4, unit: 'binary' }).map((s) => s.replace(/[\r\n]/g, '')),
);
const separator = fc.constantFrom('/', '/', '//', '%2F', '%2F', '%2f', '%5C', '%5c', '\\', '/..%2F');
const hostilePath = fc.array(fc.tuple(separator, segment), { maxLength: 3 }).map((parts) => parts.flat().join(''));
const target = fc.oneof(
  { weight: 3, arbitrary: hostilePath.map((p) => `/${p}`) },
  // URL parsing resolves a literal `/..`, but not an encoded one: `/<path>/..%2F<folder>` decodes to a walk back up.
  {
    weight: 3,
    arbitrary: fc
      .tuple(hostilePath, fc.constantFrom('%2F', '%2f', '%5C', '/'), fc.constantFrom('', 'guides', '%E2%82%AC', 'a%20b', 'up', 'dist-secret', '..'))
      .map(([p, sep, folder]) => `/${p}/..${sep}${folder}`),
  },
  { weight: 1, arbitrary: fc.webPath() },
  { weight: 1, arbitrary: fc.webUrl() },
);
/**
 * Header lines: mostly the right Host (else most requests stop at the Host check), odd ones, none, two;
 * odd Origins. Values never contain CR or LF, which would start another header line.
 */
const value = fc.oneof(
  fc.constantFrom('127.0.0.1', 'localhost', 'evil.example', '', 'null', 'http://evil.example'),
  fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, '')),
);
const headers = fc
  .record({
    hosts: fc.oneof({ weight: 3, arbitrary: fc.constant<string[]>(['127.0.0.1:PORT']) }, fc.array(fc.oneof(fc.constant('127.0.0.1:PORT'), value), { maxLength: 3 })),
    origins: fc.array(fc.oneof(fc.constant('http://127.0.0.1:PORT'), value), { maxLength: 2 }),
  })
  .map(({ hosts, origins }) => [...hosts.map((h) => `Host: ${h}`), ...origins.map((o) => `Origin: ${o}`)]);

test('any path, encoding and headers: the server keeps answering, stays inside dist/ and on the site', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('GET', 'HEAD', 'POST'), target, headers, async (method, t, hs) => {
      const lines = hs.map((h) => h.replaceAll('PORT', String(port)));
      const a = await raw(`${method} ${t} HTTP/1.1\r\n${[...lines, 'Connection: close'].join('\r\n')}\r\n\r\n`);
      if (lines.filter((l) => l.startsWith('Host:')).length > 1) assert.equal(a.status, 400, 'two Hosts');
      await checkAnswer(a, `${method} ${t} ${JSON.stringify(lines)}`);
    }),
    { numRuns: 400 },
  );
});
