/** Parses `go test -bench` output into samples per benchmark. */

export interface BenchSample {
  /** Benchmark name without the `Benchmark` prefix and the `-GOMAXPROCS` suffix, e.g. `Rust/size=1024`. */
  name: string;
  nsPerOp: number;
  bytesPerOp?: number;
  allocsPerOp?: number;
  mbPerSec?: number;
}

const LINE = /^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+(.*)$/;

export function parseGoBench(output: string): BenchSample[] {
  const samples: BenchSample[] = [];
  for (const line of output.split('\n')) {
    const m = LINE.exec(line.trim());
    if (!m) continue;
    const metrics = new Map<string, number>();
    const fields = m[2]!.trim().split(/\s+/);
    for (let i = 0; i + 1 < fields.length; i += 2) metrics.set(fields[i + 1]!, Number(fields[i]));
    const ns = metrics.get('ns/op');
    if (ns === undefined || Number.isNaN(ns)) continue;
    samples.push({
      name: m[1]!,
      nsPerOp: ns,
      bytesPerOp: metrics.get('B/op'),
      allocsPerOp: metrics.get('allocs/op'),
      mbPerSec: metrics.get('MB/s'),
    });
  }
  return samples;
}
