import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ClientPool } from '../support/clients.ts';
import { startTestHotel, type TestHotel } from '../support/test-hotel.ts';

let hotel: TestHotel;
let pool: ClientPool;

before(async () => {
  hotel = await startTestHotel();
  pool = new ClientPool(hotel);
});

after(async () => {
  pool.closeAll();
  await hotel.stop();
});

async function scrape(): Promise<Map<string, number>> {
  const response = await fetch(`http://127.0.0.1:${hotel.hotel.httpPort}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);

  const values = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match !== null) {
      values.set(match[1], Number(match[2]));
    }
  }
  return values;
}

test('metrics count connections, rooms and users in rooms', async () => {
  const walker = await pool.user('metric');
  const watcher = await pool.user('metric');
  await walker.enterRoom(1);
  await watcher.enterRoom(1);
  const arrived = watcher.waitFor('unit_status', (message) => message.statuses.some((status) => status.moving));
  walker.walk(2, 2);
  await arrived;

  const values = await scrape();
  assert.equal(values.get('futura_connections'), 2);
  assert.equal(values.get('futura_users_online'), 2);
  assert.equal(values.get('futura_rooms_loaded'), 1);
  assert.equal(values.get('futura_rooms_ticking'), 1);
  assert.equal(values.get('futura_users_in_rooms'), 2);
  assert.ok((values.get('futura_frames_sent_total') ?? 0) > 0);
  assert.ok((values.get('futura_bytes_sent_total') ?? 0) > 0);
  assert.ok((values.get('futura_room_step_duration_seconds_count') ?? 0) > 0);
  assert.ok(values.has('futura_event_loop_delay_seconds{quantile="0.99"}'));
  assert.equal(values.get('futura_outbox_backlog'), 0);
  assert.equal(values.get('futura_outbox_lease_held'), 1);
  assert.ok([...values.keys()].some((name) => name.startsWith('futura_consumer_lag{group="futura-chat-log-hotel-1",topic="futura.chat-messages"')));
});
