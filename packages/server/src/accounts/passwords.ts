// Password hashing with scrypt from node:crypto and a random salt per hash.
// The cost is stored with each hash so it can be raised later without
// invalidating older passwords.

import { randomBytes, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const BLOCK_SIZE = 8;

export interface PasswordHash {
  readonly hash: Uint8Array;
  readonly salt: Uint8Array;
  /** log2 of scrypt's N. */
  readonly cost: number;
}

function deriveKey(password: BinaryLike, salt: Uint8Array, cost: number): Promise<Buffer> {
  const N = 2 ** cost;
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes, or scrypt refuses costs above 14.
    scrypt(password, salt, KEY_BYTES, { N, r: BLOCK_SIZE, p: 1, maxmem: 256 * N * BLOCK_SIZE }, (error, key) => {
      if (error) {
        reject(error);
      } else {
        resolve(key);
      }
    });
  });
}

export async function hashPassword(password: string, cost: number): Promise<PasswordHash> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await deriveKey(password, salt, cost);
  return { hash, salt, cost };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const candidate = await deriveKey(password, stored.salt, stored.cost);
  return candidate.length === stored.hash.length && timingSafeEqual(candidate, stored.hash);
}
