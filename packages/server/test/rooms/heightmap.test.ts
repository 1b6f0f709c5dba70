import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ProtocolError, rules } from '@futura/protocol';

import { doorDirection, parseHeightmap, validateDoor } from '../../src/rooms/heightmap.ts';

function squareMap(side: number, tile = '0'): string {
  return Array.from({ length: side }, () => tile.repeat(side)).join('\n');
}

interface GoodHeightmap {
  name: string;
  text: string;
  width: number;
  height: number;
  normalised: string;
  /** [x, y, expected heightAt], NaN for a hole. */
  samples: Array<[number, number, number]>;
}

const goodHeightmaps: GoodHeightmap[] = [
  {
    name: 'smallest flat map',
    text: '00\n00',
    width: 2,
    height: 2,
    normalised: '00\n00',
    samples: [[0, 0, 0], [1, 1, 0]],
  },
  {
    name: 'digits, letters of both cases and holes',
    text: '09a\nZxX\nbyw',
    width: 3,
    height: 3,
    normalised: '09a\nzxx\nbyw',
    samples: [
      [1, 0, 9],
      [2, 0, 10],
      [0, 1, 35],
      [1, 1, NaN],
      [2, 1, NaN],
      [0, 2, 11],
      [1, 2, 34],
      [2, 2, 32],
    ],
  },
  {
    name: 'CRLF line breaks with a trailing one',
    text: '01\r\n23\r\n',
    width: 2,
    height: 2,
    normalised: '01\n23',
    samples: [[1, 0, 1], [0, 1, 2], [1, 1, 3]],
  },
  {
    name: 'CR line breaks',
    text: '01\r23',
    width: 2,
    height: 2,
    normalised: '01\n23',
    samples: [[1, 1, 3]],
  },
  {
    name: 'one trailing newline ignored',
    text: 'x1\n1x\n',
    width: 2,
    height: 2,
    normalised: 'x1\n1x',
    samples: [[0, 0, NaN], [1, 0, 1], [0, 1, 1]],
  },
  {
    name: 'wider than high',
    text: '0123\n4567',
    width: 4,
    height: 2,
    normalised: '0123\n4567',
    samples: [[3, 0, 3], [3, 1, 7]],
  },
  {
    name: 'maximum size 64 x 64',
    text: squareMap(rules.heightmapMaxSide),
    width: 64,
    height: 64,
    normalised: squareMap(rules.heightmapMaxSide),
    samples: [[63, 63, 0]],
  },
];

for (const good of goodHeightmaps) {
  test(`parseHeightmap accepts ${good.name}`, () => {
    const map = parseHeightmap(good.text);

    assert.equal(map.width, good.width);
    assert.equal(map.height, good.height);
    assert.equal(map.text, good.normalised);
    for (const [x, y, expected] of good.samples) {
      assert.equal(map.heightAt(x, y), expected, `heightAt(${x}, ${y})`);
      assert.equal(map.standHeight(x, y), expected, `standHeight(${x}, ${y})`);
      assert.equal(map.isTile(x, y), !Number.isNaN(expected), `isTile(${x}, ${y})`);
    }
  });
}

interface BadHeightmap {
  name: string;
  text: string;
  message: RegExp;
}

const badHeightmaps: BadHeightmap[] = [
  { name: 'empty text', text: '', message: /^The heightmap is empty\.$/ },
  { name: 'a lone newline', text: '\n', message: /^The heightmap is empty\.$/ },
  { name: 'one row', text: '0000', message: /has 1 row; the minimum is 2\./ },
  { name: '65 rows', text: '00\n'.repeat(65), message: /has 65 rows; the maximum is 64\./ },
  { name: '65 columns', text: '0'.repeat(65) + '\n' + '0'.repeat(65), message: /Row 1 is 65 tiles wide; the maximum is 64\./ },
  { name: 'one column', text: '0\n0\n0', message: /Row 1 is 1 tile wide; the minimum is 2\./ },
  { name: 'empty first row', text: '\n00\n00', message: /^Row 1 is empty\.$/ },
  { name: 'short row', text: '000\n000\n00', message: /Row 3 is 2 tiles wide; row 1 is 3\./ },
  { name: 'long row', text: '000\n0000\n000', message: /Row 2 is 4 tiles wide; row 1 is 3\./ },
  { name: 'blank line inside', text: '00\n\n00', message: /Row 2 is empty/ },
  { name: 'two trailing newlines', text: '00\n00\n\n', message: /Row 3 is empty/ },
  { name: 'unknown character', text: '00\n0#', message: /Row 2, column 2 \(tile x 1, y 1\) has the character '#'/ },
  { name: 'trailing space', text: '00 \n000', message: /Row 1, column 3 \(tile x 2, y 0\) has a space/ },
  { name: 'tab', text: '000\n0\t0', message: /Row 2, column 2 \(tile x 1, y 1\) has a tab/ },
  { name: 'minus sign', text: '0-\n00', message: /Row 1, column 2 .*'-'.*not a height \(0-9 or a-z\) or a hole \(x\)/ },
  { name: 'control character', text: '00\n0\u0000', message: /Row 2, column 2 .* U\+0000/ },
  { name: 'character outside ASCII', text: '00\n0\u00e9', message: /Row 2, column 2 .*'\u00e9' \(U\+00E9\)/ },
  { name: 'only holes', text: 'xx\nXx', message: /no tiles/ },
];

