/**
 * The gates can fail: on a copy of dist/ with one page broken for each gate, the gate's own test file must fail and
 * name the page and what broke (an image without alt text, a skipped heading level, a dead anchor, an image from
 * another host, a stray inline script over budget, a faint paragraph, a control the keyboard cannot reach). The
 * browser gates visit representative pages (tests/support/templates.ts): their bugs go on pages that are not representatives of the
 * clean build, so those tests also prove that the bug's new element shape makes its page one.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { rootDir } from '../../src/lib/sources/paths.ts';
import { distDir } from '../support/harness.ts';
import { pagesByRoute, representatives } from '../support/templates.ts';

let broken: string;
/** Pages of one route that the clean build does not pick as representatives: a browser gate would not visit them. */
const SOURCE_ROUTE = 'src/pages/examples/[slug]/source/[...file].astro';
const FAINT = 'examples/hello-boundary/source/go/hello.go/';
const UNREACHABLE = 'examples/checksum/source/go/adler32.go/';

/** Inserts `html` right after the page's <h1>…</h1>, where a guide's author would have written it. */
function insertAfterTitle(url: string, html: string) {
  const file = path.join(broken, url, 'index.html');
  const page = readFileSync(file, 'utf8');
  const at = page.indexOf('</h1>');
  assert.ok(at > 0, `${url} has no <h1>`);
  writeFileSync(file, page.slice(0, at + 5) + html + page.slice(at + 5));
}

before(() => {
  broken = mkdtempSync(path.join(tmpdir(), 'handbook-broken-dist-'));
  cpSync(distDir, broken, { recursive: true });
  insertAfterTitle('guides/ownership/', '<img src="/favicon.svg" width="16" height="16"><h4>A skipped level</h4>');
  insertAfterTitle('guides/concurrency/', '<p><a href="#no-such-section">see below</a></p><img src="https://images.example.com/pixel.png" alt="">');
  // Random text does not compress: 25 kB of it takes any page past the 20 kB budget.
  insertAfterTitle('guides/error-mapping/', `<script>/* ${randomBytes(19_000).toString('base64')} */</script>`);
  insertAfterTitle(FAINT, '<p style="color:#d4d4d4">A faint note.</p>');
  insertAfterTitle(UNREACHABLE, '<span class="hint" onclick="this.hidden = true">Hide this</span>');
});
after(() => rmSync(broken, { recursive: true, force: true }));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Runs one gate's test file on the broken copy, narrowed to the route of the broken page and to the test that must
 * catch it (the file's other tests check other things, and the clean build already passes them); returns its exit
 * code and output.
 */
function gate(file: string, route?: string, only?: string) {
  // Without NODE_TEST_CONTEXT the child is a test run of its own, not a file of this one.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...(only ? ['--test-name-pattern', only] : []), `tests/quality/${file}`], {
    cwd: rootDir,
    env: { ...env, HANDBOOK_DIST: broken, ...(route ? { HANDBOOK_ROUTES: route } : {}) },
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

test('valid HTML: an image without alt text and a skipped heading level fail, naming the page', () => {
  const { code, out } = gate('html.test.ts', 'src/pages/guides/[slug].astro');
  assert.equal(code, 1, out);
  assert.match(out, /\/guides\/ownership\/ \(.*\): wcag\/h37: <img> is missing required "alt" attribute/);
  assert.match(out, /\/guides\/ownership\/ \(.*\): heading-level: Heading level can only increase by one, expected <h2> but got <h4>/);
});

test('the broken source pages are not representatives of the clean build', () => {
  const clean = representatives(pagesByRoute(distDir)).map((p) => p.url);
  for (const url of [FAINT, UNREACHABLE]) assert.ok(!clean.includes(`/${url}`), `/${url} is a representative already: pick another page`);
});

test('accessibility: a faint paragraph on a page that was no representative fails, naming the page and the rule', () => {
  const { code, out } = gate('a11y.test.ts', SOURCE_ROUTE);
  assert.equal(code, 1, out);
  assert.match(out, /color-contrast \(serious\) Elements must meet minimum color contrast ratio thresholds\n.*foreground color: #d4d4d4/);
  assert.match(out, new RegExp(`/${escape(FAINT)} \\[system light, 1280px\\]`));
});

test('keyboard: a click-only control on a page that was no representative fails, naming the page and the control', () => {
  const { code, out } = gate('keyboard.test.ts', SOURCE_ROUTE);
  assert.equal(code, 1, out);
  assert.match(out, /<span\.hint> “Hide this” acts as a control but cannot take keyboard focus/);
  assert.match(out, new RegExp(`/${escape(UNREACHABLE)} \\(1280px\\)`));
});

test('links: a dead anchor fails, naming the page and the anchor', () => {
  const { code, out } = gate('links.test.ts', undefined, '^every internal link');
  assert.equal(code, 1, out);
  assert.match(out, /\/guides\/concurrency\/: <a href="#no-such-section"> “see below” → no id="no-such-section"/);
});

test('requests: an image from another host fails, read from the markup, naming the page, the line and the address', () => {
  const { code, out } = gate('requests.test.ts', 'src/pages/guides/[slug].astro', '^no page or stylesheet');
  assert.equal(code, 1, out);
  assert.match(out, /\/guides\/concurrency\/:\d+: <img> loads https:\/\/images\.example\.com\/pixel\.png/);
});

test('budgets: a stray inline script over the HTML budget fails, naming the page and the figure', () => {
  const { code, out } = gate('budgets.test.ts', undefined, '^HTML:');
  assert.equal(code, 1, out);
  assert.match(out, /\/guides\/error-mapping\/: HTML is \d+\.\d kB gzipped, over the 20\.0 kB budget/);
});
