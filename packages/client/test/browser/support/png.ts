// A small PNG reader for checking screenshots: 8-bit greyscale, RGB, grey
// with alpha and RGBA images without interlacing, which is what Chromium's
// screenshots are. Anything else throws, naming what it found.

import { inflateSync } from 'node:zlib';

export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** Pixels as R, G, B, A bytes, row by row. */
  readonly rgba: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const channelsByColourType: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(bytes: Uint8Array): DecodedImage {
  if (bytes.length < 8 || SIGNATURE.some((value, index) => bytes[index] !== value)) {
    throw new Error('Not a PNG file: the signature is missing.');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  let width = 0;
  let height = 0;
  let channels = 0;
  const compressed: Uint8Array[] = [];
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    // A chunk is u32 length | 4-byte type | data | u32 CRC (not checked here).
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const dataStart = offset + 8;
    const data = bytes.subarray(dataStart, dataStart + length);
    offset = dataStart + length + 4;

    if (type === 'IHDR') {
      width = view.getUint32(dataStart);
      height = view.getUint32(dataStart + 4);
      const bitDepth = data[8];
      const colourType = data[9];
      const interlace = data[12];
      channels = channelsByColourType[colourType] ?? 0;
      if (bitDepth !== 8 || channels === 0 || interlace !== 0) {
        throw new Error(`Unsupported PNG: bit depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}; this reader takes 8-bit, non-interlaced grey, RGB and RGBA.`);
      }
    } else if (type === 'IDAT') {
      compressed.push(data);
    } else if (type === 'IEND') {
      break;
    }
  }
  if (width === 0 || height === 0) {
    throw new Error('PNG has no IHDR chunk or a zero size.');
  }

  const raw = inflateSync(Buffer.concat(compressed));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) {
    throw new Error(`PNG data is truncated: ${raw.length} bytes for ${height} rows of ${stride + 1}.`);
  }

  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const source = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const previous = y === 0 ? null : pixels.subarray((y - 1) * stride, y * stride);
    unfilterRow(filter, source, row, previous, channels);
  }

  const rgba = new Uint8Array(width * height * 4);
  for (let index = 0; index < width * height; index += 1) {
    const from = index * channels;
    const to = index * 4;
    if (channels === 1 || channels === 2) {
      rgba[to] = rgba[to + 1] = rgba[to + 2] = pixels[from];
      rgba[to + 3] = channels === 2 ? pixels[from + 1] : 255;
    } else {
      rgba[to] = pixels[from];
      rgba[to + 1] = pixels[from + 1];
      rgba[to + 2] = pixels[from + 2];
      rgba[to + 3] = channels === 4 ? pixels[from + 3] : 255;
    }
  }
  return { width, height, rgba };
}

function unfilterRow(filter: number, source: Uint8Array, row: Uint8Array, previous: Uint8Array | null, bytesPerPixel: number): void {
  for (let index = 0; index < source.length; index += 1) {
    const left = index >= bytesPerPixel ? row[index - bytesPerPixel] : 0;
    const up = previous === null ? 0 : previous[index];
    const upLeft = previous === null || index < bytesPerPixel ? 0 : previous[index - bytesPerPixel];
    let predictor: number;
    switch (filter) {
      case 0:
        predictor = 0;
        break;
      case 1:
        predictor = left;
        break;
      case 2:
        predictor = up;
        break;
      case 3:
        predictor = (left + up) >> 1;
        break;
      case 4:
        predictor = paeth(left, up, upLeft);
        break;
      default:
        throw new Error(`PNG row uses unknown filter type ${filter}.`);
    }
    row[index] = (source[index] + predictor) & 0xff;
  }
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) {
    return left;
  }
  return toUp <= toUpLeft ? up : upLeft;
}

/** Colour statistics of an image: distinct colours and the share of the most common one. */
export function colourStats(image: DecodedImage): { distinctColours: number; dominantShare: number } {
  const counts = new Map<number, number>();
  const pixels = image.width * image.height;
  for (let index = 0; index < pixels; index += 1) {
    const at = index * 4;
    const key = (image.rgba[at] << 16) | (image.rgba[at + 1] << 8) | image.rgba[at + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const dominant = Math.max(...counts.values());
  return { distinctColours: counts.size, dominantShare: dominant / pixels };
}

/** Counts the pixels within `tolerance` (per channel) of a colour given as 0xRRGGBB. */
export function countPixelsNear(image: DecodedImage, colour: number, tolerance: number): number {
  const red = (colour >> 16) & 0xff;
  const green = (colour >> 8) & 0xff;
  const blue = colour & 0xff;
  let count = 0;
  for (let at = 0; at < image.rgba.length; at += 4) {
    if (Math.abs(image.rgba[at] - red) <= tolerance && Math.abs(image.rgba[at + 1] - green) <= tolerance && Math.abs(image.rgba[at + 2] - blue) <= tolerance) {
      count += 1;
    }
  }
  return count;
}
