import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, spread, summarize } from '../../src/lib/measure/stats.ts';

test('median of odd and even counts, unsorted input', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]), /no values/);
});

test('10 samples: the 95% interval drops one sample at each end, as benchstat does', () => {
  const s = summarize([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]);
  assert.deepEqual(s, { median: 5.5, low: 2, high: 9, samples: 10 });
});

test('fewer than 6 samples: the whole range', () => {
  assert.deepEqual(summarize([5, 1, 3]), { median: 3, low: 1, high: 5, samples: 3 });
});

test('spread is the larger half-width relative to the median', () => {
  assert.equal(spread({ median: 100, low: 90, high: 105, samples: 10 }), 0.1);
});
