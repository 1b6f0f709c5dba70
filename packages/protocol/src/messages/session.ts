// Session messages: greeting, heartbeat, errors and the close notice.
//
// hello       (server) u16 protocolVersion | string serverName | u32 heartbeatMs | u32 maxClientFrameBytes
// ping        (client) u32 nonce
// pong        (server) u32 nonce
// ok          (server) u32 requestId
// error       (server) u32 requestId | u16 opcode | string code | string message
// disconnect  (server) u16 closeCode | string reason

import { t } from '../codec/field-types.ts';
import { defineMessage } from '../codec/message-definition.ts';

export const hello = defineMessage({
  name: 'hello',
  opcode: 0x8001,
  direction: 'server',
  summary: 'First frame on every connection: the protocol version and the heartbeat a client must keep.',
  fields: {
    protocolVersion: t.u16(),
    serverName: t.string(60),
    heartbeatMs: t.u32(),
    maxClientFrameBytes: t.u32(),
  },
});

export const ping = defineMessage({
  name: 'ping',
  opcode: 0x0001,
  direction: 'client',
  summary: 'Heartbeat; any frame resets the heartbeat timeout, and a ping is answered by a pong with the same nonce.',
  fields: { nonce: t.u32() },
});

export const pong = defineMessage({
  name: 'pong',
  opcode: 0x8002,
  direction: 'server',
  summary: 'Answer to a ping.',
  fields: { nonce: t.u32() },
});

export const ok = defineMessage({
  name: 'ok',
  opcode: 0x8003,
  direction: 'server',
  summary: 'Success of a request that returns no data.',
  fields: { requestId: t.u32() },
});

export const error = defineMessage({
  name: 'error',
  opcode: 0x8004,
  direction: 'server',
  summary: 'A request failed. requestId is 0 for messages that carry none (walk, chat); opcode names the message that failed.',
  fields: {
    requestId: t.u32(),
    opcode: t.u16(),
    code: t.string(40),
    message: t.string(400),
  },
});

export const disconnect = defineMessage({
  name: 'disconnect',
  opcode: 0x8005,
  direction: 'server',
  summary: 'Sent just before the server closes a connection; over WebSocket the close frame carries the same code.',
  fields: {
    closeCode: t.u16(),
    reason: t.string(120),
  },
});
