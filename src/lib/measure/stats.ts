/** Statistics for benchmark samples, following benchstat: medians, with a distribution-free confidence interval. */

export interface Summary {
  median: number;
  /** Bounds of the ~95% confidence interval for the median (or the sample range when there are too few samples). */
  low: number;
  high: number;
  samples: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The median with the order-statistic confidence interval benchstat uses: the widest
 * [x(k+1), x(n−k)] whose binomial coverage is still ≥ 95%. Below 6 samples not even
 * the full range reaches 95%, and the range is reported as it is.
 */
export function summarize(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  const m = median(s);
  let k = 0; // number of samples cut from each end
  while (k + 1 < n / 2 && coverage(n, k + 1) >= 0.95) k++;
  return { median: m, low: s[k]!, high: s[n - 1 - k]!, samples: n };
}

/** P(x(k+1) ≤ median ≤ x(n−k)) for n samples: 1 − 2·P(Binomial(n, ½) ≤ k). */
function coverage(n: number, k: number): number {
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += binomial(n, i) / 2 ** n;
  return 1 - 2 * tail;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Relative half-width of the interval, as benchstat prints it: ±x%. */
export const spread = (s: Summary): number => (s.median === 0 ? 0 : Math.max(s.high - s.median, s.median - s.low) / s.median);
