import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { murmur2, partitionForKey, toPositive } from '../src/index.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

// Expected values printed by Kafka 4.4.0's Java implementation,
// org.apache.kafka.common.utils.Utils.murmur2 and Utils.toPositive(hash) % n,
// run on the UTF-8 bytes of each key. They cover every tail length (0 to 3
// bytes after the 4-byte words), negative hashes and multi-byte characters.
const golden: { key: string; hash: number; partitions3: number; partitions6: number; partitions12: number }[] = [
  { key: '', hash: 275646681, partitions3: 0, partitions6: 3, partitions12: 9 },
  { key: 'a', hash: -1563381124, partitions3: 1, partitions6: 4, partitions12: 4 },
  { key: 'ab', hash: 316155434, partitions3: 2, partitions6: 2, partitions12: 2 },
  { key: 'abc', hash: 479470107, partitions3: 0, partitions6: 3, partitions12: 3 },
  { key: '21', hash: -973932308, partitions3: 0, partitions6: 0, partitions12: 0 },
  { key: 'foobar', hash: -790332482, partitions3: 0, partitions6: 0, partitions12: 6 },
  { key: 'room-1', hash: -1749785, partitions3: 0, partitions6: 3, partitions12: 3 },
  { key: 'room-42', hash: 743646974, partitions3: 2, partitions6: 2, partitions12: 2 },
  { key: 'user:1001', hash: -1961883735, partitions3: 2, partitions6: 5, partitions12: 5 },
  { key: 'a-little-bit-long-string', hash: -985981536, partitions3: 2, partitions6: 2, partitions12: 8 },
  { key: 'a-little-bit-longer-string', hash: -1486304829, partitions3: 2, partitions6: 5, partitions12: 11 },
  { key: 'lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', hash: -58897971, partitions3: 2, partitions6: 5, partitions12: 5 },
  { key: 'héllo wörld', hash: 439213890, partitions3: 0, partitions6: 0, partitions12: 6 },
  { key: '日本語', hash: 1431860170, partitions3: 1, partitions6: 4, partitions12: 10 },
  { key: '🙂emoji', hash: 1463688712, partitions3: 1, partitions6: 4, partitions12: 4 },
];

describe('murmur2 partitioner', () => {
  for (const entry of golden) {
    it(`matches Kafka for key ${JSON.stringify(entry.key)}`, () => {
      assert.equal(murmur2(utf8(entry.key)), entry.hash, 'murmur2 hash');
      assert.equal(partitionForKey(entry.key, 3), entry.partitions3, '3 partitions');
      assert.equal(partitionForKey(entry.key, 6), entry.partitions6, '6 partitions');
      assert.equal(partitionForKey(entry.key, 12), entry.partitions12, '12 partitions');
    });
  }

  it('toPositive clears the sign bit instead of negating', () => {
    assert.equal(toPositive(-1), 0x7fffffff);
    assert.equal(toPositive(-2147483648), 0);
    assert.equal(toPositive(123), 123);
  });

  it('single partition always gets partition 0', () => {
    for (const entry of golden) {
      assert.equal(partitionForKey(entry.key, 1), 0);
    }
  });

  it('rejects invalid partition counts', () => {
    assert.throws(() => partitionForKey('room-1', 0), /invalid partition count 0/);
    assert.throws(() => partitionForKey('room-1', 2.5), /invalid partition count 2.5/);
    assert.throws(() => partitionForKey('room-1', Number.NaN), /invalid partition count NaN/);
  });
});
