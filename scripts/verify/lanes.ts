/**
 * Lanes: the checks verify runs on every example, in record and in check mode (their commands are in
 * src/lib/commands/commands.ts, `LANES`). Each passes or fails on its own and records nothing, so one run reports every lane
 * that fails. `--only <lane,…>` runs just those lanes (after the build they need): that is how a test proves a lane
 * fails with a bug put back.
 */
import { LANE_NAMES, LANES, type Lane } from '../../src/lib/commands/commands.ts';

/** Parses `--only fmt,miri --only repeat` (commas or repeats; `all` is every lane); undefined means every lane. */
export function parseLanes(values: string[] | undefined): { lanes: Lane[] } | { unknown: string[] } {
  const named = values
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean) ?? ['all'];
  if (named.includes('all')) return { lanes: [...LANE_NAMES] };
  const unknown = named.filter((n) => !(LANE_NAMES as readonly string[]).includes(n));
  if (unknown.length) return { unknown };
  return { lanes: LANE_NAMES.filter((l) => named.includes(l)) };
}

/** Every lane with what it runs, for a message that lists them. */
export const describeLanes = (): string => LANE_NAMES.map((l) => `  ${l}: ${LANES[l].what}`).join('\n');
