/**
 * scripts/verify: builds, tests, runs and benchmarks every example, checks what
 * the guides cite, and records (or, with --check, re-checks) examples/<slug>/verified.json.
 *
 *   npm run verify                      record every example (full benchmarks)
 *   npm run verify -- --example checksum
 *   npm run verify -- --check           what CI runs: fail on any difference, quick benchmarks
 *   npm run verify -- --no-bench        skip benchmarks (outputs, regions, hashes only)
 *   npm run verify -- --update-headers  regenerate cbindgen headers first
 *   npm run verify -- --remeasure       also re-run the measures marked `rerun: false` (kept from the record otherwise)
 *   npm run verify -- --check --example checksum --only clippy,miri
 *                                       only those lanes (`--only all`: every lane; see LANES in src/lib/commands/commands.ts),
 *                                       nothing recorded or compared: exits 1 naming the example and each failing lane
 */
import { parseArgs } from 'node:util';
import { SourceError } from '../src/lib/sources/errors.ts';
import { loadGuides, type GuideSource } from '../src/lib/sources/guides.ts';
import { loadExamples, type Example } from '../src/lib/sources/manifest.ts';
import { relative } from '../src/lib/sources/paths.ts';
import { readVerified, verifiedPath, writeVerified, type Verified } from '../src/lib/sources/results.ts';
import { LANES, measureCommand, runCommand, shown, TOOLS, type Command, type Lane } from '../src/lib/commands/commands.ts';
import { ensureTool } from './lib/tools.ts';
import { buildEnv } from './lib/example-env.ts';
import { tail } from './lib/process.ts';
import { describeMachine, detectMiri, detectToolchains, miriToolchain, ToolchainMissing } from './lib/toolchains.ts';
import { ExampleRunner, StepFailure } from './verify/example-steps.ts';
import { checkGuides } from './verify/guide-checks.ts';
import { describeLanes, parseLanes } from './verify/lanes.ts';
import { checkRecordedFigures, staleness } from './verify/record-checks.ts';
import { measureExample } from './verify/measures.ts';
import { benchmarkExample } from './verify/benchmarks.ts';
import { passedBefore, passedWhen, rememberPass } from './verify/check-cache.ts';

const { values: opts } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    'no-bench': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    example: { type: 'string', multiple: true },
    'update-headers': { type: 'boolean', default: false },
    remeasure: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
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

  const selected = parseLanes(opts.only);
  if ('unknown' in selected) return fail(`unknown lane ${selected.unknown.join(', ')}; the lanes are (or \`all\`):\n${describeLanes()}`);
  const { lanes } = selected;
  const lanesOnly = opts.only !== undefined;

  const env = buildEnv();
  let toolchains: Verified['toolchains'];
  let miri = '';
  let miriVersion = '';
  try {
    toolchains = detectToolchains(env);
    if (lanes.includes('miri')) {
      miri = miriToolchain();
      miriVersion = detectMiri(env, miri);
    }
  } catch (e) {
    if (e instanceof ToolchainMissing) return fail(e.message, 2);
    if (e instanceof SourceError) return fail(e.message);
    throw e;
  }
  try {
    await ensureTool(TOOLS.cbindgen, env, say);
  } catch (e) {
    if (e instanceof ToolchainMissing) return fail(e.message, 2);
    throw e;
  }
  const machine = describeMachine();
  say(`toolchains: ${toolchains.go}; ${toolchains.rustc}; ${toolchains.cc}${miri ? `; ${miriVersion} on ${miri}` : ''}\nmachine: ${machine.cpu}, ${machine.cores} cores`);
  if (lanesOnly) say(`lanes: ${lanes.join(', ')} only (nothing recorded, records and guides not checked)`);

  for (const example of examples.filter((e) => wanted.includes(e.slug))) {
    try {
      if (lanesOnly) await checkLanes(example, env, lanes, miri);
      else await verifyExample(example, env, toolchains, machine, lanes, miri, miriVersion);
    } catch (e) {
      if (!(e instanceof StepFailure || e instanceof SourceError)) throw e;
      failures.push(e.message);
      say(`  ✗ ${example.slug}`);
    }
  }
  if (lanesOnly) {
    if (failures.length) return fail(failures.join('\n\n'));
    say(`\nverify: lanes ${lanes.join(', ')} passed`);
    return 0;
  }
  // Guides last: what they cite must exist in the records just written (or checked).
  failures.push(...checkGuides(guides, examples));
  say(`\nguides: ${guides.length} checked, ${guides.reduce((n, g) => n + g.citations.length, 0)} cited regions`);
  // A broken record is found by its example and again by each guide that shows it: report it once.
  if (failures.length) return fail([...new Set(failures)].join('\n\n'));
  say(`\nverify: ${opts.check ? 'all checks passed' : 'all recorded'}`);
  return 0;
}

async function step<T>(name: string, f: () => Promise<T>): Promise<T> {
  const t = Date.now();
  const r = await f();
  say(`  ✓ ${name} (${seconds(t)} s)`);
  return r;
}
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

/**
 * Every lane runs, even after one fails, so that one run reports them all; then the example fails naming each. The Rust
 * lanes and the Go lanes run side by side (see LaneSpec.side), each side in order.
 */
