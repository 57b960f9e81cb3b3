/** What a local-runner run may leave behind, found by the TMPDIR its processes inherit (tests of issue 11, item 3). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Processes whose environment has TMPDIR at or under `tmp`: a run's, when the test gave the runner that TMPDIR. */
export function processesUnder(tmp: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      if (environ.some((v) => v === `TMPDIR=${tmp}` || v.startsWith(`TMPDIR=${tmp}/`))) {
        found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ').trim()}`);
      }
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/**
 * The run folders (`handbook-run-…`) and Go work folders (`go-build…`) under `tmp`, two levels deep. Only
 * those: the server and npm keep their own caches in TMPDIR too (tsx's, Node's compile cache).
 */
export function filesUnder(tmp: string): string[] {
  return readdirSync(tmp, { recursive: true, encoding: 'utf8' }).filter((f) => f.split(path.sep).length <= 2 && /^(handbook-run-|go-build)/.test(path.basename(f)));
}

/** Resolves once Go is building under `tmp` (a go-build folder exists), then lets the compile get going. */
export async function goBuildingUnder(tmp: string, why: () => string): Promise<void> {
  const until = Date.now() + 90_000;
  while (!filesUnder(tmp).some((f) => path.basename(f).startsWith('go-build'))) {
    assert.ok(Date.now() < until, `go never started building: ${why()}`);
    await sleep(20);
  }
  await sleep(300); // into the compile: gcc, cgo and compile running
  assert.ok(processesUnder(tmp).length > 0, 'the run has processes to stop');
}

/** Within 5 s: no process of the run and nothing under `tmp`. */
export async function assertNothingLeftUnder(tmp: string): Promise<void> {
  const until = Date.now() + 5_000;
  let procs = processesUnder(tmp);
  let files = filesUnder(tmp);
  while ((procs.length || files.length) && Date.now() < until) {
    await sleep(50);
    procs = processesUnder(tmp);
    files = filesUnder(tmp);
  }
  assert.deepEqual(procs, [], 'processes of the stopped run still alive after 5 s');
  assert.deepEqual(files, [], `temporary folders of the stopped run left in ${tmp} after 5 s`);
}
