import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CLOUD_EVENT_CONTENT_TYPE, InvalidCloudEventError, cloudEventRecord, createCloudEvent, parseCloudEvent } from '../src/index.ts';

const validEvent = {
  specversion: '1.0',
  id: '5b0c4e0e-4d5b-4f8e-9b7a-0c9d8e7f6a5b',
  source: '/futura/hotel',
  type: 'futura.room.created',
  time: '2026-01-02T03:04:05.678Z',
  subject: 'room-42',
  datacontenttype: 'application/json',
  data: { roomId: 42, name: 'Lobby' },
};

describe('CloudEvents', () => {
  it('createCloudEvent fills id, time and version', () => {
    const event = createCloudEvent({ source: '/futura/hotel', type: 'futura.room.created', subject: 'room-42', data: { roomId: 42 } });
    assert.equal(event.specversion, '1.0');
    assert.match(event.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(Math.abs(Date.parse(event.time) - Date.now()) < 5_000, 'time is now');
    assert.equal(event.datacontenttype, 'application/json');
    assert.deepEqual(event.data, { roomId: 42 });
  });

  it('createCloudEvent keeps a given id and time', () => {
    const event = createCloudEvent({ id: 'event-1', time: new Date(Date.UTC(2026, 0, 2)), source: '/s', type: 't', subject: 'x', data: null });
    assert.equal(event.id, 'event-1');
    assert.equal(event.time, '2026-01-02T00:00:00.000Z');
  });

  it('parse returns a valid event unchanged', () => {
    assert.deepEqual(parseCloudEvent(JSON.stringify(validEvent)), validEvent);
  });

  it('record round-trips through JSON', () => {
    const event = createCloudEvent({ source: '/futura/hotel', type: 'futura.chat.talked', subject: 'room-1', data: { text: 'hi' } });
    const record = cloudEventRecord('futura.chat-messages', 'room-1', event);
    assert.equal(record.topic, 'futura.chat-messages');
    assert.equal(record.key, 'room-1');
    assert.equal(record.headers?.['content-type'], CLOUD_EVENT_CONTENT_TYPE);
    assert.deepEqual(parseCloudEvent(record.value), event);
  });

  const invalid: [string, unknown, RegExp][] = [
    ['not JSON', '{"specversion":', /not JSON/],
    ['an array', '[]', /expected a JSON object/],
    ['wrong specversion', { ...validEvent, specversion: '0.3' }, /specversion must be "1.0"/],
    ['missing id', { ...validEvent, id: undefined }, /id must be a non-empty string/],
    ['empty source', { ...validEvent, source: '' }, /source must be a non-empty string/],
    ['numeric type', { ...validEvent, type: 7 }, /type must be a non-empty string/],
    ['missing subject', { ...validEvent, subject: undefined }, /subject must be a non-empty string/],
    ['time without zone', { ...validEvent, time: '2026-01-02T03:04:05' }, /time must be an RFC 3339 timestamp/],
    ['impossible time', { ...validEvent, time: '2026-13-45T03:04:05Z' }, /time must be an RFC 3339 timestamp/],
    ['other content type', { ...validEvent, datacontenttype: 'text/plain' }, /datacontenttype must be "application\/json"/],
    ['missing data', { ...validEvent, data: undefined }, /data is missing/],
  ];
  for (const [name, input, message] of invalid) {
    it(`parse rejects ${name}`, () => {
      const json = typeof input === 'string' ? input : JSON.stringify(input);
      assert.throws(() => parseCloudEvent(json), (error: unknown) => error instanceof InvalidCloudEventError && message.test(error.message));
    });
  }
});
