// Chat bubble stacking: new lines push old ones up, quiet time scrolls the
// stack, and bubbles leave at the top.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { BubbleStack, clampBubbleLeft, rowsAbove } from '../../src/room/bubble-stack.ts';

function rows(stack: BubbleStack<string>): Record<string, number> {
  return Object.fromEntries(stack.bubbles().map((bubble) => [bubble.value, bubble.row]));
}

describe('BubbleStack', () => {
  test('new line takes row 0 and pushes older ones up', () => {
    const stack = new BubbleStack<string>({ maxRows: 10, scrollIntervalMs: 5000 });
    stack.add('first', 0);
    stack.add('second', 100);
    stack.add('third', 200);
    assert.deepEqual(rows(stack), { first: 2, second: 1, third: 0 });
    assert.deepEqual(
      stack.bubbles().map((bubble) => bubble.value),
      ['third', 'second', 'first'],
    );
  });

  test('wrapped line pushes others up by its rows', () => {
    const stack = new BubbleStack<string>({ maxRows: 10, scrollIntervalMs: 5000 });
    stack.add('short', 0);
    stack.add('long', 0, 3);
    assert.deepEqual(rows(stack), { short: 3, long: 0 });
  });

  test('quiet time scrolls one row per interval', () => {
    const stack = new BubbleStack<string>({ maxRows: 10, scrollIntervalMs: 1000 });
    stack.add('line', 0);
    assert.deepEqual(stack.tick(999), []);
    assert.deepEqual(rows(stack), { line: 0 });
    stack.tick(1000);
    assert.deepEqual(rows(stack), { line: 1 });
    stack.tick(3500);
    assert.deepEqual(rows(stack), { line: 3 });
  });

  test('a new line restarts the quiet time', () => {
    const stack = new BubbleStack<string>({ maxRows: 10, scrollIntervalMs: 1000 });
    stack.add('a', 0);
    stack.add('b', 900);
    stack.tick(1800);
    assert.deepEqual(rows(stack), { a: 1, b: 0 });
  });

  test('bubbles leave past the top row', () => {
    const stack = new BubbleStack<string>({ maxRows: 3, scrollIntervalMs: 1000 });
    const first = stack.add('one', 0);
    stack.add('two', 0);
    stack.add('three', 0);
    const fourth = stack.add('four', 0);
    assert.deepEqual(fourth.removed, [first.id]);
    assert.deepEqual(rows(stack), { two: 2, three: 1, four: 0 });

    const removed = stack.tick(3000);
    assert.equal(removed.length, 3);
    assert.deepEqual(stack.bubbles(), []);
  });

  test('shrinking the view drops bubbles that no longer fit', () => {
    const stack = new BubbleStack<string>({ maxRows: 5, scrollIntervalMs: 1000 });
    stack.add('old', 0);
    stack.add('mid', 0);
    stack.add('new', 0);
    const removed = stack.setMaxRows(2);
    assert.equal(removed.length, 1);
    assert.deepEqual(rows(stack), { mid: 1, new: 0 });
  });

  test('removeWhere drops matching bubbles', () => {
    const stack = new BubbleStack<string>({ maxRows: 5, scrollIntervalMs: 1000 });
    stack.add('keep', 0);
    stack.add('drop', 0);
    assert.equal(stack.removeWhere((value) => value === 'drop').length, 1);
    assert.deepEqual(rows(stack), { keep: 1 });
  });
});

describe('clampBubbleLeft', () => {
  test('centres the bubble over its anchor', () => {
    assert.equal(clampBubbleLeft(500, 100, 1280, 6), 450);
  });

  test('keeps the bubble inside the view', () => {
    assert.equal(clampBubbleLeft(10, 100, 1280, 6), 6);
    assert.equal(clampBubbleLeft(1275, 100, 1280, 6), 1174);
  });

  test('wider than the view starts at the margin', () => {
    assert.equal(clampBubbleLeft(200, 500, 320, 6), 6);
  });
});

describe('rowsAbove', () => {
  test('counts rows up to the top of the view', () => {
    assert.equal(rowsAbove(240, 24), 11);
    assert.equal(rowsAbove(10, 24), 1);
  });
});
