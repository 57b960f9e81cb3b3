/**
 * The check cache (scripts/verify/check-cache.ts): a check that passed is not repeated on the same inputs, and any
 * input changing runs it again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkKey, passedBefore, rememberPass, type CheckInputs } from '../../scripts/verify/check-cache.ts';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExampleRunner } from '../../scripts/verify/example-steps.ts';
import { loadExample } from '../../src/lib/sources/manifest.ts';
import { examplesDir, rootDir } from '../../src/lib/sources/paths.ts';
import { verifyCheck } from '../support/repository-copy.ts';

const inputs: CheckInputs = {
  check: 'lane repeat',
  commands: ['examples/x/go: go test -race -count=3 -shuffle=on -fullpath ./...'],
  sourceHash: `sha256:${'a'.repeat(64)}`,
  artifacts: { 'examples/target/release/libx.a': '0123456789abcdef' },
  toolchains: ['go version go1.26.8 linux/amd64', 'rustc 1.95.0'],
};

test('the key changes with every input: check, commands, sources, artifacts, toolchains, machine and record', () => {
  const key = checkKey(inputs);
  assert.equal(checkKey({ ...inputs }), key, 'the same inputs give the same key');
  const changed: Partial<CheckInputs>[] = [
    { check: 'lane cgocheck2' },
    { commands: ['examples/x/go: go test -race -count=1 -fullpath ./...'] },
    { sourceHash: `sha256:${'b'.repeat(64)}` },
    { artifacts: { 'examples/target/release/libx.a': '0123456789abcdee' } },
    { toolchains: ['go version go1.26.9 linux/amd64', 'rustc 1.95.0'] },
    { measuredAgainst: { machine: 'AMD EPYC, 2 cores', record: [1, 2] } },
  ];
  const measured = checkKey({ ...inputs, measuredAgainst: { machine: 'AMD EPYC, 2 cores', record: [1, 2] } });
  assert.notEqual(checkKey({ ...inputs, measuredAgainst: { machine: 'AMD EPYC, 4 cores', record: [1, 2] } }), measured);
  assert.notEqual(checkKey({ ...inputs, measuredAgainst: { machine: 'AMD EPYC, 2 cores', record: [1, 3] } }), measured);
  for (const c of changed) assert.notEqual(checkKey({ ...inputs, ...c }), key, JSON.stringify(c));
});

test('a remembered pass is found by its key, and HANDBOOK_FRESH=1 ignores it', () => {
  const key = checkKey({ ...inputs, check: `test-${process.pid}-${Date.now()}` });
  assert.equal(passedBefore(key), undefined);
  rememberPass(key, 'check-cache test');
  assert.match(passedBefore(key) ?? '', /^\d{4}-\d\d-\d\dT/);
  process.env.HANDBOOK_FRESH = '1';
  try {
    assert.equal(passedBefore(key), undefined);
  } finally {
    delete process.env.HANDBOOK_FRESH;
  }
});

test("an example's key changes when any of its files changes", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lane-key-'));
  cpSync(path.join(examplesDir, 'hello-boundary'), path.join(root, 'hello-boundary'), { recursive: true });
  const runner = () => new ExampleRunner(loadExample('hello-boundary', root), process.env);
  const key = runner().laneKey('repeat', '', ['go1.26']);
  assert.equal(runner().laneKey('repeat', '', ['go1.26']), key);
  writeFileSync(path.join(root, 'hello-boundary/go/hello_test.go'), '\n// one more line\n', { flag: 'a' });
  assert.notEqual(runner().laneKey('repeat', '', ['go1.26']), key);
});

// On this checkout, so the suite's own verify --check later finds the passes (a copy builds other artifacts: paths differ).
test('a second verify --check on unchanged sources reports each lane as passed before, not repeated', () => {
  const first = verifyCheck(rootDir, '--no-bench', '--example', 'hello-boundary');
  assert.equal(first.code, 0, first.out);
  const again = verifyCheck(rootDir, '--no-bench', '--example', 'hello-boundary');
  assert.equal(again.code, 0, again.out);
  for (const lane of ['fmt', 'clippy', 'cargo-test', 'miri', 'vet', 'repeat', 'cgocheck2']) {
    assert.match(again.out, new RegExp(`✓ ${lane} \\(passed .* UTC with the same inputs: not repeated\\)`), again.out);
  }
});
