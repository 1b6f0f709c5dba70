/**
 * The key-to-partition rule of Kafka's default partitioner for keyed records.
 * It hashes the key's bytes with murmur2 (the variant in Kafka's Java
 * `org.apache.kafka.common.utils.Utils.murmur2`), clears the sign bit with
 * `hash & 0x7fffffff` and takes the result modulo the partition count. Both
 * event-log modes use it, so a key lands in the same partition in both.
 */

const SEED = 0x9747b28c;
const MULTIPLIER = 0x5bd1e995;
const SHIFT = 24;

const textEncoder = new TextEncoder();

/**
 * Computes Kafka's murmur2 hash of `data` as a signed 32-bit integer, the value
 * Java's `Utils.murmur2` returns for the same bytes.
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let hash = (SEED ^ length) | 0;
  const wholeWords = length >>> 2;

  for (let i = 0; i < wholeWords; i++) {
    const index = i * 4;
    let k = data[index] | (data[index + 1] << 8) | (data[index + 2] << 16) | (data[index + 3] << 24);
    k = Math.imul(k, MULTIPLIER);
    k ^= k >>> SHIFT;
    k = Math.imul(k, MULTIPLIER);
    hash = Math.imul(hash, MULTIPLIER);
    hash ^= k;
  }

  // The 1 to 3 trailing bytes; Java's switch falls through from case 3 to case 1.
  const tail = length & ~3;
  const remaining = length & 3;
  if (remaining === 3) {
    hash ^= data[tail + 2] << 16;
  }
  if (remaining >= 2) {
    hash ^= data[tail + 1] << 8;
  }
  if (remaining >= 1) {
    hash ^= data[tail];
    hash = Math.imul(hash, MULTIPLIER);
  }

  hash ^= hash >>> 13;
  hash = Math.imul(hash, MULTIPLIER);
  hash ^= hash >>> 15;
  return hash | 0;
}

/** Maps a signed 32-bit hash to 0..2^31-1 the way Kafka's `Utils.toPositive` does (not `Math.abs`). */
export function toPositive(hash: number): number {
  return hash & 0x7fffffff;
}

/**
 * Returns the partition, in `0..partitions-1`, that Kafka's default partitioner
 * picks for a record with this key. The key is hashed as UTF-8 bytes.
 */
export function partitionForKey(key: string, partitions: number): number {
  if (!Number.isSafeInteger(partitions) || partitions < 1) {
    throw new RangeError(`invalid partition count ${partitions}: expected a whole number of at least 1`);
  }
  return toPositive(murmur2(textEncoder.encode(key))) % partitions;
}
