/**
 * The gates can fail: on a copy of dist/ with one page broken for each gate, the gate's own test file must fail and
 * name the page and what broke (an image without alt text, a dead anchor, a stray inline script over budget).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { rootDir } from '../../src/lib/sources/paths.ts';
import { distDir } from '../browser/harness.ts';

let broken: string;

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
  insertAfterTitle('guides/ownership/', '<img src="/favicon.svg" width="16" height="16">');
  insertAfterTitle('guides/concurrency/', '<p><a href="#no-such-section">see below</a></p>');
  // Random text does not compress: 25 kB of it takes any page past the 20 kB budget.
  insertAfterTitle('guides/error-mapping/', `<script>/* ${randomBytes(19_000).toString('base64')} */</script>`);
});
after(() => rmSync(broken, { recursive: true, force: true }));

/** Runs one gate's test file on the broken copy; returns its exit code and everything it printed. */
function gate(file: string) {
  // Without NODE_TEST_CONTEXT the child is a test run of its own, not a file of this one.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `tests/quality/${file}`], {
    cwd: rootDir,
    env: { ...env, HANDBOOK_DIST: broken },
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

test('valid HTML: an image without alt text fails, naming the page', () => {
  const { code, out } = gate('html.test.ts');
  assert.equal(code, 1, out);
  assert.match(out, /\/guides\/ownership\/ \(.*\): wcag\/h37: <img> is missing required "alt" attribute/);
});

test('links: a dead anchor fails, naming the page and the anchor', () => {
  const { code, out } = gate('links.test.ts');
  assert.equal(code, 1, out);
  assert.match(out, /\/guides\/concurrency\/: <a href="#no-such-section"> “see below” → no id="no-such-section"/);
});

test('budgets: a stray inline script over the HTML budget fails, naming the page and the figure', () => {
  const { code, out } = gate('budgets.test.ts');
  assert.equal(code, 1, out);
  assert.match(out, /\/guides\/error-mapping\/: HTML is \d+\.\d kB gzipped, over the 20\.0 kB budget/);
});
