import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';

import { connect, type FuturaClient } from '@futura/sdk';

import { eventLogModes } from '../support/event-log-modes.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const PASSWORD = 'password123';

async function client(server: ServerProcess, name: string, register: boolean): Promise<FuturaClient> {
  const connection = await connect(`tcp://127.0.0.1:${server.tcpPort}`, { requestTimeoutMs: 20_000 });
  if (register) {
    await connection.register(name, PASSWORD);
  } else {
    await connection.login(name, PASSWORD);
  }
  return connection;
}

async function kill(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

for (const mode of eventLogModes) {
  describe(`crash safety, ${mode.name} event log`, () => {
    const dataDirs: string[] = [];
    const servers: ServerProcess[] = [];
    // Unique names per run, so a shared Kafka broker's older records never match.
    const run = randomUUID().slice(0, 6);

    async function start(dataDir?: string): Promise<ServerProcess> {
      const env = { ...(await mode.env()), FUTURA_INSTANCE_ID: `crash-${run}`, FUTURA_CHAT_FLOOD_LINES: '1000', FUTURA_MAX_FRAMES_PER_SECOND: '10000' };
      const server = await startServerProcess(dataDir === undefined ? env : { ...env, FUTURA_DATA_DIR: dataDir });
      servers.push(server);
      if (!dataDirs.includes(server.dataDir)) {
        dataDirs.push(server.dataDir);
      }
      return server;
    }

    after(async () => {
      for (const server of servers) {
        server.child.kill('SIGKILL');
      }
      for (const dataDir of dataDirs) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    test('SIGKILL during room creations loses no acknowledged room', async () => {
      const first = await start();
      const owners = await Promise.all([0, 1, 2, 3].map((index) => client(first, `own${run}${index}`, true)));

      const acknowledged: number[] = [];
      let killed = false;
      const creations = owners.map(async (owner, index) => {
        for (let room = 0; room < 25 && !killed; room++) {
          try {
            const { roomId } = await owner.createRoom({ name: `Crash ${index}-${room}`, model: 'small' });
            acknowledged.push(roomId);
          } catch {
            return;
          }
        }
      });

      while (acknowledged.length < 30) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      killed = true;
      await kill(first);
      await Promise.all(creations);
      for (const owner of owners) {
        owner.close();
      }

      const second = await start(first.dataDir);
      const stored = new Set<number>();
      for (let index = 0; index < owners.length; index++) {
        const owner = await client(second, `own${run}${index}`, false);
        for (const room of (await owner.navigator('mine')).rooms) {
          stored.add(room.roomId);
        }
        owner.close();
      }

      const lost = acknowledged.filter((roomId) => !stored.has(roomId));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged rooms lost`);
      second.child.kill('SIGTERM');
      await second.exited;
    });

    test('friend request to an offline user survives SIGKILL and arrives once', async () => {
      const first = await start();
      const sender = await client(first, `snd${run}`, true);
      const recipient = await client(first, `rcv${run}`, true);
      recipient.close();
      await recipient.closed;

      const result = await sender.messenger.sendFriendRequest(`rcv${run}`);
      assert.equal(result.accepted, false);
      sender.close();
      await kill(first);

      const second = await start(first.dataDir);
      const senderAgain = await client(second, `snd${run}`, false);
      const back = await connect(`tcp://127.0.0.1:${second.tcpPort}`);
      const lists: number[][] = [];
      let pushes = 0;
      back.on('friend_requests', (message) => lists.push(message.requests.map((request) => request.userId)));
      back.on('friend_request', () => pushes++);
      await back.login(`rcv${run}`, PASSWORD);

      const senderAdded = senderAgain.waitFor('friend_added');
      const recipientAdded = back.waitFor('friend_added');
      await back.messenger.friends();
      assert.deepEqual(lists, [[senderAgain.user!.userId]]);
      assert.equal(pushes, 0);

      await back.messenger.acceptFriendRequest(senderAgain.user!.userId);
      assert.equal((await senderAdded).friend.name, `rcv${run}`);
      assert.equal((await recipientAdded).friend.name, `snd${run}`);
      assert.deepEqual((await senderAgain.messenger.friends()).map((friend) => friend.name), [`rcv${run}`]);
      assert.equal(pushes, 0);
      assert.equal(lists.length, 1);

      senderAgain.close();
      back.close();
      second.child.kill('SIGTERM');
      await second.exited;
    });

    test('100 private messages to an offline friend arrive once each and in order after SIGKILL', async () => {
      const first = await start();
      const sender = await client(first, `pms${run}`, true);
      const recipient = await client(first, `pmr${run}`, true);
      await sender.messenger.sendFriendRequest(`pmr${run}`);
      await recipient.messenger.acceptFriendRequest(sender.user!.userId);
      const recipientId = recipient.user!.userId;
      recipient.close();
      await recipient.closed;

      for (let index = 0; index < 100; index++) {
        await sender.messenger.sendPrivateMessage(recipientId, `note ${index}`);
      }
      sender.close();
      await kill(first);

      const second = await start(first.dataDir);
      const back = await connect(`tcp://127.0.0.1:${second.tcpPort}`);
      const texts: string[] = [];
      back.on('private_message', (message) => texts.push(message.message.text));
      await back.login(`pmr${run}`, PASSWORD);
      await back.messenger.friends();

      assert.equal(texts.length, 100);
      assert.deepEqual(texts, Array.from({ length: 100 }, (_, index) => `note ${index}`));
      back.close();
      second.child.kill('SIGTERM');
      await second.exited;
    });
  });
}
