import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connect } from '../src/index.ts';
import { FakeServer, transportKinds } from './fake-server.ts';

for (const kind of transportKinds) {
  test(`ping on heartbeat over ${kind}`, { timeout: 5000 }, async (t) => {
    // heartbeatMs 300 means a ping every 100 ms.
    const server = await FakeServer.start({ hello: { heartbeatMs: 300 } });
    t.after(() => server.close());
    const client = await connect(server.url(kind));
    t.after(() => client.close());
    const connection = await server.nextConnection();

    const pong = client.waitFor('pong');
    const first = await connection.nextMessage('ping');
    connection.send('pong', { nonce: first.nonce });
    await pong;

    assert.equal(first.nonce, 1);
    assert.equal(typeof client.latencyMs, 'number');
    assert.ok(client.latencyMs! >= 0);

    const second = await connection.nextMessage('ping');
    assert.equal(second.nonce, 2);
  });
}
