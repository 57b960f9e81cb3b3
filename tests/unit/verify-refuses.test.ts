/**
 * `verify --check` end to end, on a copy of the repository (its tracked files) with one thing broken, or without Go
 * on PATH: it must exit non-zero and name the example, the record, the citing guide or what to install. A stale
 * record is reported after its example is built and tested, so those cases use the smallest example.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rootDir } from '../../src/lib/sources/paths.ts';
import { copyOfRepository, edit, verify, verifyCheck as verifyCheckIn } from '../support/repository-copy.ts';

const verifyCheck = (dir: string) => verifyCheckIn(dir, '--no-bench', '--example', 'hello-boundary');

test("one changed byte in hello-boundary's Rust source makes the record stale, naming the example", () => {
  const dir = copyOfRepository();
  edit(dir, 'examples/hello-boundary/rust/src/lib.rs', (s) => s.replace('// region: export', '// region: export '));
  const { code, out } = verifyCheck(dir);
  assert.equal(code, 1, out);
  assert.match(out, /examples\/hello-boundary\/verified\.json: stale: the sources of hello-boundary changed/);
  assert.match(out, /npm run verify -- --example hello-boundary/);
});

test('a deleted region that a guide cites fails, naming the guide and line', () => {
  const dir = copyOfRepository();
  edit(dir, 'examples/hello-boundary/rust/src/lib.rs', (s) => s.replace(/\/\/ region: export\n([^]*?)\/\/ endregion\n/, '$1'));
  const { code, out } = verifyCheck(dir);
  assert.equal(code, 1, out);
  assert.match(out, /content\/guides\/your-first-crossing\.mdx:\d+: .*"export"/);
});

test('a missing toolchain is a clear error with what to install, not a crash', () => {
  const { code, out } = verify(rootDir, ['--check', '--no-bench'], { ...process.env, PATH: '/nonexistent' });
  assert.equal(code, 2, out);
  assert.match(out, /Go not found: `go version` could not start\.\n {2}→ Install Go 1\.26/);
});
