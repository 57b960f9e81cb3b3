import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../src/lib/measure/analyze-results.ts';
import { crossover } from '../../src/lib/measure/bench-series.ts';
import { checklistMarkdown, checklistMarkdownGrouped } from '../../src/lib/render/checklist-markdown.ts';

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

test('crossover: a lower median inside the other variant\'s interval is a tie, not a win', () => {
  const ci = (name: string, median: number, low: number, high: number) => ({ name, nsPerOp: { median, low, high } });
  const rs = [ci('Go/size=16', 15, 15, 16), ci('Rust/size=16', 59, 49, 73), ci('Go/size=64', 52, 51, 54), ci('Rust/size=64', 50, 47, 71), ci('Go/size=256', 189, 188, 195), ci('Rust/size=256', 77, 71, 81)];
  assert.deepEqual(crossover(rs, 'size', 'Go', 'Rust'), { kind: 'from', at: 256, after: 64, level: true });
});

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

test('checklist Markdown links each item and its explanation', () => {
  const md = checklistMarkdown([{ id: 'ffi-abi-version', text: 'Checks the ABI.', ticked: true, why: '/guides/x/#abi' }], 'http://127.0.0.1:4321');
  assert.equal(md, '- [x] [`ffi-abi-version`](http://127.0.0.1:4321/checklists/#check-ffi-abi-version) Checks the ABI. ([why](http://127.0.0.1:4321/guides/x/#abi))\n');
});

test('the full checklist Markdown puts the items of each guide under its title', () => {
  const item = { id: 'a-b', text: 'Text.', ticked: false, why: '/guides/g/#s' };
  const md = checklistMarkdownGrouped([{ title: 'One', items: [item] }, { title: 'Empty', items: [] }, { title: 'Two', items: [item] }], 'https://h.example');
  assert.equal(md, '### One\n\n- [ ] [`a-b`](https://h.example/checklists/#check-a-b) Text. ([why](https://h.example/guides/g/#s))\n\n### Two\n\n- [ ] [`a-b`](https://h.example/checklists/#check-a-b) Text. ([why](https://h.example/guides/g/#s))\n');
});
