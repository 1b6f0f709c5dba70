import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ConfigError, loadConfig } from '../../src/config/config.ts';

test('defaults serve 8080 and 8081 with data in ./data', () => {
  const config = loadConfig({}, '/srv/hotel');
  assert.equal(config.httpPort, 8080);
  assert.equal(config.tcpPort, 8081);
  assert.equal(config.dataDir, '/srv/hotel/data');
  assert.equal(config.roomStepMs, 500);
});

const invalid: [string, string][] = [
  ['FUTURA_HTTP_PORT', 'eighty'],
  ['FUTURA_HTTP_PORT', '70000'],
  ['FUTURA_TCP_PORT', '-1'],
  ['FUTURA_TCP_PORT', '80.5'],
  ['FUTURA_DATA_DIR', '   '],
  ['FUTURA_LOG_LEVEL', 'loud'],
  ['FUTURA_ROOM_STEP_MS', '0'],
  ['FUTURA_HEARTBEAT_TIMEOUT_MS', '1'],
  ['FUTURA_SEND_QUEUE_BYTES', '10'],
];

for (const [setting, value] of invalid) {
  test(`invalid ${setting}=${JSON.stringify(value)} names the setting`, () => {
    assert.throws(
      () => loadConfig({ [setting]: value }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.setting, setting);
        assert.match(error.message, new RegExp(`^${setting}: `));
        return true;
      },
    );
  });
}
