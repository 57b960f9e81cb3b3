/**
 * src/lib/commands/commands.ts derives every command of an example from its manifest. Each artifact kind of
 * src/lib/commands/artifact-kinds.ts is checked here through the commands it yields, so a new kind is a row there
 * and a case here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARTIFACT_KIND_NAMES } from '../../src/lib/commands/artifact-kinds.ts';
import { artifactEnv, artifacts, BENCH_MODES, benchCommand, buildEnv, buildSteps, headerCommand, LANES, readerScript, runCommand, shown } from '../../src/lib/commands/commands.ts';
import { exampleManifestSchema, type Example } from '../../src/lib/sources/manifest.ts';
import { runnerInfo, RUNNER_ACTIONS } from '../../src/lib/commands/runner-actions.ts';

const ROOT = '/repo';

/** An example as a manifest would give it; `rust` and `go` merge into a minimal valid manifest. */
function example(rust: Record<string, unknown> = {}, more: Record<string, unknown> = {}): Example {
  const manifest = exampleManifestSchema.parse({
    title: 'Sample',
    summary: 'A sample example used by the unit tests of the commands module.',
    demonstrates: ['something'],
    rust: { crate: 'sample-crate', header: 'rust/include/sample.h', ...rust },
    go: { main: './cmd/sample' },
    files: ['go/x.go'],
    ...more,
  });
  return { slug: 'sample', dir: `${ROOT}/examples/sample`, manifest };
}
const line = (c: { cmd: string; args: readonly string[]; env?: Record<string, string> }) => shown(c);

test("today's manifests, without `artifacts`, build one static library", () => {
  const e = example();
  assert.deepEqual(e.manifest.rust.artifacts, [{ kind: 'staticlib' }]);
  assert.deepEqual(buildSteps(e).map(line), ['cargo build --release --locked -p sample-crate --lib']);
  assert.equal(buildSteps(e)[0]!.dir, 'examples');
  assert.deepEqual(
    artifacts(e).map((a) => a.file),
    ['examples/target/release/libsample_crate.a'],
    'Cargo names the library with underscores',
  );
  assert.deepEqual(artifactEnv(e, ROOT, { 'examples/target/release/libsample_crate.a': 'abc123' }), { CGO_CFLAGS: '-O2 -g -DHANDBOOK_RUST_LIB_abc123' });
  assert.throws(() => artifactEnv(e, ROOT, {}), /no digest of examples\/target\/release\/libsample_crate\.a/);
  assert.deepEqual(headerCommand(e, '/tools', 'verify'), {
    cmd: '/tools/cbindgen-0.29.4/bin/cbindgen',
    args: ['--config', 'cbindgen.toml', '--crate', 'sample-crate', '--output', 'include/sample.h', '--quiet', '--verify'],
    dir: 'examples/sample/rust',
  });
});

test('a cdylib is a shared library Go links against or opens from RUST_CDYLIB, with its header; beside a staticlib it is the same cargo build', () => {
  const e = example({ artifacts: [{ kind: 'cdylib' }] });
  assert.deepEqual(buildSteps(e).map(line), ['cargo build --release --locked -p sample-crate --lib']);
  assert.deepEqual(
    artifacts(e).map((a) => a.file),
    ['examples/target/release/libsample_crate.so'],
  );
  assert.deepEqual(artifactEnv(e, ROOT, { 'examples/target/release/libsample_crate.so': 'd1' }), {
    RUST_CDYLIB: '/repo/examples/target/release/libsample_crate.so',
    CGO_CFLAGS: '-O2 -g -DHANDBOOK_RUST_LIB_d1',
  });
  assert.ok(headerCommand(e, '/tools', 'update'));
  const both = example({ artifacts: [{ kind: 'staticlib' }, { kind: 'cdylib' }] });
  assert.equal(buildSteps(both).length, 1);
  assert.equal(
    artifactEnv(both, ROOT, { 'examples/target/release/libsample_crate.a': 'd1', 'examples/target/release/libsample_crate.so': 'd2' }).CGO_CFLAGS,
    '-O2 -g -DHANDBOOK_RUST_LIB_d1 -DHANDBOOK_RUST_LIB_d2',
  );
});

