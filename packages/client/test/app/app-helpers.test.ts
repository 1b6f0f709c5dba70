// Small helpers of the app shell: the WebSocket URL, the step override,
// error text for people, storage fallbacks and the camera.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ConnectionClosedError, FuturaError, RequestTimeoutError } from '@futura/sdk';

import { describeError, errorCode } from '../../src/app/error-text.ts';
import { MemoryStore, WebStorageStore } from '../../src/app/key-value-store.ts';
import { stepOverrideFrom, webSocketUrlFor } from '../../src/app/server-url.ts';
import { Camera } from '../../src/room/camera.ts';

function serverError(code: string, message = 'server text'): FuturaError {
  return new FuturaError({ type: 'error', requestId: 1, opcode: 0x0102, code, message });
}

describe('webSocketUrlFor', () => {
  test('uses the page host and scheme', () => {
    assert.equal(webSocketUrlFor({ protocol: 'http:', host: 'localhost:8080' }), 'ws://localhost:8080/ws');
    assert.equal(webSocketUrlFor({ protocol: 'https:', host: 'hotel.example' }), 'wss://hotel.example/ws');
  });
});

describe('stepOverrideFrom', () => {
  test('reads a step within range', () => {
    assert.equal(stepOverrideFrom('?stepMs=250'), 250);
    assert.equal(stepOverrideFrom(''), undefined);
    assert.equal(stepOverrideFrom('?stepMs=5'), undefined);
    assert.equal(stepOverrideFrom('?stepMs=abc'), undefined);
  });
});

describe('describeError', () => {
  test('gives each login failure its own text', () => {
    const texts = ['NAME_TAKEN', 'LOGIN_FAILED', 'LOGIN_THROTTLED'].map((code) => describeError(serverError(code)));
    assert.match(texts[0], /taken/);
    assert.match(texts[1], /Wrong name or password/);
    assert.match(texts[2], /Too many failed logins/);
    assert.equal(new Set(texts).size, 3);
  });

  test('keeps the server message for codes without a text', () => {
    assert.equal(describeError(serverError('NAME_INVALID', 'Names may not contain "#".')), 'Names may not contain "#".');
  });

  test('describes connection and timeout failures', () => {
    assert.match(describeError(new ConnectionClosedError({ code: 1006, reason: '' }, 'No response')), /connection/);
    assert.match(describeError(new RequestTimeoutError('login', 3, 15000)), /did not answer/);
  });

  test('errorCode reads only server errors', () => {
    assert.equal(errorCode(serverError('ROOM_FULL')), 'ROOM_FULL');
    assert.equal(errorCode(new Error('x')), null);
  });
});

describe('WebStorageStore', () => {
  test('falls back to memory when storage throws', () => {
    const broken = {
      getItem(): string | null {
        throw new Error('denied');
      },
      setItem(): void {
        throw new Error('denied');
      },
      removeItem(): void {
        throw new Error('denied');
      },
    };
    const store = new WebStorageStore(broken);
    store.set('token', 'abc');
    assert.equal(store.get('token'), 'abc');
    store.remove('token');
    assert.equal(store.get('token'), null);
  });

  test('MemoryStore keeps values', () => {
    const store = new MemoryStore();
    store.set('a', '1');
    assert.equal(store.get('a'), '1');
    assert.equal(store.get('b'), null);
  });
});

describe('Camera', () => {
  const bounds = { minX: -100, minY: -50, maxX: 100, maxY: 150 };

  test('centres a room that fits', () => {
    const camera = new Camera();
    camera.setBounds(bounds);
    camera.centre(800, 600, { x: 90, y: 140 });
    assert.equal(camera.x, 400);
    assert.equal(camera.y, 250);
  });

  test('centres a large room on the focus point', () => {
    const camera = new Camera();
    camera.setBounds({ minX: -2000, minY: 0, maxX: 2000, maxY: 2000 });
    camera.centre(800, 600, { x: 500, y: 700 });
    assert.equal(camera.x, -100);
    assert.equal(camera.y, -400);
  });

  test('panning keeps part of the room in view', () => {
    const camera = new Camera();
    camera.setBounds(bounds);
    camera.centre(800, 600, null);
    camera.panBy(10_000, 10_000, 800, 600);
    assert.ok(camera.x + bounds.minX < 800, 'the left edge stays on screen');
    assert.ok(camera.y + bounds.minY < 600, 'the top edge stays on screen');
    assert.deepEqual(camera.toWorld(camera.x, camera.y), { x: 0, y: 0 });
  });
});
