/** How recorded numbers read on the page: times, sizes, dates, and a measure's figures (`41.2 µs`, `2.4 MiB`, `yes`). Pure: no Astro. */
import type { Figure } from '../measure/figures.ts';

export function formatNs(ns: number): string {
  if (ns < 1_000) return `${ns < 10 ? ns.toFixed(1) : Math.round(ns)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toFixed(ns < 10_000_000 ? 2 : 1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

/** An axis tick: the unit formatNs picks, with no trailing zeros, so every tick reads alike ("100 ms", "1 ms", "2.5 µs"). */
export function formatTick(ns: number): string {
  const [value, unit] = formatNs(ns).split(' ') as [string, string];
  return `${Number(value)} ${unit}`;
}

/** A Go duration flag ("500ms", "1s") as prose writes it: "500 ms". */
export function formatDuration(flag: string): string {
  return flag.replace(/^(\d+(?:\.\d+)?)([a-zµ]+)$/, '$1 $2');
}

export function formatBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n >> 20} MiB`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n >> 10} KiB`;
  return `${n} B`;
}

export const formatDate = (iso: string): string => new Date(iso).toISOString().slice(0, 10);

const BYTES = ['B', 'KiB', 'MiB', 'GiB'];

export function formatFigure(f: Pick<Figure, 'value' | 'unit'>): string {
  if (typeof f.value === 'boolean') return f.value ? 'yes' : 'no';
  if (typeof f.value === 'string') return f.unit ? `${f.value} ${f.unit}` : f.value;
  if (f.unit === 'ns') return formatNs(f.value);
  if (f.unit === 'bytes') return formatSize(f.value);
  const n = Number.isInteger(f.value) ? f.value.toLocaleString('en-US') : f.value.toLocaleString('en-US', { maximumSignificantDigits: 3 });
  return f.unit ? `${n} ${f.unit}` : n;
}

function formatSize(n: number): string {
  let i = 0;
  let v = n;
  while (Math.abs(v) >= 1024 && i < BYTES.length - 1) ((v /= 1024), i++);
  return i === 0 ? `${n} B` : `${v.toFixed(v < 10 ? 2 : 1)} ${BYTES[i]}`;
}
