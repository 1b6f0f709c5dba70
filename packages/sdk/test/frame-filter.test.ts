import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeFrameBody, messages } from '@futura/protocol';
import { connectWithFrameFilter, frameOpcode } from '../src/index.ts';
import { FakeServer, transportKinds } from './fake-server.ts';

const testOptions = { timeout: 5000 };
const chatOpcode = messages.chat_message.opcode;

describe('connectWithFrameFilter', () => {
  let server: FakeServer;

  before(async () => {
    server = await FakeServer.start();
  });

  after(() => server.close());

  for (const kind of transportKinds) {
    test(`filter consumes chosen frames over ${kind}`, testOptions, async (t) => {
      const consumedTexts: string[] = [];
      const client = await connectWithFrameFilter(server.url(kind), {
        frameFilter(body) {
          if (frameOpcode(body) !== chatOpcode) {
            return false;
          }
          consumedTexts.push(String(decodeFrameBody(body, 'server').value.text));
          return true;
        },
      });
      t.after(() => client.close());
      const connection = await server.nextConnection();

      const emitted: string[] = [];
      client.on('chat_message', (message) => emitted.push(message.text));
      const muted = client.waitFor('chat_muted');
      connection.send('chat_message', { unitId: 1, kind: 0, text: 'first', targetUnitId: 0 });
      connection.send('chat_message', { unitId: 1, kind: 0, text: 'second', targetUnitId: 0 });
      connection.send('chat_muted', { untilMs: 1, seconds: 1 });
      await muted;

      assert.deepEqual(consumedTexts, ['first', 'second']);
      assert.deepEqual(emitted, []);
      assert.equal(client.hello.serverName, 'fake');
    });

    test(`requests still settle over ${kind}`, testOptions, async (t) => {
      const client = await connectWithFrameFilter(server.url(kind), { frameFilter: () => false });
      t.after(() => client.close());
      const connection = await server.nextConnection();

      const response = client.listModels();
      const request = await connection.nextMessage('list_models');
      connection.send('models', { requestId: request.requestId, models: [] });
      assert.deepEqual((await response).models, []);
    });
  }

  test('frameOpcode reads the first two bytes', () => {
    assert.equal(frameOpcode(Uint8Array.of(0x85, 0x01, 0, 0)), 0x8501);
    assert.equal(frameOpcode(Uint8Array.of(0x85)), -1);
  });

  test('unsupported URL rejects', async () => {
    await assert.rejects(connectWithFrameFilter('http://127.0.0.1:1/ws', { frameFilter: () => false }), /Unsupported scheme "http:"/);
  });
});
