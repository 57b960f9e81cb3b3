import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failureExcerpt } from '../../scripts/verify/compiler-output.ts';

const filler = (n: number) => Array.from({ length: n }, (_, i) => `   Compiling dep-${i} v1.0.0`).join('\n');

test('a Rust compile error keeps its code and location, however long the output after it', () => {
  const output = `${filler(5)}
error[E0308]: mismatched types
  --> hello-boundary/rust/src/lib.rs:12:5
   |
11 | pub extern "C" fn hb_add(a: i32, b: i32) -> i32 {
   |                                             --- expected \`i32\` because of return type
12 |     a.wrapping_add(b) as u8
   |     ^^^^^^^^^^^^^^^^^^^^^^^ expected \`i32\`, found \`u8\`

For more information about this error, try \`rustc --explain E0308\`.
${filler(40)}
error: could not compile \`hello-boundary\` (lib) due to 1 previous error`;
  const shown = failureExcerpt(output);
  assert.match(shown, /^ {4}error\[E0308\]: mismatched types\n {6}--> hello-boundary\/rust\/src\/lib\.rs:12:5$/m);
  assert.match(shown, /expected `i32`, found `u8`/);
  assert.match(shown, /could not compile `hello-boundary`/);
  assert.doesNotMatch(shown, /Compiling dep-/);
});

test('only the first three Rust errors are shown, in order', () => {
  const block = (i: number) => `error[E0425]: cannot find value \`x${i}\` in this scope\n --> src/lib.rs:${i}:1\n  |\n`;
  const shown = failureExcerpt([1, 2, 3, 4, 5].map(block).join('\n'));
  assert.deepEqual(
    [...shown.matchAll(/src\/lib\.rs:(\d+):1/g)].map((m) => m[1]),
    ['1', '2', '3'],
  );
});

test('Go compile errors are shown from the first, with their package', () => {
  const output = `# example.com/handbook/hello
./hello.go:14:9: undefined: addd
./hello.go:20:2: declared and not used: y
${filler(30)}
FAIL	example.com/handbook/hello [build failed]`;
  const shown = failureExcerpt(output);
  assert.match(shown, /# example\.com\/handbook\/hello\n {4}\.\/hello\.go:14:9: undefined: addd\n {4}\.\/hello\.go:20:2:/);
});

test("cargo's `error: test failed` is not a compiler error: the failing test's output (the tail) is shown", () => {
  const output = `${filler(30)}\n---- tests::adds stdout ----\nassertion failed\nerror: test failed, to rerun pass \`-p x --lib\``;
  const shown = failureExcerpt(output);
  assert.match(shown, /---- tests::adds stdout ----/);
  assert.equal(shown.split('\n').length, 25);
});
