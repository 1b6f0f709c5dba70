// The PNG reader that the browser tests use to check screenshots, tried on
// images written here with every row filter.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';

import { colourStats, countPixelsNear, decodePng } from './browser/support/png.ts';

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Writes an 8-bit PNG; `filters` gives each row's filter type, applied for real. */
function encodePng(width: number, height: number, channels: 3 | 4, pixel: (x: number, y: number) => number[], filters: number[]): Buffer {
  const colourType = channels === 4 ? 6 : 2;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = colourType;

  const stride = width * channels;
  const rows: number[][] = [];
  for (let y = 0; y < height; y += 1) {
    const row: number[] = [];
    for (let x = 0; x < width; x += 1) {
      row.push(...pixel(x, y).slice(0, channels));
    }
    rows.push(row);
  }

  const raw: number[] = [];
  for (let y = 0; y < height; y += 1) {
    const filter = filters[y % filters.length];
    raw.push(filter);
    for (let index = 0; index < stride; index += 1) {
      const left = index >= channels ? rows[y][index - channels] : 0;
      const up = y > 0 ? rows[y - 1][index] : 0;
      const upLeft = y > 0 && index >= channels ? rows[y - 1][index - channels] : 0;
      const estimate = left + up - upLeft;
      const paeth =
        Math.abs(estimate - left) <= Math.abs(estimate - up) && Math.abs(estimate - left) <= Math.abs(estimate - upLeft)
          ? left
          : Math.abs(estimate - up) <= Math.abs(estimate - upLeft)
            ? up
            : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter];
      raw.push((rows[y][index] - predictor) & 0xff);
    }
  }

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(raw))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

const gradient = (x: number, y: number): number[] => [x * 20, y * 30, (x * y * 7) & 0xff, 200];

describe('decodePng', () => {
  test('reads RGB with every filter type', () => {
    const png = encodePng(7, 6, 3, gradient, [0, 1, 2, 3, 4]);
    const image = decodePng(png);
    assert.equal(image.width, 7);
    assert.equal(image.height, 6);
    for (let y = 0; y < 6; y += 1) {
      for (let x = 0; x < 7; x += 1) {
        const at = (y * 7 + x) * 4;
        assert.deepEqual([...image.rgba.subarray(at, at + 4)], [...gradient(x, y).slice(0, 3), 255], `pixel ${x},${y}`);
      }
    }
  });

  test('reads RGBA alpha', () => {
    const image = decodePng(encodePng(3, 3, 4, gradient, [4, 2]));
    assert.equal(image.rgba[3], 200);
  });

  test('rejects a file that is not a PNG', () => {
    assert.throws(() => decodePng(Buffer.from('GIF89a not a png')), /signature/);
  });
});

describe('colourStats', () => {
  test('flat image has one colour filling it', () => {
    const stats = colourStats(decodePng(encodePng(10, 10, 3, () => [14, 22, 34], [0])));
    assert.equal(stats.distinctColours, 1);
    assert.equal(stats.dominantShare, 1);
  });

  test('varied image has many colours', () => {
    const stats = colourStats(decodePng(encodePng(10, 10, 3, gradient, [1])));
    assert.ok(stats.distinctColours > 50);
    assert.ok(stats.dominantShare < 0.1);
  });

  test('countPixelsNear counts within the tolerance', () => {
    const image = decodePng(encodePng(4, 1, 3, (x) => [100 + x * 3, 100, 100], [0]));
    assert.equal(countPixelsNear(image, 0x646464, 4), 2);
  });
});