test('a wasm32-wasip1 module builds for its target, needs no header, and reaches Go through RUST_WASM_MODULE', () => {
  const e = example({ header: undefined, artifacts: [{ kind: 'wasm32-wasip1' }] });
  assert.deepEqual(buildSteps(e).map(line), ['cargo build --release --locked -p sample-crate --target wasm32-wasip1 --lib']);
  assert.deepEqual(
    artifacts(e).map((a) => a.file),
    ['examples/target/wasm32-wasip1/release/sample_crate.wasm'],
  );
  assert.deepEqual(
    artifactEnv(e, ROOT, {}),
    { RUST_WASM_MODULE: '/repo/examples/target/wasm32-wasip1/release/sample_crate.wasm' },
    'no relink define: Go reads the module at run time',
  );
  assert.equal(headerCommand(e, '/tools', 'verify'), undefined);
  assert.match(readerScript(e), /^export RUST_WASM_MODULE="\$PWD\/target\/wasm32-wasip1\/release\/sample_crate\.wasm"$/m);
});

test('a Rust executable builds with --bin, named after the crate unless named, and reaches Go through RUST_BIN', () => {
  const e = example({ artifacts: [{ kind: 'bin' }] });
  assert.deepEqual(buildSteps(e).map(line), ['cargo build --release --locked -p sample-crate --bin sample-crate']);
  assert.deepEqual(artifactEnv(e, ROOT, {}), { RUST_BIN: '/repo/examples/target/release/sample-crate' });
  const named = example({ artifacts: [{ kind: 'staticlib' }, { kind: 'bin', name: 'worker', env: 'WORKER_BIN' }] });
  assert.deepEqual(buildSteps(named).map(line), ['cargo build --release --locked -p sample-crate --lib', 'cargo build --release --locked -p sample-crate --bin worker']);
  assert.deepEqual(artifactEnv(named, ROOT, { 'examples/target/release/libsample_crate.a': 'd1' }), {
    WORKER_BIN: '/repo/examples/target/release/worker',
    CGO_CFLAGS: '-O2 -g -DHANDBOOK_RUST_LIB_d1',
  });
});

test('every kind yields a build, a file under the target folder and what Go needs', () => {
  for (const kind of ARTIFACT_KIND_NAMES) {
    const [a] = artifacts(example({ artifacts: [{ kind }] }));
    assert.ok(a && a.build.args.includes('--locked') && a.file.startsWith('examples/target/'), kind);
    assert.ok(a.relink || a.pathEnv, `${kind}: Go either links it (relink) or is told where it is (pathEnv)`);
  }
});

test('the manifest refuses artifacts that cannot work, at their key', () => {
  const bad = (rust: Record<string, unknown>) => {
    try {
      example(rust);
    } catch (e) {
      return (e as { issues: { path: PropertyKey[]; message: string }[] }).issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    }
    return 'accepted';
  };
  assert.match(bad({ header: undefined }), /^rust\.header: a staticlib needs its cbindgen header/);
  assert.match(bad({ artifacts: [{ kind: 'staticlib', name: 'x' }] }), /^rust\.artifacts\.0\.name: a staticlib takes no name/);
  assert.match(bad({ artifacts: [{ kind: 'staticlib', env: 'X' }] }), /^rust\.artifacts\.0\.env: Go finds a staticlib without a variable/);
  assert.match(
    bad({
      artifacts: [
        { kind: 'bin', name: 'a' },
        { kind: 'bin', name: 'b' },
      ],
    }),
    /^rust\.artifacts\.1\.env: RUST_BIN already carries artifact 0/,
  );
  assert.match(bad({ artifacts: [{ kind: 'dylib' }] }), /^rust\.artifacts\.0\.kind/);
  assert.match(bad({ artifacts: [] }), /^rust\.artifacts/);
});

test('Go commands run in the go folder against the built artifacts, with the same flags everywhere', () => {
  const e = example({}, { go: { main: './cmd/sample', env: { GODEBUG: 'cgocheck=1' } }, benchmarks: { pattern: 'Rust' } });
  assert.deepEqual(runCommand(e), { cmd: 'go', args: ['run', './cmd/sample'], dir: 'examples/sample/go', links: true, timeoutMs: 300_000 });
  assert.equal(line(benchCommand(e, BENCH_MODES.record)), "go test -run '^$' -bench Rust -benchmem -count 10 -benchtime 500ms ./");
  assert.equal(line(benchCommand(e, BENCH_MODES.check)), "go test -run '^$' -bench Rust -benchmem -count 6 -benchtime 100ms ./");
  assert.throws(() => benchCommand(example(), BENCH_MODES.check), /sample has no benchmarks/);
  const beside = example({}, { benchmarks: { pattern: '.', package: './...', alongside: ['cmd/cgo/internal/test'] } });
  assert.equal(
    line(benchCommand(beside, BENCH_MODES.check)),
    "go test -p 1 -run '^$' -bench . -benchmem -count 6 -benchtime 100ms ./... cmd/cgo/internal/test",
    'one go test run, one package at a time: no benchmark runs beside another',
  );
  assert.throws(() => example({}, { benchmarks: { alongside: ['../elsewhere'] } }), /an import path/);
  assert.equal(artifactEnv(e, ROOT, { 'examples/target/release/libsample_crate.a': 'd' }).GODEBUG, 'cgocheck=1');
  assert.deepEqual(buildEnv(ROOT), {
    GOCACHE: '/repo/.cache/go-build',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    CGO_ENABLED: '1',
    CARGO_TARGET_DIR: '/repo/examples/target',
    CARGO_TERM_COLOR: 'never',
  });
});

