/**
 * `measures` (src/lib/sources/manifest.ts): the commands they derive (src/lib/commands/commands.ts), the figures
 * read from a program's output and held to the record (src/lib/measure/figures.ts), what one verify run does with them
 * (scripts/verify/measures.ts), and how figures read on a page.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureCommand, measureToolchainProbe, shown } from '../../src/lib/commands/commands.ts';
import { figureDrift, parseFigures, type Figure } from '../../src/lib/measure/figures.ts';
import { formatFigure } from '../../src/lib/render/format.ts';
import { exampleManifestSchema, type Example } from '../../src/lib/sources/manifest.ts';
import type { MeasureResult, Verified } from '../../src/lib/sources/results.ts';
import { measureExample } from '../../scripts/verify/measures.ts';

function example(measures: unknown[]): Example {
  const manifest = exampleManifestSchema.parse({
    title: 'Sample',
    summary: 'A sample example used by the unit tests of measures.',
    demonstrates: ['something'],
    rust: { crate: 'sample-crate', header: 'rust/include/sample.h' },
    go: { main: './cmd/sample' },
    files: ['go/x.go'],
    measures,
  });
  return { slug: 'sample', dir: '/repo/examples/sample', manifest };
}
const refusal = (measures: unknown[]) => {
  try {
    example(measures);
  } catch (e) {
    return (e as { issues: { path: PropertyKey[]; message: string }[] }).issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  }
  return 'accepted';
};

test('a Go measure is `go run` in the go folder, linked, told the mode, on another Go release when it names one', () => {
  const e = example([
    { id: 'startup', what: 'start-up cost of each crossing', go: './cmd/startup', args: ['-n', '3'] },
    { id: 'old-go', what: 'the cgo call on an older Go', go: './cmd/cost', in: 'go/releases', env: { GOWORK: 'off' }, toolchain: 'go1.22.12', rerun: false },
  ]);
  const [now, old] = e.manifest.measures;
  const c = measureCommand(e, now!, 'check');
  assert.equal(shown(c), 'HANDBOOK_MODE=check go run ./cmd/startup -n 3');
  assert.equal(c.dir, 'examples/sample/go');
  assert.equal(c.links, true);
  assert.equal(now!.rerun, true);
  assert.equal(now!.tolerance, 3);
  const o = measureCommand(e, old!, 'record');
  assert.equal(shown(o), 'GOWORK=off HANDBOOK_MODE=record GOTOOLCHAIN=go1.22.12 go run ./cmd/cost');
  assert.equal(o.dir, 'examples/sample/go/releases');
  assert.equal(shown(measureToolchainProbe(e, old!)), 'GOWORK=off HANDBOOK_MODE=record GOTOOLCHAIN=go1.22.12 go version');
});

test('a Cargo measure runs a binary of the crate (or another), on another Rust release without installing it', () => {
  const e = example([
    { id: 'native', what: 'the kernel without a crossing', cargo: 'native-bench', args: ['--quick'] },
    { id: 'abort', what: 'a panic escaping extern C on 1.80', cargo: 'escape', crate: 'other', toolchain: '1.80.1', rerun: false },
  ]);
  const [native, abort] = e.manifest.measures;
  assert.equal(shown(measureCommand(e, native!, 'record')), 'HANDBOOK_MODE=record cargo run --release --locked --quiet -p sample-crate --bin native-bench -- --quick');
  assert.equal(shown(measureCommand(e, abort!, 'record')), 'HANDBOOK_MODE=record RUSTUP_AUTO_INSTALL=0 cargo +1.80.1 run --release --locked --quiet -p other --bin escape');
  assert.equal(shown(measureToolchainProbe(e, abort!)), 'HANDBOOK_MODE=record RUSTUP_AUTO_INSTALL=0 rustc +1.80.1 --version');
});

test('a Cargo measure with `in` runs a crate of its own there, outside the examples workspace', () => {
  const e = example([{ id: 'edge', what: 'a panic at an extern C edge on 1.80', cargo: 'edge', in: 'unwind', toolchain: '1.80.1', rerun: false }]);
  const c = measureCommand(e, e.manifest.measures[0]!, 'record');
  assert.equal(shown(c), 'HANDBOOK_MODE=record RUSTUP_AUTO_INSTALL=0 cargo +1.80.1 run --release --locked --quiet --bin edge');
  assert.equal(c.dir, 'examples/sample/unwind');
  assert.equal(measureToolchainProbe(e, e.manifest.measures[0]!).dir, 'examples/sample/unwind', 'the probe asks the rustc the folder selects');
  assert.match(refusal([{ id: 'x', what: 'something measured here', cargo: 'b', crate: 'c', in: 'd' }]), /^measures\.0\.in: give `crate`/);
});

test('the manifest refuses a measure that cannot run, at its key', () => {
  assert.match(refusal([{ id: 'x', what: 'something measured here' }]), /^measures\.0\.go: give exactly one of `go`/);
  assert.match(refusal([{ id: 'x', what: 'something measured here', go: './a', cargo: 'b' }]), /^measures\.0\.go: give exactly one/);
  assert.match(refusal([{ id: 'x', what: 'something measured here', go: './a', toolchain: '1.80.1' }]), /^measures\.0\.toolchain: a Go toolchain looks like/);
  assert.match(refusal([{ id: 'x', what: 'something measured here', cargo: 'b', toolchain: 'go1.22.12' }]), /^measures\.0\.toolchain: a Rust toolchain looks like/);
  assert.match(refusal([{ id: 'x', what: 'something measured here', go: './a', crate: 'c' }]), /^measures\.0\.crate: `crate` goes with `cargo`/);
  assert.match(
    refusal([
      { id: 'x', what: 'something measured here', go: './a' },
      { id: 'x', what: 'something else measured', go: './b' },
    ]),
    /^measures\.1\.id: measure "x" is already defined/,
  );
  assert.match(refusal([{ id: 'x', what: 'something measured here', go: 'cmd/a' }]), /^measures\.0\.go/);
});

test('figures are the JSON lines that say "figure", among any other output', () => {
  const out = [
    'starting',
    '{"figure":"dlopen","value":41000.5,"unit":"ns","samples":[41000,41001]}',
    '{"other":1}',
    '  {"figure":"ships","value":"libx.so beside the binary"}',
    '{"figure":"portable","value":true}',
    'done',
  ].join('\n');
  assert.deepEqual(parseFigures(out), [
    { name: 'dlopen', value: 41000.5, unit: 'ns', samples: [41000, 41001] },
    { name: 'ships', value: 'libx.so beside the binary' },
    { name: 'portable', value: true },
  ]);
  assert.throws(() => parseFigures('ok\n{"figure":"x","value":1,}'), /^Error: line 2 of its output is not JSON/);
  assert.throws(() => parseFigures('{"figure":"x","value":null}'), /line 1 of its output is not a figure \(value:/);
  assert.throws(() => parseFigures('{"figure":"x","value":1,"units":"ns"}'), /not a figure/);
  assert.throws(() => parseFigures('{"figure":"x","value":1}\n{"figure":"x","value":2}'), /line 2 of its output repeats figure "x"/);
});

test('a re-run agrees with the record when numbers are within the tolerance and everything else is equal', () => {
  const rec: Figure[] = [
    { name: 't', value: 100, unit: 'ns' },
    { name: 'size', value: 0, unit: 'bytes' },
    { name: 'ok', value: true },
    { name: 'how', value: 'signal: aborted' },
  ];
  assert.deepEqual(figureDrift(rec, [{ name: 't', value: 290, unit: 'ns' }, ...rec.slice(1)], 3), []);
  assert.deepEqual(figureDrift(rec, [{ name: 't', value: 34, unit: 'ns' }, ...rec.slice(1)], 3), []);
  assert.deepEqual(figureDrift(rec, [{ name: 't', value: 310, unit: 'ns' }, ...rec.slice(1)], 3), ['t: recorded 100 ns, this run 310 ns (more than 3× apart)']);
  assert.deepEqual(figureDrift(rec, [{ name: 't', value: 100, unit: 'ms' }, ...rec.slice(1)], 3), ['t: recorded in ns, this run in ms']);
  assert.deepEqual(figureDrift(rec, [rec[0]!, { name: 'size', value: 5, unit: 'bytes' }, ...rec.slice(2)], 3), ['size: recorded 0 bytes, this run 5 bytes (more than 3× apart)']);
  assert.deepEqual(figureDrift(rec, [...rec.slice(0, 2), { name: 'ok', value: false }, rec[3]!], 3), ['ok: recorded true, this run false']);
  assert.deepEqual(figureDrift(rec, [...rec.slice(0, 3), { name: 'how', value: 'exit status 2' }], 3), ['how: recorded "signal: aborted", this run "exit status 2"']);
  assert.deepEqual(figureDrift(rec, [...rec.slice(1), { name: 'new', value: 1 }], 3), [
    't: recorded, but this run printed no such figure',
    'new: printed by this run, but not in the record',
  ]);
});

test('figures read as prose: times, sizes, counts, yes and no', () => {
  assert.equal(formatFigure({ value: 41234, unit: 'ns' }), '41.2 µs');
  assert.equal(formatFigure({ value: 2_500_000, unit: 'bytes' }), '2.38 MiB');
  assert.equal(formatFigure({ value: 512, unit: 'bytes' }), '512 B');
  assert.equal(formatFigure({ value: 12345, unit: 'calls' }), '12,345 calls');
  assert.equal(formatFigure({ value: 1.23456, unit: '×' }), '1.23 ×');
  assert.equal(formatFigure({ value: true }), 'yes');
  assert.equal(formatFigure({ value: 'libx.so' }), 'libx.so');
});

const HASH = `sha256:${'a'.repeat(64)}`;
const result = (id: string, value: number, recordedAt = '2026-11-01T00:00:00Z'): MeasureResult => ({
  id,
  command: `go run ./cmd/${id}`,
  toolchain: 'go version go1.26.8 linux/amd64',
  mode: 'record',
  recordedAt,
  figures: [{ name: 'cost', value, unit: 'ns' }],
});
function recordOf(...measures: MeasureResult[]): Verified {
  return {
    example: 'sample',
    sourceHash: HASH,
    recordedAt: '2026-11-01T00:00:00Z',
    machine: { cpu: 'x', cores: 2, os: 'linux', arch: 'x64' },
    toolchains: { go: 'go', rustc: 'rustc', cargo: 'cargo', cc: 'cc' },
    run: { command: 'go run ./cmd/sample', output: '', exitCode: 0 },
    benchmarks: null,
    measures,
  };
}
const MODES = { check: false, quick: false, noBench: false, remeasure: false };
async function measureWith(e: Example, recorded: Verified | null, mode: Partial<typeof MODES>, fresh: Record<string, number>) {
  const ran: string[] = [];
  const out = await measureExample({
    example: e,
    recorded,
    hash: HASH,
    mode: { ...MODES, ...mode },
    run: async (m, _label, told) => (ran.push(`${m.id}:${told}`), result(m.id, fresh[m.id]!, '2026-11-28T00:00:00Z')),
    say: () => {},
  });
  return { ...out, ran };
}
const twoMeasures = () =>
  example([
    { id: 'now', what: 'the call on the current Go', go: './cmd/now' },
    { id: 'old', what: 'the call on an older Go', go: './cmd/old', toolchain: 'go1.22.12', rerun: false },
  ]);

test('--check re-runs what re-runs, keeps what is recorded only, and reports a figure the run contradicts', async () => {
  const rec = recordOf(result('now', 100), result('old', 200));
  const agree = await measureWith(twoMeasures(), rec, { check: true }, { now: 150 });
  assert.deepEqual(agree.ran, ['now:check']);
  assert.deepEqual(agree.problems, []);
  assert.equal(agree.measures[1], rec.measures[1]);

  const off = await measureWith(twoMeasures(), rec, { check: true }, { now: 1000 });
  assert.equal(off.problems.length, 1);
  assert.match(off.problems[0]!, /sample\/verified\.json: measure "now": this run contradicts the record\n {2}cost: recorded 100 ns, this run 1000 ns \(more than 3× apart\)/);
});

test('--check reports a measure never recorded, or recorded but no longer in the manifest', async () => {
  const missing = await measureWith(twoMeasures(), recordOf(result('old', 200)), { check: true }, { now: 100 });
  assert.match(missing.problems.join('\n'), /measure "now": this run contradicts the record\n {2}never recorded/);
  const gone = await measureWith(twoMeasures(), recordOf(result('now', 100), result('old', 200), result('retired', 1)), { check: true }, { now: 100 });
  assert.match(gone.problems.join('\n'), /records measures "retired", which example\.yaml no longer has/);
  await assert.rejects(
    measureWith(twoMeasures(), recordOf(result('now', 100)), { check: true }, { now: 100 }),
    /measure "old" \(recorded only: `rerun: false`\) is not recorded for these sources\n {2}→ run `npm run verify -- --example sample --remeasure`/,
  );
});

test('recording keeps a recorded-only measure for unchanged sources, and re-runs it with --remeasure or new sources', async () => {
  const rec = recordOf(result('now', 100), result('old', 200));
  assert.deepEqual((await measureWith(twoMeasures(), rec, {}, { now: 1 })).ran, ['now:record']);
  assert.deepEqual((await measureWith(twoMeasures(), rec, { remeasure: true }, { now: 1, old: 2 })).ran, ['now:record', 'old:record']);
  assert.deepEqual((await measureWith(twoMeasures(), { ...rec, sourceHash: `sha256:${'b'.repeat(64)}` }, {}, { now: 1, old: 2 })).ran, ['now:record', 'old:record']);
  assert.deepEqual((await measureWith(twoMeasures(), rec, { quick: true }, { now: 1 })).ran, ['now:check']);
});

test('--no-bench keeps current measures when recording, and refuses to keep figures of other sources', async () => {
  const rec = recordOf(result('now', 100), result('old', 200));
  const kept = await measureWith(twoMeasures(), rec, { noBench: true }, {});
  assert.deepEqual(kept.ran, []);
  assert.deepEqual(kept.measures, rec.measures);
  await assert.rejects(
    measureWith(twoMeasures(), { ...rec, sourceHash: `sha256:${'b'.repeat(64)}` }, { noBench: true }, {}),
    /measures "now", "old" are not recorded for these sources/,
  );
});

test('--check does not repeat a measure that agreed with the record on the same key, and repeats one that did not', async () => {
  const key = `measures-test ${process.pid} ${Date.now()}`;
  const rec = recordOf(result('now', 100), result('old', 200));
  const once = async (value: number) => {
    const ran: string[] = [];
    const out = await measureExample({
      example: twoMeasures(),
      recorded: rec,
      hash: HASH,
      mode: { ...MODES, check: true },
      run: async (m) => (ran.push(m.id), result(m.id, value)),
      agreed: () => key,
      say: () => {},
    });
    return { ran, problems: out.problems };
  };
  assert.deepEqual(await once(1000), { ran: ['now'], problems: [(await once(1000)).problems[0]!] }, 'a contradicted record is checked again');
  assert.deepEqual((await once(120)).ran, ['now']);
  assert.deepEqual(await once(120), { ran: [], problems: [] });
});
