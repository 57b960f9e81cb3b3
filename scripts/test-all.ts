/**
 * `npm test`: the whole suite, in the order a failure is cheapest to find.
 * Ends with a table of time per step and one line `suite: N passed, N failed` counting every test and check.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rootDir } from '../src/lib/sources/paths.ts';
import { countEvents, timingTable } from './test-all/counts.ts';
import { CHROMIUM } from '../tests/support/harness.ts';

interface Step {
  name: string;
  cmd: string;
  args: string[];
  /** node:test steps report their own counts; any other step counts as one check. */
  nodeTest?: boolean;
  before?: () => void;
}

const node = process.execPath;
const nodeTest = (...args: string[]): Pick<Step, 'cmd' | 'args' | 'nodeTest'> => ({ cmd: node, args: ['--import', 'tsx', '--test', ...args], nodeTest: true });
/**
 * Stages run in order; the steps of one stage run side by side (docs/decisions.md 81: the light, independent ones;
 * verify --check keeps both cores to itself; browser and quality tests need the build, and share it: 108).
 */
const stages: Step[][] = [
  [
    { name: 'types', cmd: 'npx', args: ['astro', 'check', '--minimumSeverity', 'warning'] },
    { name: 'format', cmd: 'npm', args: ['run', '--silent', 'format:check'] },
    { name: 'unit tests', ...nodeTest('tests/unit/*.test.ts') },
  ],
  [{ name: 'verify --check', cmd: 'npx', args: ['tsx', 'scripts/verify.ts', '--check'], before: ensureValgrind }],
  [{ name: 'build', cmd: 'npm', args: ['run', 'build'] }],
  // Both read the one build and spend much of their time waiting on Chromium (docs/decisions.md 108). Quality:
  // accessibility, keyboard, links, valid HTML, size budgets, outside requests and search quality, on dist/.
  [
    { name: 'browser tests', ...nodeTest('--test-concurrency=1', 'tests/browser/*.test.ts'), before: ensureChromium },
    { name: 'quality', ...nodeTest('--test-concurrency=2', 'tests/quality/*.test.ts'), before: ensureChromium },
  ],
];

/** Installs a Debian package the suite needs when it is missing and we may (root on Debian); otherwise says what to install. */
function ensurePackage(pkg: string, present: () => boolean, fix: string) {
  if (present()) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`${pkg} is missing: installing Debian's ${pkg}…`);
    const r = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`], { stdio: 'inherit' });
    if (r.status === 0 && present()) return;
  }
  throw new Error(`${pkg} is missing: ${fix}`);
}
function onPath(cmd: string) {
  return () => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}
// valgrind proves the ownership and memory-contracts examples free everything they allocate.
function ensureValgrind() {
  ensurePackage('valgrind', onPath('valgrind'), 'install it (sudo apt-get install -y valgrind)');
}
function ensureChromium() {
  ensurePackage('chromium', () => existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH`);
}

interface Result {
  name: string;
  seconds: number;
  passed: number;
  failed: number;
}

/**
 * Runs a step, streaming its output (or, when `buffered`, printing it whole when it ends so steps side by side do not
 * interleave). node:test steps also write their events (events-reporter.ts) to a file, which is what is counted.
 */
async function run(step: Step, buffered: boolean): Promise<Result> {
  const started = Date.now();
  const eventsDir = step.nodeTest ? mkdtempSync(path.join(tmpdir(), 'suite-')) : '';
  const events = path.join(eventsDir, 'events.jsonl');
  const args = step.nodeTest
    ? [
        ...step.args.slice(0, 3),
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        `--test-reporter=${reporter}`,
        `--test-reporter-destination=${events}`,
        ...step.args.slice(3),
      ]
    : step.args;
  let out = '';
  const code = await new Promise<number | null>((resolve) => {
    let child;
    try {
      step.before?.();
      child = spawn(step.cmd, args, { cwd: rootDir, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out += `${(e as Error).message}\n`;
      return resolve(null);
    }
    const tee = (stream: NodeJS.WriteStream) => (d: Buffer) => (buffered ? (out += d) : stream.write(d));
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('error', (e) => (out += `${step.cmd}: ${e.message}\n`));
    child.on('close', resolve);
  });
  process.stdout.write(buffered ? `\n━━ ${step.name} (ran beside others) ━━\n${out}` : out);
  const seconds = (Date.now() - started) / 1000;
  if (!step.nodeTest) return { name: step.name, seconds, ...(code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }) };
  const { passed, failed, problems } = countEvents(existsSync(events) ? readFileSync(events, 'utf8') : '', step.name, code);
  rmSync(eventsDir, { recursive: true, force: true });
  if (problems.length) console.error(problems.join('\n'));
  return { name: step.name, seconds, passed, failed };
}

const reporter = pathToFileURL(path.join(import.meta.dirname, 'test-all', 'events-reporter.ts')).href;

const results: Result[] = [];
for (const stage of stages) {
  if (stage.length === 1) console.log(`\n━━ ${stage[0]!.name} ━━`);
  else console.log(`\n━━ ${stage.map((s) => s.name).join(', ')}: side by side, each printed when it ends ━━`);
  const done = await Promise.all(stage.map((step) => run(step, stage.length > 1)));
  results.push(...done);
  // Later steps depend on the build; stop early rather than report a cascade.
  if (done.some((r) => r.failed && r.name === 'build')) break;
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`\n${timingTable(results)}\nsuite: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
