import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LatencyHistogram, MAX_RECORDABLE_US, bucketIndex, bucketUpperBoundUs } from '../src/latency-histogram.ts';
import { seededRandom } from '../src/random.ts';

/** Nearest-rank percentile of a sorted array. */
function exactPercentile(sorted: number[], percent: number): number {
  return sorted[Math.max(1, Math.ceil((percent / 100) * sorted.length)) - 1];
}

function samples(count: number, seed: number): number[] {
  const random = seededRandom(seed);
  // Milliseconds from 0.001 to about 1200, spread evenly on a log scale as real latencies are.
  return Array.from({ length: count }, () => Math.exp(random() * 14) / 1000);
}

test('buckets cover every value once and in order', () => {
  let previousUpper = -1;
  for (let index = 0; index <= bucketIndex(MAX_RECORDABLE_US); index++) {
    const upper = bucketUpperBoundUs(index);
    assert.ok(upper > previousUpper, `bucket ${index} ends at ${upper}, not after ${previousUpper}`);
    assert.equal(bucketIndex(upper), index);
    assert.equal(bucketIndex(previousUpper + 1), index);
    previousUpper = upper;
  }
  assert.equal(previousUpper, MAX_RECORDABLE_US);
});

test('percentiles match exact ones within the bucket width', () => {
  const values = samples(20_000, 7);
  const histogram = new LatencyHistogram();
  for (const value of values) {
    histogram.record(value);
  }
  const sorted = values.map((value) => Math.round(value * 1000) / 1000).sort((a, b) => a - b);

  for (const percent of [1, 25, 50, 90, 95, 99, 99.9, 100]) {
    const exact = exactPercentile(sorted, percent);
    const reported = histogram.percentile(percent)!;
    assert.ok(reported >= exact, `p${percent} ${reported} is below the exact ${exact}`);
    assert.ok(reported <= exact * (1 + 1 / 128) + 0.001, `p${percent} ${reported} overstates the exact ${exact} by more than one bucket`);
  }
  assert.equal(histogram.count, values.length);
});

test('values below 256 us are exact', () => {
  const histogram = new LatencyHistogram();
  for (const value of [0.05, 0.01, 0.03, 0.02, 0.04]) {
    histogram.record(value);
  }
  const summary = histogram.summary();
  assert.equal(summary.count, 5);
  assert.equal(summary.mean, 0.03);
  assert.equal(summary.p50, 0.03);
  assert.equal(summary.p95, 0.05);
  assert.equal(summary.p99, 0.05);
  assert.equal(summary.max, 0.05);
});

test('the largest sample caps every percentile', () => {
  const histogram = new LatencyHistogram();
  histogram.record(3);
  assert.equal(histogram.percentile(50), 3);
  assert.equal(histogram.percentile(99), 3);
});

test('empty histogram reports nulls', () => {
  const summary = new LatencyHistogram().summary();
  assert.deepEqual(summary, { count: 0, mean: null, p50: null, p95: null, p99: null, max: null });
});

test('out-of-range samples are clamped', () => {
  const histogram = new LatencyHistogram();
  histogram.record(-3);
  histogram.record(10 ** 9);
  assert.equal(histogram.percentile(50), 0);
  assert.equal(histogram.percentile(100), MAX_RECORDABLE_US / 1000);
});

test('percentile rejects invalid percents', () => {
  const histogram = new LatencyHistogram();
  assert.throws(() => histogram.percentile(0), RangeError);
  assert.throws(() => histogram.percentile(101), RangeError);
  assert.throws(() => histogram.percentile(Number.NaN), RangeError);
});

test('merged histograms equal one histogram of all samples', () => {
  const parts = [samples(3000, 1), samples(5000, 2), samples(10, 3), []];
  const whole = new LatencyHistogram();
  const merged = new LatencyHistogram();
  for (const part of parts) {
    const histogram = new LatencyHistogram();
    for (const value of part) {
      histogram.record(value);
      whole.record(value);
    }
    // Through JSON, as results travel from the generator processes.
    merged.merge(JSON.parse(JSON.stringify(histogram.serialize())));
  }

  assert.deepEqual(merged.summary(), whole.summary());
  assert.deepEqual(merged.serialize(), whole.serialize());
  for (const percent of [50, 95, 99, 99.9]) {
    assert.equal(merged.percentile(percent), whole.percentile(percent));
  }
});

test('serialized histogram round-trips', () => {
  const histogram = new LatencyHistogram();
  for (const value of samples(1000, 9)) {
    histogram.record(value);
  }
  const copy = LatencyHistogram.from(histogram.serialize());
  assert.deepEqual(copy.summary(), histogram.summary());
});

test('merge rejects a bucket out of range', () => {
  const histogram = new LatencyHistogram();
  assert.throws(() => histogram.merge({ buckets: [[999_999, 1]], count: 1, sumUs: 1, minUs: 1, maxUs: 1 }), RangeError);
});

test('reset forgets every sample', () => {
  const histogram = new LatencyHistogram();
  histogram.record(12);
  histogram.reset();
  assert.equal(histogram.count, 0);
  assert.equal(histogram.percentile(99), null);
});
