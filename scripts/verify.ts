/**
 * scripts/verify: builds, tests, runs and benchmarks every example, checks what
 * the guides cite, and records (or, with --check, re-checks) examples/<slug>/verified.json.
 *
 *   npm run verify                      record every example (full benchmarks)
 *   npm run verify -- --example checksum
 *   npm run verify -- --check           what CI runs: fail on any difference, quick benchmarks
 *   npm run verify -- --no-bench        skip benchmarks (outputs, regions, hashes only)
 *   npm run verify -- --update-headers  regenerate cbindgen headers first
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SourceError } from '../src/lib/errors.ts';
import { loadGuides, type GuideSource } from '../src/lib/guides.ts';
import { loadExamples, type Example } from '../src/lib/manifest.ts';
import { relative, rootDir } from '../src/lib/paths.ts';
import { readVerified, toolchainDrift, verifiedPath, writeVerified, type Verified } from '../src/lib/results.ts';
import { exec, tail } from './verify/exec.ts';
import { buildEnv, CBINDGEN, ExampleRunner, FULL, QUICK, StepFailure, TOOLS_DIR } from './verify/example-steps.ts';
import { checkGuides } from './verify/guide-checks.ts';
import { describeMachine, detectToolchains, ToolchainMissing } from './lib/toolchains.ts';

const { values: opts } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    'no-bench': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    example: { type: 'string', multiple: true },
    'update-headers': { type: 'boolean', default: false },
  },
});

const failures: string[] = [];
const say = (line: string) => console.log(line);

async function main(): Promise<number> {
  let examples: Example[];
  let guides: GuideSource[];
  try {
    examples = loadExamples();
    guides = loadGuides();
  } catch (e) {
    if (e instanceof SourceError) return fail(e.message);
    throw e;
  }
  const wanted = opts.example ?? examples.map((e) => e.slug);
  const unknown = wanted.filter((w) => !examples.some((e) => e.slug === w));
  if (unknown.length) return fail(`unknown example ${unknown.join(', ')}: examples are ${examples.map((e) => e.slug).join(', ')}`);

  const env = buildEnv();
  let toolchains: Verified['toolchains'];
  try {
    toolchains = detectToolchains(env);
  } catch (e) {
    if (e instanceof ToolchainMissing) return fail(e.message, 2);
    throw e;
  }
  await ensureCbindgen(env);
  const machine = describeMachine();
  say(`toolchains: ${toolchains.go}; ${toolchains.rustc}; ${toolchains.cc}\nmachine: ${machine.cpu}, ${machine.cores} cores`);

  for (const example of examples.filter((e) => wanted.includes(e.slug))) {
    try {
      await verifyExample(example, env, toolchains, machine);
    } catch (e) {
      if (!(e instanceof StepFailure || e instanceof SourceError)) throw e;
      failures.push(e.message);
      say(`  ✗ ${example.slug}`);
    }
  }
  // Guides last: what they cite must exist in the records just written (or checked).
  failures.push(...checkGuides(guides, examples));
  say(`\nguides: ${guides.length} checked, ${guides.reduce((n, g) => n + g.citations.length, 0)} cited regions`);
  if (failures.length) return fail(failures.join('\n\n'));
  say(`\nverify: ${opts.check ? 'all checks passed' : 'all recorded'}`);
  return 0;
}

async function verifyExample(example: Example, env: NodeJS.ProcessEnv, toolchains: Verified['toolchains'], machine: Verified['machine']) {
  say(`\n${example.slug}`);
  const runner = new ExampleRunner(example, env);
  const step = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const r = await f();
    say(`  ✓ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return r;
  };
  // Recording replaces a record that no longer parses; checking reports it.
  const recorded = opts.check ? readVerified(example.dir) : readOrForget(example.dir);
  const hash = runner.sourceHash();
  const recordFile = relative(verifiedPath(example.dir));
  if (opts.check) {
    if (!recorded) throw new StepFailure(`${recordFile}: missing: ${example.slug} was never recorded\n  → run \`npm run verify -- --example ${example.slug}\` and commit verified.json`);
    if (recorded.sourceHash !== hash) {
      throw new StepFailure(`${recordFile}: stale: the sources of ${example.slug} changed since its results were recorded (${recorded.sourceHash.slice(7, 19)} → ${hash.slice(7, 19)})\n  → run \`npm run verify -- --example ${example.slug}\` and commit verified.json`);
    }
    const drift = toolchainDrift(recorded.toolchains, toolchains);
    if (drift.length) {
      throw new StepFailure(`${recordFile}: stale: measured with other toolchains than this machine's\n  ${drift.join('\n  ')}\n  → run \`npm run verify -- --example ${example.slug}\` with the project's toolchains and commit verified.json`);
    }
  }
  await step('rust build', () => runner.buildRust());
  await step(opts['update-headers'] ? 'header regenerated' : 'header current', () => runner.checkHeader(opts['update-headers']));
  await step('cargo test', () => runner.testRust());
  await step('go vet, gofmt', () => runner.vetGo());
  await step('go test -race', () => runner.testGo());
  const run = await step(`go run ${example.manifest.go.main}`, () => runner.runMain());
  if (opts.check && recorded && run.output !== recorded.run.output) {
    throw new StepFailure(`${recordFile}: the output of \`${run.command}\` differs from the recorded one\n  recorded:\n${tail(recorded.run.output)}\n  now:\n${tail(run.output)}\n  → if the change is intended, run \`npm run verify -- --example ${example.slug}\``);
  }

  let benchmarks: Verified['benchmarks'] = null;
  if (example.manifest.benchmarks && !opts['no-bench']) {
    const mode = opts.check || opts.quick ? QUICK : FULL;
    benchmarks = await step(`benchmarks (-count ${mode.count} -benchtime ${mode.benchtime})`, () => runner.bench(mode));
    for (const c of benchmarks.claims) say(`    ${c.holds ? '✓' : '✗'} ${c.id}: ${c.ratio}× (needs ≥ ${c.by}×)`);
    const broken = benchmarks.claims.filter((c) => !c.holds);
    if (broken.length) {
      failures.push(broken.map((c) => `${relative(example.dir)}/example.yaml: claim "${c.id}" does not hold on this machine: measured ${c.ratio}×, claimed ≥ ${c.by}×\n  "${c.says}"\n  → rerun to rule out noise; if it persists, the claim (and the guide citing it) must change`).join('\n'));
    }
  } else if (recorded?.benchmarks && !opts.check) {
    if (recorded.sourceHash !== hash) {
      throw new StepFailure(`${recordFile}: the sources changed since the benchmarks were measured, so they cannot be kept\n  → run without --no-bench to measure them again`);
    }
    benchmarks = recorded.benchmarks;
  }
  if (!opts.check) {
    writeVerified(example.dir, { example: example.slug, sourceHash: hash, recordedAt: new Date().toISOString(), machine, toolchains, run, benchmarks });
    say(`  → recorded ${recordFile}`);
  }
}

function readOrForget(dir: string): Verified | null {
  try {
    return readVerified(dir);
  } catch (e) {
    if (!(e instanceof SourceError)) throw e;
    say(`  (replacing a record that no longer parses: ${e.problem})`);
    return null;
  }
}

async function ensureCbindgen(env: NodeJS.ProcessEnv) {
  if (existsSync(CBINDGEN)) return;
  say('installing cbindgen 0.29.4 into .cache/tools (once)…');
  const r = await exec('cargo', ['install', 'cbindgen@0.29.4', '--locked', '--root', TOOLS_DIR], { cwd: rootDir, env, timeoutMs: 15 * 60_000 });
  if (r.code !== 0) throw new ToolchainMissing(`could not install cbindgen with cargo:\n${tail(r.stderr)}`);
}

function fail(message: string, code = 1): number {
  console.error(`\nverify failed:\n\n${message}`);
  return code;
}

process.exitCode = await main().catch((e: unknown) => {
  console.error(e);
  return 1;
});
