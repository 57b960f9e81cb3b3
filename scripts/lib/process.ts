import { setTimeout as sleep } from 'node:timers/promises';

/** How long a run's processes get to exit on SIGTERM before SIGKILL. */
export const GRACE_MS = 2_000;

/** Whether any process of group `pgid` is still alive (EPERM: one is, under another user). */
function alive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    if ((e as NodeJS.ErrnoException).code === 'EPERM') return true;
    throw e;
  }
}

function signal(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

/** Polls until group `pgid` is gone; false if it is still there after `ms`. */
async function gone(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pgid)) {
    if (Date.now() >= until) return false;
    await sleep(25);
  }
  return true;
}

/**
 * Ends process group `pgid` (a child spawned with `detached: true` leads its own): SIGTERM, then
 * SIGKILL for whatever is left after `graceMs`. Resolves once no process of the group remains, so a
 * caller may then remove what the group wrote. Returns at once when the group is already gone.
 */
export async function endGroup(pgid: number, graceMs = GRACE_MS): Promise<void> {
  if (!alive(pgid)) return;
  signal(pgid, 'SIGTERM');
  if (await gone(pgid, graceMs)) return;
  signal(pgid, 'SIGKILL');
  // SIGKILL cannot be ignored; only a process stuck in the kernel (uninterruptible I/O) outlasts this.
  if (!(await gone(pgid, 5_000))) throw new Error(`process group ${pgid} survived SIGKILL for 5 s`);
}
