/**
 * Each lane of verify fails on a copy of the repository with a bug of its kind put into hello-boundary (the smallest
 * example), naming the example, the lane and the file and line of the bug. The bugs are new code appended to the
 * example, so they do not depend on what the example's own code does. One verify run checks all five lanes; each lane's
 * report must name its own bug, so no lane passes this test on another lane's bug.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { rootDir } from '../../src/lib/sources/paths.ts';
import { copyOfRepository, edit, laneReport, verify } from '../support/repository-copy.ts';

const EXAMPLE = 'examples/hello-boundary';
const LIB = `${EXAMPLE}/rust/src/lib.rs`;
const report = (out: string, lane: string) => laneReport(out, 'hello-boundary', lane);

const RUST_BUGS = `
#[cfg(test)]
mod planted_by_verify_lanes_test {
    #[test]
    fn undocumented_unsafe_block() {
        let x = 7u8;
        let y = unsafe { std::ptr::from_ref(&x).read() }; // clippy: no SAFETY comment
        assert_eq!(y, 7);
    }

    #[test]
    fn reads_one_past_the_end() {
        let bytes = [1u8, 2, 3];
        // SAFETY: none: this is the out-of-bounds read the miri lane must report.
        let past = unsafe { bytes.as_ptr().add(bytes.len()).read() }; // miri: out of bounds
        std::hint::black_box(past);
    }

    #[test]
    fn misformatted() {
        let sum = [1, 2].iter().sum::<i32>(); let twice = 2 * sum; // fmt: two statements on one line
        assert_eq!(twice, 6);
    }
}
`;

const goFiles = (pkg: string) => ({
  'planted_cgo.go': `package ${pkg}

// #include <stdlib.h>
import "C"

import "unsafe"

// plantedStore keeps a Go pointer in C memory, which only a cgocheck2 build catches.
func plantedStore() {
	slot := (*unsafe.Pointer)(C.malloc(C.size_t(unsafe.Sizeof(unsafe.Pointer(nil)))))
	defer C.free(unsafe.Pointer(slot))
	*slot = unsafe.Pointer(new(int)) // cgocheck2: Go pointer stored into C memory
}
`,
  'planted_test.go': `package ${pkg}

import "testing"

func TestPlantedGoPointerInCMemory(t *testing.T) { plantedStore() }

var plantedRuns int

func TestPlantedPassesOnlyOnce(t *testing.T) {
	plantedRuns++
	if plantedRuns > 1 {
		t.Fatalf("run %d sees what the first run left behind", plantedRuns) // repeat: fails on the second run
	}
}
`,
  'planted_fmt.go': `package ${pkg}

var  plantedMisformatted = 1 // fmt: gofmt removes the second space
`,
});

/** `file:line` of the line of `file` (in the copy) that contains `marker`. */
function lineOf(dir: string, file: string, marker: string): string {
  const at = readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(marker));
  assert.ok(at >= 0, `${marker} not in ${file}`);
  return `${file}:${at + 1}`;
}

let dir: string;
let run: { code: number | null; out: string };
before(() => {
  dir = copyOfRepository();
  edit(dir, LIB, (s) => s + RUST_BUGS);
  const goDir = path.join(dir, EXAMPLE, 'go');
  const pkg = readdirSync(goDir)
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
    .map((f) => /^package (\w+)/m.exec(readFileSync(path.join(goDir, f), 'utf8'))?.[1])
    .find(Boolean);
  assert.ok(pkg, 'no Go package in hello-boundary/go');
  for (const [name, text] of Object.entries(goFiles(pkg))) writeFileSync(path.join(goDir, name), text);
  run = verify(dir, ['--check', '--example', 'hello-boundary', '--only', 'fmt,clippy,repeat,cgocheck2,miri']);
});

test('verify --only exits 1, marking each failed lane', () => {
  assert.equal(run.code, 1, run.out);
  for (const lane of ['fmt', 'clippy', 'repeat', 'cgocheck2', 'miri']) assert.match(run.out, new RegExp(`^ {2}✗ ${lane} \\(`, 'm'));
});

test('fmt names the misformatted Rust and Go files', () => {
  const r = report(run.out, 'fmt');
  assert.match(r, new RegExp(`Diff in ${LIB}:\\d+:`));
  assert.match(r, /^ {4}-\s+let sum = \[1, 2\]\.iter\(\)\.sum::<i32>\(\); let twice/m);
  assert.match(r, new RegExp(`\\+\\+\\+ ${EXAMPLE}/go/planted_fmt\\.go`));
});

test('clippy names the unsafe block without a SAFETY comment', () => {
  const r = report(run.out, 'clippy');
  assert.match(r, /error: unsafe block missing a safety comment/);
  assert.ok(r.includes(`--> ${lineOf(dir, LIB, '// clippy:')}:`), r);
});

test('miri names the out-of-bounds read', () => {
  const r = report(run.out, 'miri');
  assert.match(r, /error: Undefined Behavior: memory access failed: .* beyond the end of the allocation/);
  assert.ok(r.includes(`--> ${lineOf(dir, LIB, '// miri:')}:`), r);
});

test('cgocheck2 names the Go pointer stored into C memory', () => {
  const r = report(run.out, 'cgocheck2');
  assert.match(r, /fatal error: unpinned Go pointer stored into non-Go memory/);
  assert.ok(r.includes(lineOf(dir, `${EXAMPLE}/go/planted_cgo.go`, '// cgocheck2:')), r);
  assert.doesNotMatch(r, /plantedRuns|run \d+ sees/, 'the test that fails only when repeated ran once here and passed');
});

test('repeat names the test that fails on its second run, with the seed to reproduce it', () => {
  const r = report(run.out, 'repeat');
  assert.match(r, /--- FAIL: TestPlantedPassesOnlyOnce/);
  assert.ok(r.includes(`${lineOf(dir, `${EXAMPLE}/go/planted_test.go`, '// repeat:')}: run 2 sees what the first run left behind`), r);
  assert.match(r, /-test\.shuffle \d+/);
  assert.doesNotMatch(r, /fatal error/, 'without cgocheck2 the Go pointer in C memory goes unnoticed');
});

test('an unknown lane is refused, listing the lanes', () => {
  const { code, out } = verify(rootDir, ['--check', '--only', 'clipy']);
  assert.equal(code, 1, out);
  assert.match(out, /unknown lane clipy; the lanes are \(or `all`\):\n {2}fmt: .*\n {2}clippy: every Clippy lint/);
});

test('a missing Miri nightly exits 2 with what to install', () => {
  const copy = copyOfRepository();
  edit(copy, 'rust-toolchain-miri.toml', (s) => s.replace(/^channel = ".*"$/m, 'channel = "nightly-2000-01-01"'));
  const { code, out } = verify(copy, ['--check', '--example', 'hello-boundary', '--only', 'miri']);
  assert.equal(code, 2, out);
  assert.match(
    out,
    /Miri not found: `cargo \+nightly-2000-01-01 miri --version` exited 1: .*\n {2}→ .*`rustup toolchain install nightly-2000-01-01 --profile minimal --component miri,rust-src`/,
  );
});
