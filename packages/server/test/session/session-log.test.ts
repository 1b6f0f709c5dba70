import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pino } from 'pino';

import { Session } from '../../src/session/session.ts';
import { RecordingConnection } from '../support/recording-connection.ts';

function loggedLines(level: string): { session: Session; connection: RecordingConnection; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const root = pino({ level, base: { service: 'futura' } }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const connection = new RecordingConnection();
  return { session: new Session(connection, root), connection, lines };
}

test('session log tags lines with connection', () => {
  const { session, connection, lines } = loggedLines('debug');
  session.log.debug('connection closed');

  assert.equal(lines.length, 1);
  assert.equal(lines[0].connId, connection.id);
  assert.equal(lines[0].transport, 'tcp');
  assert.equal(lines[0].service, 'futura');
  assert.equal(lines[0].msg, 'connection closed');
  assert.equal('userId' in lines[0], false);
});

test('session log adds user after login', () => {
  const { session, lines } = loggedLines('info');
  session.user = { id: 42, name: 'alice', figure: '', motto: '' };
  session.log.error({ err: new Error('boom'), roomId: 3 }, 'chat line failed');

  assert.equal(lines[0].userId, 42);
  assert.equal(lines[0].roomId, 3);
  assert.equal((lines[0].err as { message: string }).message, 'boom');
  assert.equal(lines[0].msg, 'chat line failed');
});

test('session log skips disabled levels', () => {
  const { session, lines } = loggedLines('info');
  session.log.debug({ roomId: 1 }, 'entered room');

  assert.equal(lines.length, 0);
  assert.equal(session.log.isLevelEnabled('debug'), false);
});
