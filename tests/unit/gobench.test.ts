import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGoBench } from '../../src/lib/measure/gobench.ts';

test('parses names, GOMAXPROCS suffix and every metric', () => {
  const out = `goos: linux
BenchmarkRust/size=1024-2         	 1427983	       166.4 ns/op	6154.63 MB/s	       0 B/op	       0 allocs/op
BenchmarkEmptyCall-2              	 8207301	        29.36 ns/op
BenchmarkNoSuffix 	 10	 5 ns/op
PASS`;
  assert.deepEqual(parseGoBench(out), [
    { name: 'Rust/size=1024', nsPerOp: 166.4, mbPerSec: 6154.63, bytesPerOp: 0, allocsPerOp: 0 },
    { name: 'EmptyCall', nsPerOp: 29.36, mbPerSec: undefined, bytesPerOp: undefined, allocsPerOp: undefined },
    { name: 'NoSuffix', nsPerOp: 5, mbPerSec: undefined, bytesPerOp: undefined, allocsPerOp: undefined },
  ]);
});

test('ignores lines that are not results', () => {
  assert.deepEqual(parseGoBench('BenchmarkX-2 --- FAIL\nok  example 1s\n'), []);
});