for (const bad of badHeightmaps) {
  test(`parseHeightmap rejects ${bad.name}`, () => {
    assert.throws(
      () => parseHeightmap(bad.text),
      (error: unknown) => {
        assert.ok(error instanceof ProtocolError, 'expected a ProtocolError');
        assert.equal(error.code, 'HEIGHTMAP_INVALID');
        assert.match(error.message, bad.message);
        return true;
      },
    );
  });
}

test('heightAt returns NaN outside the map', () => {
  const map = parseHeightmap('12\n34');

  for (const [x, y] of [[-1, 0], [0, -1], [2, 0], [0, 2], [0.5, 0], [0, 1.5], [NaN, 0], [Infinity, 0]]) {
    assert.ok(Number.isNaN(map.heightAt(x, y)), `heightAt(${x}, ${y})`);
    assert.equal(map.isTile(x, y), false, `isTile(${x}, ${y})`);
  }
});

interface BadDoor {
  name: string;
  rows: string[];
  door: [number, number];
  message: RegExp;
}

const badDoors: BadDoor[] = [
  { name: 'outside on the right', rows: ['000', '000'], door: [3, 0], message: /x 3, y 0 is outside the heightmap, which covers x 0-2 and y 0-1/ },
  { name: 'outside above', rows: ['000', '000'], door: [0, -1], message: /outside the heightmap/ },
  { name: 'fractional', rows: ['000', '000'], door: [0.5, 0], message: /outside the heightmap/ },
  { name: 'on a hole', rows: ['x00', '000'], door: [0, 0], message: /x 0, y 0 is on a hole/ },
  { name: 'surrounded by holes', rows: ['0x00', 'xx00'], door: [0, 0], message: /No tile can be reached from the door at x 0, y 0/ },
  { name: 'only diagonal passes two holes', rows: ['0x0', 'x00'], door: [0, 0], message: /No tile can be reached/ },
  { name: 'neighbours too high to climb', rows: ['022', '222'], door: [0, 0], message: /more than 1.5 higher/ },
  { name: 'neighbours too far below', rows: ['400', '000'], door: [0, 0], message: /more than 3 lower/ },
];

for (const bad of badDoors) {
  test(`validateDoor rejects a door ${bad.name}`, () => {
    const map = parseHeightmap(bad.rows.join('\n'));

    assert.throws(
      () => validateDoor(map, bad.door[0], bad.door[1]),
      (error: unknown) => {
        assert.ok(error instanceof ProtocolError, 'expected a ProtocolError');
        assert.equal(error.code, 'ROOM_DOOR_INVALID');
        assert.match(error.message, bad.message);
        return true;
      },
    );
  });
}

const goodDoors: Array<{ name: string; rows: string[]; door: [number, number] }> = [
  { name: 'in the west wall', rows: ['x00', '000', 'x00'], door: [0, 1] },
  { name: 'one step below the floor', rows: ['x11', '011', 'x11'], door: [0, 1] },
  { name: 'three above the floor', rows: ['x00', '300', 'x00'], door: [0, 1] },
  { name: 'with only a diagonal step', rows: ['0x', '00'], door: [1, 1] },
];

for (const good of goodDoors) {
  test(`validateDoor accepts a door ${good.name}`, () => {
    const map = parseHeightmap(good.rows.join('\n'));

    assert.doesNotThrow(() => validateDoor(map, good.door[0], good.door[1]));
  });
}

const doorDirections: Array<{ name: string; rows: string[]; door: [number, number]; expected: number }> = [
  { name: 'door in the west wall faces east', rows: ['x000', '0000', 'x000'], door: [0, 1], expected: 2 },
  { name: 'door in the north wall faces south', rows: ['x0xx', '0000', '0000'], door: [1, 0], expected: 4 },
  { name: 'door in the east wall faces west', rows: ['000x', '0000', '000x'], door: [3, 1], expected: 6 },
  { name: 'door in the south wall faces north', rows: ['000', '000', 'x0x'], door: [1, 2], expected: 0 },
  { name: 'straight preferred over diagonal', rows: ['000', '000', '000'], door: [0, 0], expected: 2 },
  { name: 'longest straight walk wins', rows: ['00000', '0xxxx', '0xxxx', '0xxxx'], door: [0, 1], expected: 4 },
  { name: 'equal walks pick the lowest direction', rows: ['0xx', 'x00', 'x00'], door: [1, 1], expected: 2 },
  { name: 'only diagonal step allowed', rows: ['05', '50'], door: [0, 0], expected: 3 },
];

for (const entry of doorDirections) {
  test(`doorDirection: ${entry.name}`, () => {
    const map = parseHeightmap(entry.rows.join('\n'));

    assert.equal(doorDirection(map, entry.door[0], entry.door[1]), entry.expected);
  });
}

test('doorDirection rejects an isolated door', () => {
  const map = parseHeightmap(['0x', 'xx', 'x0'].join('\n'));

  assert.throws(() => doorDirection(map, 0, 0), { name: 'ProtocolError', code: 'ROOM_DOOR_INVALID' });
});
