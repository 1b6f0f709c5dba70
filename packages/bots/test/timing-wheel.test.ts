import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TimingWheel } from '../src/timing-wheel.ts';

function recordingWheel(slotMs: number, slots: number): { wheel: TimingWheel; ran: [number, number][]; clock: { now: number } } {
  const clock = { now: 0 };
  const ran: [number, number][] = [];
  const wheel = new TimingWheel(slotMs, slots, (action) => ran.push([action, clock.now]));
  return { wheel, ran, clock };
}

function advanceTo(wheel: TimingWheel, clock: { now: number }, until: number, stepMs: number): void {
  while (clock.now < until) {
    clock.now += stepMs;
    wheel.advance(clock.now);
  }
}

test('actions run in due order and never early', () => {
  const { wheel, ran, clock } = recordingWheel(10, 64);
  wheel.advance(0);
  const dues = [55, 5, 300, 120, 121, 12];
  dues.forEach((due, action) => wheel.schedule(action, due));
  advanceTo(wheel, clock, 400, 10);

  assert.deepEqual(
    ran.map(([action]) => action),
    [1, 5, 0, 3, 4, 2],
  );
  for (const [action, at] of ran) {
    assert.ok(at >= dues[action], `action ${action} ran at ${at}, before ${dues[action]}`);
    assert.ok(at < dues[action] + 20, `action ${action} ran at ${at}, more than a slot after ${dues[action]}`);
  }
  assert.equal(wheel.size, 0);
});

test('actions beyond one turn wait for their turn', () => {
  const { wheel, ran, clock } = recordingWheel(10, 8);
  wheel.advance(0);
  // One turn is 80 ms; 250 ms lands in the same slot as 10 ms on later turns.
  wheel.schedule(1, 250);
  wheel.schedule(2, 10);
  advanceTo(wheel, clock, 240, 10);
  assert.deepEqual(ran.map(([action]) => action), [2]);
  advanceTo(wheel, clock, 260, 10);
  assert.deepEqual(ran.map(([action]) => action), [2, 1]);
});

test('an action scheduled for the past runs at the next advance', () => {
  const { wheel, ran, clock } = recordingWheel(10, 16);
  wheel.advance(100);
  clock.now = 100;
  wheel.schedule(7, 20);
  advanceTo(wheel, clock, 110, 10);
  assert.deepEqual(ran, [[7, 110]]);
});

test('actions may reschedule themselves while running', () => {
  const clock = { now: 0 };
  let runs = 0;
  const wheel: TimingWheel = new TimingWheel(10, 16, (action) => {
    runs += 1;
    if (runs < 5) {
      wheel.schedule(action, clock.now + 30);
    }
  });
  wheel.advance(0);
  wheel.schedule(1, 30);
  advanceTo(wheel, clock, 1000, 10);
  assert.equal(runs, 5);
  assert.equal(wheel.size, 0);
});

test('a late advance catches up and runs every due action', () => {
  const { wheel, ran, clock } = recordingWheel(10, 32);
  wheel.advance(0);
  for (let action = 0; action < 20; action++) {
    wheel.schedule(action, action * 10);
  }
  clock.now = 250;
  wheel.advance(clock.now);
  assert.equal(ran.length, 20);
  assert.deepEqual(ran.map(([action]) => action), [...Array(20).keys()]);
});

test('clear drops queued actions', () => {
  const { wheel, ran, clock } = recordingWheel(10, 16);
  wheel.advance(0);
  wheel.schedule(1, 50);
  wheel.clear();
  advanceTo(wheel, clock, 200, 10);
  assert.deepEqual(ran, []);
  assert.equal(wheel.size, 0);
});

test('invalid wheels are rejected', () => {
  assert.throws(() => new TimingWheel(0, 16, () => {}), RangeError);
  assert.throws(() => new TimingWheel(10, 1, () => {}), RangeError);
});
