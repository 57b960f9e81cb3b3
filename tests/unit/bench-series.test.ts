import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossover } from '../../src/lib/measure/bench-series.ts';

const res = (name: string, median: number) => ({ name, nsPerOp: { median } });

test('crossover: from the first size after which the faster variant always wins', () => {
  const rs = [res('Go/size=16', 10), res('Rust/size=16', 30), res('Go/size=64', 40), res('Rust/size=64', 35), res('Go/size=256', 150), res('Rust/size=256', 60)];
  assert.deepEqual(crossover(rs, 'size', 'Go', 'Rust'), { kind: 'from', at: 64, after: 16, level: false });
  assert.deepEqual(crossover(rs, 'size', 'Rust', 'Go'), { kind: 'never' });
  assert.deepEqual(crossover(rs, 'items', 'Go', 'Rust'), { kind: 'unmeasured' });
  // A win that does not last is not a crossover.
  const flaky = [...rs.slice(0, 4), res('Go/size=256', 50), res('Rust/size=256', 60)];
  assert.deepEqual(crossover(flaky, 'size', 'Go', 'Rust'), { kind: 'never' });
});

test("crossover: a lower median inside the other variant's interval is a tie, not a win", () => {
  const ci = (name: string, median: number, low: number, high: number) => ({ name, nsPerOp: { median, low, high } });
  const rs = [
    ci('Go/size=16', 15, 15, 16),
    ci('Rust/size=16', 59, 49, 73),
    ci('Go/size=64', 52, 51, 54),
    ci('Rust/size=64', 50, 47, 71),
    ci('Go/size=256', 189, 188, 195),
    ci('Rust/size=256', 77, 71, 81),
  ];
  assert.deepEqual(crossover(rs, 'size', 'Go', 'Rust'), { kind: 'from', at: 256, after: 64, level: true });
});
