// Two hotels, as two processes would run them: one database, one Kafka
// cluster, their own FUTURA_INSTANCE_ID. A room invite reaches each online
// friend once, on whichever hotel the friend is connected to.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import type { FuturaClient } from '@futura/sdk';

import { ClientPool } from '../support/clients.ts';
import { kafkaMode } from '../support/event-log-modes.ts';
import { startTestHotel, type TestHotel } from '../support/test-hotel.ts';

/** Cross-hotel deliveries pass the outbox relay and a Kafka fetch, so they get more time than a request. */
const DELIVERY_TIMEOUT_MS = 15_000;

let dataDir: string;
let hotelA: TestHotel;
let hotelB: TestHotel;
let poolA: ClientPool;
let poolB: ClientPool;

before(async () => {
  const run = randomUUID().slice(0, 8);
  dataDir = mkdtempSync(path.join(tmpdir(), 'futura-two-hotels-'));
  const shared = { ...(await kafkaMode.env()), FUTURA_DATA_DIR: dataDir };
  hotelA = await startTestHotel({ ...shared, FUTURA_INSTANCE_ID: `invites-a-${run}` });
  hotelB = await startTestHotel({ ...shared, FUTURA_INSTANCE_ID: `invites-b-${run}` });
  poolA = new ClientPool(hotelA);
  poolB = new ClientPool(hotelB);
});

after(async () => {
  poolA?.closeAll();
  poolB?.closeAll();
  await hotelA?.stop();
  await hotelB?.stop();
  await kafkaMode.release();
  rmSync(dataDir, { recursive: true, force: true });
});

async function befriend(a: FuturaClient, b: FuturaClient): Promise<void> {
  await a.messenger.sendFriendRequest(b.user!.name);
  await b.messenger.acceptFriendRequest(a.user!.userId);
}

test('invite reaches both hotels once each', async () => {
  // Other runs on the same broker start their user ids at 1 too, and their
  // invites reach users of ours with the same id, so every text carries a token.
  const token = randomUUID().slice(0, 8);
  const host = await poolA.user('ahost');
  const near = await poolA.user('anear');
  const far = await poolB.user('bfar', 'tcp');
  const away = await poolB.user('baway');
  for (const friend of [near, far, away]) {
    await befriend(host, friend);
  }
  const awayName = away.user!.name;
  const awayId = away.user!.userId;
  const wentOffline = host.waitFor('friend_updated', (message) => message.friend.userId === awayId && !message.friend.online, DELIVERY_TIMEOUT_MS);
  away.close();
  await wentOffline;
  await host.enterRoom(2);

  const received = new Map<FuturaClient, string[]>();
  const record = (client: FuturaClient) => {
    received.set(client, []);
    client.on('room_invite', (invite) => {
      if (invite.text.endsWith(token)) {
        received.get(client)!.push(`${invite.fromName} ${invite.roomId} ${invite.text}`);
      }
    });
  };
  record(near);
  record(far);

  // Invites to one friend share the friend's partition, so when the second
  // arrives, any copy of the first would have arrived before it.
  await host.messenger.invite([near.user!.userId, far.user!.userId, far.user!.userId, awayId], `come up ${token}`);
  const followUps = [near, far].map((client) =>
    client.waitFor('room_invite', (invite) => invite.text === `still here ${token}`, DELIVERY_TIMEOUT_MS),
  );
  await host.messenger.invite([near.user!.userId, far.user!.userId], `still here ${token}`);
  await Promise.all(followUps);

  const expected = [`${host.user!.name} 2 come up ${token}`, `${host.user!.name} 2 still here ${token}`];
  assert.deepEqual(received.get(near), expected);
  assert.deepEqual(received.get(far), expected);

  const back = await poolB.connect();
  await back.login(awayName, 'password123');
  record(back);
  const reachedBack = back.waitFor('room_invite', (invite) => invite.text === `welcome back ${token}`, DELIVERY_TIMEOUT_MS);
  await host.messenger.invite([awayId], `welcome back ${token}`);
  await reachedBack;
  assert.deepEqual(received.get(back), [`${host.user!.name} 2 welcome back ${token}`]);
});
