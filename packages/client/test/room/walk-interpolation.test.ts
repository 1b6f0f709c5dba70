// Walking between the server's steps: positions along a step, catching up
// with early or late frames, stopping, and measuring the step duration.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { DEFAULT_STEP_MS, positionAt, progressAt, StepDurationEstimator, UnitMotion, type StepStatus } from '../../src/room/walk-interpolation.ts';

function status(fields: Partial<StepStatus>): StepStatus {
  return { x: 0, y: 0, z: 0, moving: false, moveX: 0, moveY: 0, moveZ: 0, bodyDir: 2, headDir: 2, ...fields };
}

function near(actual: number, expected: number, message?: string): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${message ?? ''} expected ${expected}, got ${actual}`);
}

describe('positionAt', () => {
  const segment = { from: { x: 2, y: 3, z: 0 }, to: { x: 3, y: 3, z: 1 }, startMs: 1000, durationMs: 500 };

  test('interpolates linearly in time', () => {
    near(positionAt(segment, 1000).x, 2);
    near(positionAt(segment, 1250).x, 2.5);
    near(positionAt(segment, 1250).z, 0.5);
    near(positionAt(segment, 1500).x, 3);
  });

  test('holds at both ends', () => {
    assert.deepEqual(positionAt(segment, 0), segment.from);
    assert.deepEqual(positionAt(segment, 9000), segment.to);
    assert.equal(progressAt(segment, 900), 0);
    assert.equal(progressAt(segment, 1600), 1);
  });

  test('zero duration is already done', () => {
    assert.equal(progressAt({ ...segment, durationMs: 0 }, 1000), 1);
  });
});

describe('UnitMotion', () => {
  test('standing unit stays on its tile', () => {
    const motion = new UnitMotion(status({ x: 4, y: 5, z: 200 }), 0, 500);
    assert.deepEqual(motion.positionAt(10_000), { x: 4, y: 5, z: 2 });
    assert.equal(motion.isWalking(100), false);
  });

  test('step glides from start to target over the step', () => {
    const motion = new UnitMotion(status({ x: 1, y: 1 }), 0, 500);
    motion.update(status({ x: 1, y: 1, moving: true, moveX: 2, moveY: 1, bodyDir: 2 }), 1000, 500);
    near(motion.positionAt(1000).x, 1);
    near(motion.positionAt(1100).x, 1.2);
    near(motion.positionAt(1250).x, 1.5);
    near(motion.positionAt(1500).x, 2);
    assert.equal(motion.isWalking(1250), true);
    assert.equal(motion.isWalking(1500), false);
    assert.equal(motion.bodyDir, 2);
  });

  test('heights interpolate on stairs', () => {
    const motion = new UnitMotion(status({ x: 1, y: 6, z: 100 }), 0, 500);
    motion.update(status({ x: 1, y: 6, z: 100, moving: true, moveX: 1, moveY: 5, moveZ: 200, bodyDir: 0 }), 0, 500);
    near(motion.positionAt(250).z, 1.5);
    near(motion.positionAt(250).y, 5.5);
  });

  test('consecutive steps chain without jumps', () => {
    const motion = new UnitMotion(status({ x: 0, y: 0 }), 0, 500);
    motion.update(status({ x: 0, y: 0, moving: true, moveX: 1, moveY: 0 }), 0, 500);
    motion.update(status({ x: 1, y: 0, moving: true, moveX: 2, moveY: 0 }), 500, 500);
    near(motion.positionAt(500).x, 1);
    near(motion.positionAt(750).x, 1.5);
  });

  test('early frame continues from the drawn position', () => {
    const motion = new UnitMotion(status({ x: 0, y: 0 }), 0, 500);
    motion.update(status({ x: 0, y: 0, moving: true, moveX: 1, moveY: 0 }), 0, 500);
    // The next step's frame arrives 100 ms early, while the unit is drawn at x = 0.8.
    motion.update(status({ x: 1, y: 0, moving: true, moveX: 2, moveY: 0 }), 400, 500);
    near(motion.positionAt(400).x, 0.8, 'no jump forward to the start tile');
    near(motion.positionAt(900).x, 2);
  });

  test('frame far from the drawn position snaps to its start tile', () => {
    const motion = new UnitMotion(status({ x: 0, y: 0 }), 0, 500);
    motion.update(status({ x: 5, y: 5, moving: true, moveX: 6, moveY: 5 }), 100, 500);
    assert.deepEqual(motion.positionAt(100), { x: 5, y: 5, z: 0 });
  });

  test('stop frame lets the glide finish on time', () => {
    const motion = new UnitMotion(status({ x: 0, y: 0 }), 0, 500);
    motion.update(status({ x: 0, y: 0, moving: true, moveX: 1, moveY: 0 }), 0, 500);
    motion.update(status({ x: 1, y: 0, moving: false }), 450, 500);
    near(motion.positionAt(450).x, 0.9);
    near(motion.positionAt(500).x, 1);
  });

  test('status on another tile places the unit there', () => {
    const motion = new UnitMotion(status({ x: 0, y: 0 }), 0, 500);
    motion.update(status({ x: 7, y: 3, z: 100 }), 100, 500);
    assert.deepEqual(motion.positionAt(100), { x: 7, y: 3, z: 1 });
  });

  test('moving snapshot starts mid-walk', () => {
    const motion = new UnitMotion(status({ x: 2, y: 2, moving: true, moveX: 2, moveY: 3, bodyDir: 4 }), 0, 500);
    near(motion.positionAt(250).y, 2.5);
    assert.equal(motion.bodyDir, 4);
  });
});

describe('StepDurationEstimator', () => {
  test('starts at the default step', () => {
    assert.equal(new StepDurationEstimator().durationMs, DEFAULT_STEP_MS);
    assert.equal(new StepDurationEstimator({ initialMs: 120 }).durationMs, 120);
  });

  test('measures intervals between moving frames', () => {
    const steps = new StepDurationEstimator();
    for (const time of [0, 50, 100, 150, 200]) {
      steps.observe(time, true);
    }
    assert.equal(steps.durationMs, 50);
  });

  test('median ignores one late frame', () => {
    const steps = new StepDurationEstimator();
    for (const time of [0, 300, 600, 1100, 1200, 1500]) {
      steps.observe(time, true);
    }
    assert.equal(steps.durationMs, 300);
  });

  test('quiet gaps do not count as steps', () => {
    const steps = new StepDurationEstimator();
    steps.observe(0, true);
    steps.observe(250, false); // the unit stopped: one step
    steps.observe(5000, true); // a new walk long after
    steps.observe(5250, true);
    assert.equal(steps.durationMs, 250);
  });

  test('rejects intervals outside the allowed range', () => {
    const steps = new StepDurationEstimator({ minMs: 10, maxMs: 1000 });
    steps.observe(0, true);
    steps.observe(2, true);
    steps.observe(3000, true);
    assert.equal(steps.durationMs, DEFAULT_STEP_MS);
  });
});
