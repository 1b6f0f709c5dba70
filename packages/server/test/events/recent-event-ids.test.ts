import assert from 'node:assert/strict';
import { test } from 'node:test';

import { RecentEventIds } from '../../src/events/recent-event-ids.ts';

test('repeated recent id is rejected', () => {
  const recent = new RecentEventIds(3);
  assert.equal(recent.firstSighting('a'), true);
  assert.equal(recent.firstSighting('b'), true);
  assert.equal(recent.firstSighting('a'), false);
});

test('oldest id is forgotten when full', () => {
  const recent = new RecentEventIds(2);
  recent.firstSighting('a');
  recent.firstSighting('b');
  recent.firstSighting('c');
  assert.equal(recent.firstSighting('b'), false);
  assert.equal(recent.firstSighting('a'), true);
});
