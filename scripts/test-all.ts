/**
 * `npm test`: the whole suite, in the order a failure is cheapest to find.
 * Ends with one line `suite: N passed, N failed` counting every test and check.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rootDir } from '../src/lib/paths.ts';
import { CHROMIUM } from '../tests/browser/harness.ts';

interface Step {
  name: string;
  cmd: string;
  args: string[];
  /** node:test steps report their own counts; any other step counts as one check. */
  nodeTest?: boolean;
  before?: () => void;
}

const node = process.execPath;
const steps: Step[] = [
  { name: 'types', cmd: 'npx', args: ['astro', 'check', '--minimumSeverity', 'warning'] },
  { name: 'unit tests', cmd: node, args: ['--import', 'tsx', '--test', 'tests/unit/*.test.ts'], nodeTest: true },
  { name: 'verify --check', cmd: 'npx', args: ['tsx', 'scripts/verify.ts', '--check'], before: ensureValgrind },
  { name: 'build', cmd: 'npm', args: ['run', 'build'] },
  { name: 'browser tests', cmd: node, args: ['--import', 'tsx', '--test', '--test-concurrency=1', 'tests/browser/*.test.ts'], nodeTest: true, before: ensureChromium },
  // Accessibility, keyboard, links, valid HTML, size budgets, outside requests and search quality, on dist/.
  { name: 'quality', cmd: node, args: ['--import', 'tsx', '--test', '--test-concurrency=2', 'tests/quality/*.test.ts'], nodeTest: true, before: ensureChromium },
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

function run(step: Step): Promise<{ passed: number; failed: number }> {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, { cwd: rootDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const tee = (stream: NodeJS.WriteStream) => (d: Buffer) => {
      out += d;
      stream.write(d);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (code) => {
      if (!step.nodeTest) return resolve(code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
      const count = (what: string) => Number(new RegExp(`^ℹ ${what} (\\d+)$`, 'm').exec(out)?.[1] ?? 0);
      const passed = count('pass');
      // A runner that crashed before reporting still counts as a failure.
      const failed = Math.max(count('fail'), code === 0 ? 0 : 1);
      resolve({ passed, failed });
    });
  });
}

let passed = 0;
let failed = 0;
const summary: string[] = [];
for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  const started = Date.now();
  let r;
  try {
    step.before?.();
    r = await run(step);
  } catch (e) {
    console.error((e as Error).message);
    r = { passed: 0, failed: 1 };
  }
  passed += r.passed;
  failed += r.failed;
  summary.push(`${r.failed ? '✗' : '✓'} ${step.name.padEnd(16)} ${r.passed} passed, ${r.failed} failed (${Math.round((Date.now() - started) / 1000)} s)`);
  // Later steps depend on the build; stop early rather than report a cascade.
  if (r.failed && step.name === 'build') break;
}
console.log(`\n${summary.join('\n')}\nsuite: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