test('the lanes run the commands the handbook promises', () => {
  const e = example();
  const lane = (name: keyof typeof LANES) => LANES[name].commands(e, 'nightly-2026-05-20').map(line);
  assert.deepEqual(lane('clippy'), ['cargo clippy --all-targets --locked -p sample-crate -- -D warnings']);
  assert.deepEqual(lane('fmt'), ['cargo fmt --check -p sample-crate -- --color never', 'gofmt -d examples/sample/go']);
  assert.deepEqual(lane('miri'), ['RUSTUP_AUTO_INSTALL=0 cargo +nightly-2026-05-20 miri test --locked -p sample-crate']);
  assert.deepEqual(lane('cgocheck2'), ['GOEXPERIMENT=cgocheck2 go test -count=1 -fullpath ./...']);
  assert.deepEqual(lane('repeat'), ['go test -race -count=3 -shuffle=on -fullpath ./...']);
  assert.ok(LANES.cgocheck2.commands(e, '').every((c) => c.links && c.dir === 'examples/sample/go'));
});

test('crates listed under `also` (a safe core) are formatted, linted and tested with the FFI crate; Miri keeps to the FFI crate', () => {
  const e = example({ also: ['sample-core'] });
  const lane = (name: keyof typeof LANES) => LANES[name].commands(e, 'nightly-2026-05-20').map(line);
  assert.deepEqual(lane('fmt')[0], 'cargo fmt --check -p sample-crate -p sample-core -- --color never');
  assert.deepEqual(lane('clippy'), ['cargo clippy --all-targets --locked -p sample-crate -p sample-core -- -D warnings']);
  assert.deepEqual(lane('cargo-test'), ['cargo test --release --locked -p sample-crate -p sample-core']);
  assert.deepEqual(lane('miri'), ['RUSTUP_AUTO_INSTALL=0 cargo +nightly-2026-05-20 miri test --locked -p sample-crate']);
  assert.deepEqual(buildSteps(e).map(line), ['cargo build --release --locked -p sample-crate --lib'], 'the core is built as a dependency');
});

test('readers are shown the commands verify runs: --locked, uncached tests, the environment Go needs', () => {
  const e = example({}, { go: { main: './cmd/sample', env: { GODEBUG: 'x=1,y=2' } } });
  assert.equal(
    readerScript(e),
    [
      'cd examples',
      'cargo build --release --locked -p sample-crate --lib',
      'cargo test --release --locked -p sample-crate',
      'export GODEBUG=x=1,y=2',
      'cd sample/go',
      'go test -race -count=3 -shuffle=on -fullpath ./...',
      'go run ./cmd/sample',
    ].join('\n'),
  );
  assert.equal(shown({ cmd: 'go', args: ['test', '-run', '^$', "it's"], env: { A: 'b c' } }), "A='b c' go test -run '^$' 'it'\\''s'");
});

test('the runner offers each action where the example has what it needs', () => {
  const plain = example();
  const benched = { ...example({}, { benchmarks: {} }), slug: 'benched' };
  const info = runnerInfo([plain, benched]);
  assert.deepEqual(
    info.actions.map((a) => [a.name, a.examples]),
    [
      ['run', ['sample', 'benched']],
      ['bench', ['benched']],
    ],
  );
  assert.deepEqual(RUNNER_ACTIONS.bench.commands(benched).map(line).at(-1), "go test -run '^$' -bench . -benchmem -count 1 -benchtime 100ms ./");
  assert.deepEqual(RUNNER_ACTIONS.run.commands(plain).map(line), ['cargo build --release --locked -p sample-crate --lib', 'go run ./cmd/sample']);
});
