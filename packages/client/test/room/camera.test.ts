// The camera keeps the player's walking avatar in view, moving as little as it can.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Camera } from '../../src/room/camera.ts';

const margins = { side: 40, top: 100, bottom: 30 };

function wideRoomCamera(): Camera {
  const camera = new Camera();
  camera.setBounds({ minX: -1000, maxX: 1000, minY: -500, maxY: 500 });
  return camera;
}

describe('Camera.keepInView', () => {
  test('point inside the margins moves nothing', () => {
    const camera = wideRoomCamera();
    assert.equal(camera.keepInView({ x: 200, y: 200 }, 400, 400, margins), false);
    assert.deepEqual({ x: camera.x, y: camera.y }, { x: 0, y: 0 });
  });

  test('point past the right edge pans just enough', () => {
    const camera = wideRoomCamera();
    assert.equal(camera.keepInView({ x: 500, y: 200 }, 400, 400, margins), true);
    assert.equal(camera.x + 500, 400 - margins.side);
    assert.equal(camera.y, 0);
  });

  test('point above the top margin pans down', () => {
    const camera = wideRoomCamera();
    camera.keepInView({ x: 200, y: 20 }, 400, 400, margins);
    assert.equal(camera.y + 20, margins.top);
    assert.equal(camera.x, 0);
  });

  test('view smaller than its margins centres the point', () => {
    const camera = wideRoomCamera();
    camera.keepInView({ x: 300, y: 50 }, 60, 100, margins);
    assert.equal(camera.x + 300, 30);
    assert.equal(camera.y + 50, 50);
  });

  test('room bounds still limit the pan', () => {
    const camera = new Camera();
    camera.setBounds({ minX: 0, maxX: 300, minY: 0, maxY: 300 });
    camera.keepInView({ x: 5000, y: 100 }, 400, 400, margins);
    assert.equal(camera.x, 96 - 300, 'the right edge of the room stays 96 px in view');
  });
});