async function runLanes(runner: ExampleRunner, lanes: readonly Lane[], miri: string, cache?: { toolchains: string[] }) {
  const failed = new Map<Lane, string>();
  const side = async (which: 'rust' | 'go') => {
    for (const lane of lanes.filter((l) => LANES[l].side === which)) {
      const t = Date.now();
      const key = cache && runner.laneKey(lane, lane === 'miri' ? miri : '', cache.toolchains);
      const before = key && passedBefore(key);
      if (before) {
        say(`  ✓ ${lane} (passed ${passedWhen(before)} with the same inputs: not repeated)`);
        continue;
      }
      try {
        await runner.lane(lane, miri);
        if (key) rememberPass(key, `${runner.example.slug} ${lane}`);
        say(`  ✓ ${lane} (${seconds(t)} s)`);
      } catch (e) {
        if (!(e instanceof StepFailure)) throw e;
        say(`  ✗ ${lane} (${seconds(t)} s)`);
        failed.set(lane, e.message);
      }
    }
  };
  await Promise.all([side('rust'), side('go')]);
  if (failed.size) throw new StepFailure(lanes.flatMap((l) => failed.get(l) ?? []).join('\n\n'));
}

/** `--only`: the named lanes, after the build the Go lanes link against. */
async function checkLanes(example: Example, env: NodeJS.ProcessEnv, lanes: readonly Lane[], miri: string) {
  say(`\n${example.slug}`);
  const runner = new ExampleRunner(example, env);
  if (lanes.some((l) => LANES[l].side === 'go')) {
    await step('rust build', () => runner.buildRust());
    await step('header current', () => runner.checkHeader(false));
  }
  await runLanes(runner, lanes, miri);
}

async function verifyExample(
  example: Example,
  env: NodeJS.ProcessEnv,
  toolchains: Verified['toolchains'],
  machine: Verified['machine'],
  lanes: readonly Lane[],
  miri: string,
  miriVersion: string,
) {
  say(`\n${example.slug}`);
  const runner = new ExampleRunner(example, env);
  // Recording replaces a record that no longer parses; checking reports it.
  const recorded = opts.check ? readVerified(example.dir) : readOrForget(example.dir);
  const hash = runner.sourceHash();
  const recordFile = relative(verifiedPath(example.dir));
  // A stale record is said last: the changed sources are built and tested first, so their real failure is reported.
  const stale = opts.check ? staleness(example, recorded, hash, toolchains) : undefined;
  if (opts.check && recorded && !stale) checkRecordedFigures(example, recorded);
  const andStale = (e: unknown) => {
    throw stale && e instanceof StepFailure ? new StepFailure(`${e.message}\n\n${stale}`) : e;
  };
  const checked = <T>(name: string, f: () => Promise<T>): Promise<T> => step(name, () => f().catch(andStale));
  await checked('rust build', () => runner.buildRust());
  await checked(opts['update-headers'] ? 'header regenerated' : 'header current', () => runner.checkHeader(opts['update-headers']));
  // An example that fails a lane is not run, measured or recorded. A lane that passed on these exact inputs is not repeated.
  const cacheKey = { toolchains: [...Object.values(toolchains), miriVersion] };
  await runLanes(runner, lanes, miri, cacheKey).catch(andStale);
  const run = await checked(shown(runCommand(example)), () => runner.runMain());
  if (stale) throw new StepFailure(stale);
  if (opts.check && recorded && run.output !== recorded.run.output) {
    throw new StepFailure(
      `${recordFile}: the output of \`${run.command}\` differs from the recorded one\n  recorded:\n${tail(recorded.run.output)}\n  now:\n${tail(run.output)}\n  → if the change is intended, run \`npm run verify -- --example ${example.slug}\``,
    );
  }

  // A re-measurement that agreed with this record, on this machine and these inputs, is not repeated (decision 160).
  const machineLine = `${machine.cpu}, ${machine.cores} cores, ${machine.os} ${machine.arch}`;
  const agreed = (what: string, command: Command, record: unknown) => runner.checkKey(what, [command], cacheKey.toolchains, { machine: machineLine, record });
  const mode = { check: opts.check, quick: opts.quick, noBench: opts['no-bench'], remeasure: opts.remeasure };
  const measuredBench = await benchmarkExample({
    example,
    recorded,
    hash,
    mode,
    run: (m) => checked(`benchmarks (-count ${m.count} -benchtime ${m.benchtime})`, () => runner.bench(m)),
    agreed: (command, record) => agreed('benchmarks', command, record),
    say,
  });
  failures.push(...measuredBench.problems);
  const benchmarks = measuredBench.benchmarks;
  const measured = await measureExample({
    example,
    recorded,
    hash,
    mode,
    run: async (m, label, told) => {
      for (const t of m.tools) {
        try {
          await ensureTool(TOOLS[t], env, say);
        } catch (e) {
          if (e instanceof ToolchainMissing) throw new StepFailure(`examples/${example.slug}/example.yaml: measure "${m.id}" needs ${t}: ${e.message}`);
          throw e;
        }
      }
      return checked(label, () => runner.measure(m, told));
    },
    agreed: (m, old) => agreed(`measure ${m.id}`, measureCommand(example, m, 'check'), old.figures),
    say,
  });
  failures.push(...measured.problems);
  const measures = measured.measures;
  if (!opts.check) {
    writeVerified(example.dir, { example: example.slug, sourceHash: hash, recordedAt: new Date().toISOString(), machine, toolchains, run, benchmarks, measures });
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

function fail(message: string, code = 1): number {
  console.error(`\nverify failed:\n\n${message}`);
  return code;
}

process.exitCode = await main().catch((e: unknown) => {
  console.error(e);
  return 1;
});
