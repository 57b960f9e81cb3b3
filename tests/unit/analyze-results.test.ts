import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../src/lib/measure/analyze-results.ts';

test('the StackBlitz analysis recomputes medians from raw samples', () => {
  const out = analyze({
    example: 'demo',
    recordedAt: '2026-11-24T00:00:00Z',
    machine: { cpu: 'Test CPU' },
    benchmarks: {
      results: [
        { name: 'Go/size=16', samples: [10, 12, 11] },
        { name: 'Rust/size=16', samples: [30, 31, 29] },
        { name: 'Go/size=1024', samples: [700, 710, 690] },
        { name: 'Rust/size=1024', samples: [100, 90, 95] },
      ],
    },
  });
  assert.match(out, /Go\/size=16\s+11\.0 ns\/op/);
  assert.match(out, /Rust is clearly faster than Go \(95% intervals apart\) from size=1024 on \(slower at size=16\)\./);
});
