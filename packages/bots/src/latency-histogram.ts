// A latency histogram with fixed log-linear buckets, so that percentiles
// cost a fixed amount of memory however many samples arrive, and histograms
// from several generator processes merge by adding their bucket counts.
//
// Values are stored as whole microseconds. Below 256 us every microsecond has
// its own bucket. Above that, each power of two is split into 128 buckets, so
// a bucket is at most 1/128 (0.8 %) of its lower bound wide.

const LINEAR_LIMIT = 256;
const SUB_BUCKET_BITS = 7;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
/** Largest recordable value in microseconds (about 35 minutes); larger values are recorded as this. */
export const MAX_RECORDABLE_US = 0x7fffffff;
const BUCKET_COUNT = bucketIndex(MAX_RECORDABLE_US) + 1;

/** Percentiles and extremes of a histogram, in milliseconds rounded to 0.01 ms. */
export interface LatencySummary {
  count: number;
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** A histogram in a form that survives JSON and IPC: non-empty buckets as [index, count] pairs. */
export interface SerializedHistogram {
  buckets: [number, number][];
  count: number;
  sumUs: number;
  minUs: number;
  maxUs: number;
}

/** Returns the bucket of a value in whole microseconds (0 to MAX_RECORDABLE_US). */
export function bucketIndex(valueUs: number): number {
  if (valueUs < LINEAR_LIMIT) {
    return valueUs;
  }
  const magnitude = 31 - Math.clz32(valueUs);
  const shift = magnitude - SUB_BUCKET_BITS;
  return shift * SUB_BUCKETS + (valueUs >>> shift);
}

/** Returns the largest value in microseconds that falls into a bucket. */
export function bucketUpperBoundUs(index: number): number {
  if (index < LINEAR_LIMIT) {
    return index;
  }
  const shift = Math.floor(index / SUB_BUCKETS) - 1;
  const subBucket = index - shift * SUB_BUCKETS;
  return (subBucket + 1) * 2 ** shift - 1;
}

/**
 * Collects latency samples and reports nearest-rank percentiles. A
 * percentile is the upper bound of the bucket that contains the ranked sample,
 * capped at the largest sample, so it overstates the exact value by at most
 * 0.8 % and 1 us, and never understates it.
 *
 * @example
 * const chat = new LatencyHistogram();
 * chat.record(12.5);
 * chat.summary().p99 // 12.5
 */
export class LatencyHistogram {
  private counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  private sumUs = 0;
  private minUs = Number.POSITIVE_INFINITY;
  private maxUs = 0;

  /** Number of recorded samples. */
  get count(): number {
    return this.total;
  }

  /** Records one sample in milliseconds. Negative values count as 0 and values past MAX_RECORDABLE_US as that limit. */
  record(milliseconds: number): void {
    const valueUs = Math.min(MAX_RECORDABLE_US, Math.max(0, Math.round(milliseconds * 1000)));
    this.counts[bucketIndex(valueUs)] += 1;
    this.total += 1;
    this.sumUs += valueUs;
    if (valueUs < this.minUs) {
      this.minUs = valueUs;
    }
    if (valueUs > this.maxUs) {
      this.maxUs = valueUs;
    }
  }

  /** Returns the nearest-rank percentile in milliseconds (0 < percent <= 100), or null when there are no samples. */
  percentile(percent: number): number | null {
    if (!(percent > 0 && percent <= 100)) {
      throw new RangeError(`A percentile must be above 0 and at most 100, got ${percent}.`);
    }
    if (this.total === 0) {
      return null;
    }

    const rank = Math.max(1, Math.ceil((percent / 100) * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKET_COUNT; index++) {
      seen += this.counts[index];
      if (seen >= rank) {
        return Math.max(this.minUs, Math.min(this.maxUs, bucketUpperBoundUs(index))) / 1000;
      }
    }
    return this.maxUs / 1000;
  }

  /** Returns the count, mean, p50, p95, p99 and max in milliseconds. */
  summary(): LatencySummary {
    const round = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);
    const empty = this.total === 0;
    return {
      count: this.total,
      mean: empty ? null : round(this.sumUs / this.total / 1000),
      p50: round(this.percentile(50)),
      p95: round(this.percentile(95)),
      p99: round(this.percentile(99)),
      max: empty ? null : round(this.maxUs / 1000),
    };
  }

  /** Adds every sample of another histogram to this one. */
  merge(other: LatencyHistogram | SerializedHistogram): void {
    const serialized = other instanceof LatencyHistogram ? other.serialize() : other;
    for (const [index, count] of serialized.buckets) {
      if (!Number.isInteger(index) || index < 0 || index >= BUCKET_COUNT) {
        throw new RangeError(`A serialized histogram has bucket ${index}, outside 0..${BUCKET_COUNT - 1}.`);
      }
      this.counts[index] += count;
    }
    if (serialized.count === 0) {
      return;
    }
    this.total += serialized.count;
    this.sumUs += serialized.sumUs;
    this.minUs = Math.min(this.minUs, serialized.minUs);
    this.maxUs = Math.max(this.maxUs, serialized.maxUs);
  }

  /** Returns the samples as JSON-safe data for `merge` or `LatencyHistogram.from`. */
  serialize(): SerializedHistogram {
    const buckets: [number, number][] = [];
    for (let index = 0; index < BUCKET_COUNT; index++) {
      if (this.counts[index] > 0) {
        buckets.push([index, this.counts[index]]);
      }
    }
    return {
      buckets,
      count: this.total,
      sumUs: this.sumUs,
      minUs: this.total === 0 ? 0 : this.minUs,
      maxUs: this.maxUs,
    };
  }

  /** Forgets every sample. */
  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.sumUs = 0;
    this.minUs = Number.POSITIVE_INFINITY;
    this.maxUs = 0;
  }

  /** Builds a histogram from serialized samples. */
  static from(serialized: SerializedHistogram): LatencyHistogram {
    const histogram = new LatencyHistogram();
    histogram.merge(serialized);
    return histogram;
  }
}
