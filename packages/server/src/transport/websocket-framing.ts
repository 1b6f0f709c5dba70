// WebSocket data frames the server writes itself: one final binary frame
// (FIN + opcode 2), unmasked as RFC 6455 requires from servers, with the
// 7-bit, 16-bit or 64-bit payload length. Headers of lengths below 64 KiB are
// kept once built, since the same sizes repeat all the time.

const cache: (Uint8Array | undefined)[] = [];

const FIN_BINARY = 0x82;

export function binaryFrameHeader(payloadLength: number): Uint8Array {
  if (payloadLength < 0x10000) {
    let header = cache[payloadLength];
    if (header === undefined) {
      header = buildHeader(payloadLength);
      cache[payloadLength] = header;
    }
    return header;
  }
  return buildHeader(payloadLength);
}

function buildHeader(payloadLength: number): Uint8Array {
  if (payloadLength < 126) {
    return Uint8Array.of(FIN_BINARY, payloadLength);
  }
  if (payloadLength < 0x10000) {
    return Uint8Array.of(FIN_BINARY, 126, payloadLength >>> 8, payloadLength & 0xff);
  }

  const header = new Uint8Array(10);
  const view = new DataView(header.buffer);
  header[0] = FIN_BINARY;
  header[1] = 127;
  view.setBigUint64(2, BigInt(payloadLength));
  return header;
}

let lastPayload: Uint8Array | undefined;
let lastFrame: Buffer | undefined;

/**
 * Returns header and payload as one buffer, so that each frame is one chunk
 * for the socket: two chunks per frame make Node take its slower gathered
 * write path. A room sends the same payload to every listener in a row, so
 * the last frame built is reused while the payload stays the same.
 */
export function binaryFrame(payload: Uint8Array): Buffer {
  if (payload === lastPayload && lastFrame !== undefined) {
    return lastFrame;
  }

  const header = binaryFrameHeader(payload.length);
  const frame = Buffer.allocUnsafe(header.length + payload.length);
  frame.set(header, 0);
  frame.set(payload, header.length);
  lastPayload = payload;
  lastFrame = frame;
  return frame;
}
