/**
 * Lateness statistics without allocation: a fixed log-linear histogram (32 buckets per
 * power of two, so a reported percentile is at most ~3% above the true value), the
 * exact maximum, and the count over a threshold.
 */

/** Lateness summary of a run, in nanoseconds. */
export interface LatenessSummary {
  /** The latest any deadline was met. */
  readonly maxNs: number;
  /** 99th percentile, rounded up to its histogram bucket (never above `maxNs`). */
  readonly p99Ns: number;
  /** Deadlines met later than `thresholdNs`. */
  readonly over: number;
  readonly thresholdNs: number;
  /** Deadlines measured. */
  readonly samples: number;
}

const SUB_BITS = 5;
const SUB = 1 << SUB_BITS;
/** Values below this get a bucket each. */
const LINEAR = 2 * SUB;
/** Values at or above 2^MAX_EXP ns (~4.9 h) share the last bucket. */
const MAX_EXP = 44;
/** One group of SUB buckets per power of two from 2^(SUB_BITS+1) up to 2^MAX_EXP, plus the overflow bucket. */
const BUCKETS = LINEAR + (MAX_EXP - SUB_BITS - 1) * SUB + 1;

/** Counts lateness samples into fixed buckets. */
export class LatenessHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private samples = 0;
  private max = 0;
  private over = 0;

  /** @param thresholdNs samples above this count as "over". */
  constructor(readonly thresholdNs: number) {}

  /** Adds one sample (negative values, i.e. early, count as 0). */
  record(lateNs: number): void {
    const v = lateNs > 0 ? lateNs : 0;
    this.counts[bucketOf(v)]!++;
    this.samples++;
    if (v > this.max) this.max = v;
    if (v > this.thresholdNs) this.over++;
  }

  /** The summary so far. */
  summary(): LatenessSummary {
    return { maxNs: this.max, p99Ns: this.percentile(0.99), over: this.over, thresholdNs: this.thresholdNs, samples: this.samples };
  }

  /** The `q` quantile (0 < q ≤ 1), as its bucket's upper bound capped at the maximum. */
  percentile(q: number): number {
    if (this.samples === 0) return 0;
    const rank = Math.ceil(q * this.samples);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(upperBoundOf(i), this.max);
    }
    return this.max;
  }
}

/** The bucket of a non-negative value. */
export function bucketOf(value: number): number {
  const v = Math.floor(value);
  if (v < LINEAR) return v;
  let e = Math.floor(Math.log2(v));
  // log2 can round across a power of two; correct it exactly.
  if (2 ** e > v) e--;
  else if (2 ** (e + 1) <= v) e++;
  if (e >= MAX_EXP) return BUCKETS - 1;
  const sub = Math.floor(v / 2 ** (e - SUB_BITS)) - SUB;
  return LINEAR + (e - SUB_BITS - 1) * SUB + sub;
}

/** The largest value that falls in bucket `index`. */
export function upperBoundOf(index: number): number {
  if (index < LINEAR) return index;
  if (index >= BUCKETS - 1) return Infinity;
  const e = SUB_BITS + 1 + Math.floor((index - LINEAR) / SUB);
  const sub = (index - LINEAR) % SUB;
  const width = 2 ** (e - SUB_BITS);
  return (SUB + sub) * width + width - 1;
}
