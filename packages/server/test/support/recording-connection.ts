// A Connection that records the frames sent to it instead of writing to a
// socket, for tests that drive rooms in-process with a ManualClock.

import { decodeFrameBody, LENGTH_PREFIX_BYTES, type ServerMessage } from '@futura/protocol';
import { pino } from 'pino';

import { Session } from '../../src/session/session.ts';
import { Connection } from '../../src/transport/connection.ts';

export class RecordingConnection extends Connection {
  readonly transport = 'tcp' as const;
  readonly frames: Uint8Array[] = [];
  closedWith: number | null = null;

  readonly remoteAddress = 'test';

  constructor() {
    super(0, { onFrame() {}, onClosed() {} }, { sendQueueLimitBytes: 1 << 20, maxFramesPerSecond: 1000 });
  }

  /** The messages received so far, decoded. */
  messages(): ServerMessage[] {
    return this.frames.map((frame) => decodeFrameBody(frame.subarray(LENGTH_PREFIX_BYTES), 'server').value as ServerMessage);
  }

  protected writeFrame(frame: Uint8Array): void {
    this.frames.push(frame);
  }

  protected queuedBytes(): number {
    return 0;
  }

  protected end(code: number): void {
    this.closedWith = code;
  }

  protected destroy(code: number): void {
    this.closedWith = code;
  }
}

const silent = pino({ level: 'silent' });

let nextUserId = 1000;

/** A logged-in session on a recording connection. */
export function recordingSession(name: string): { session: Session; connection: RecordingConnection } {
  const connection = new RecordingConnection();
  const session = new Session(connection, silent);
  session.user = { id: nextUserId++, name, figure: 'hd-1-1.ch-1-1.lg-1-1', motto: '' };
  connection.authenticated = true;
  return { session, connection };
}
