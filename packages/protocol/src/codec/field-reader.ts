// Reads fields from one frame, big-endian. Every read checks the bytes left
// first, so a truncated frame raises FRAME_MALFORMED instead of reading
// garbage or throwing a RangeError.

import { ProtocolError } from '../protocol-error.ts';

// ignoreBOM keeps a leading U+FEFF in the decoded string. Without it the
// decoder drops that character, so a string would not survive a round trip.
const textDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class FieldReader {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private offset: number;

  constructor(bytes: Uint8Array, offset = 0) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offset = offset;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  u8(): number {
    this.require(1);
    const value = this.view.getUint8(this.offset);
    this.offset += 1;
    return value;
  }

  u16(): number {
    this.require(2);
    const value = this.view.getUint16(this.offset);
    this.offset += 2;
    return value;
  }

  u32(): number {
    this.require(4);
    const value = this.view.getUint32(this.offset);
    this.offset += 4;
    return value;
  }

  i32(): number {
    this.require(4);
    const value = this.view.getInt32(this.offset);
    this.offset += 4;
    return value;
  }

  f64(): number {
    this.require(8);
    const value = this.view.getFloat64(this.offset);
    this.offset += 8;
    if (!Number.isFinite(value)) {
      throw new ProtocolError('FIELD_OUT_OF_RANGE', 'A number field is not finite.');
    }
    return value;
  }

  bool(): boolean {
    const value = this.u8();
    if (value > 1) {
      throw new ProtocolError('FIELD_OUT_OF_RANGE', `A bool field holds ${value}; only 0 and 1 are valid.`);
    }
    return value === 1;
  }

  /** Reads a u16 byte length and that many UTF-8 bytes, rejecting a length over maxBytes before reading them. */
  string(maxBytes: number): string {
    const byteLength = this.u16();
    if (byteLength > maxBytes) {
      throw new ProtocolError('STRING_TOO_LONG', `A string field is ${byteLength} bytes; the limit is ${maxBytes}.`);
    }

    this.require(byteLength);
    let value: string;
    try {
      value = textDecoder.decode(this.bytes.subarray(this.offset, this.offset + byteLength));
    } catch {
      throw new ProtocolError('FRAME_MALFORMED', 'A string field is not valid UTF-8.');
    }
    this.offset += byteLength;
    return value;
  }

  private require(count: number): void {
    if (this.offset + count > this.bytes.length) {
      throw new ProtocolError('FRAME_MALFORMED', 'The frame ends in the middle of a field.');
    }
  }
}
