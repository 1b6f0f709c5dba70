// Avatar art: figure strings to looks and back, and the shapes drawn for
// parts, directions and poses.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { DEFAULT_FIGURE, figurePalette, parseFigure } from '@futura/protocol';

import { avatarShapes, screenFacing, shade, type AvatarPose } from '../../src/avatar/avatar-shapes.ts';
import { figureOfLook, lookOfFigure, randomFigure, withPart } from '../../src/avatar/figure-look.ts';

const standing: AvatarPose = { bodyDir: 3, headDir: 3, sitting: false, walkPhase: null, waving: false, dance: 0, timeMs: 0 };

function fills(figure: string, pose: AvatarPose = standing): Set<number> {
  return new Set(avatarShapes(lookOfFigure(figure), pose).map((shape) => shape.fill));
}

function topOf(figure: string, pose: AvatarPose = standing): number {
  let top = 0;
  for (const shape of avatarShapes(lookOfFigure(figure), pose)) {
    if (shape.kind === 'ellipse') {
      top = Math.min(top, shape.cy - shape.ry);
    } else if (shape.kind === 'rect') {
      top = Math.min(top, shape.y);
    } else {
      for (let index = 1; index < shape.points.length; index += 2) {
        top = Math.min(top, shape.points[index]);
      }
    }
  }
  return top;
}

describe('figure looks', () => {
  test('reads parts with palette colours', () => {
    const look = lookOfFigure('hd-2-3.hr-4-5.ch-3-8.lg-2-13.sh-2-6.ha-1-11');
    assert.deepEqual(look.hd, { style: 2, colourIndex: 3, colour: figurePalette[2] });
    assert.equal(look.ha?.style, 1);
    assert.equal(look.sh?.colour, figurePalette[5]);
  });

  test('missing optional parts are null', () => {
    const look = lookOfFigure('hd-1-1.ch-1-1.lg-1-1');
    assert.equal(look.hr, null);
    assert.equal(look.ha, null);
    assert.equal(look.sh, null);
  });

  test('invalid figure falls back to the default look', () => {
    assert.deepEqual(lookOfFigure('not a figure'), lookOfFigure(DEFAULT_FIGURE));
  });

  test('round-trips through figureOfLook', () => {
    const figure = 'hd-2-3.hr-4-5.ha-1-11.ch-3-8.lg-2-13.sh-2-6';
    assert.equal(figureOfLook(lookOfFigure(figure)), figure);
  });

  test('withPart changes one part and keeps required ones', () => {
    const look = lookOfFigure(DEFAULT_FIGURE);
    assert.equal(withPart(look, 'ha', 2, 8).ha?.style, 2);
    assert.equal(withPart(look, 'hr', null, 1).hr, null);
    assert.equal(withPart(look, 'ch', null, 1).ch, look.ch, 'a shirt cannot be removed');
  });

  test('random figures are valid', () => {
    let seed = 1;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    for (let index = 0; index < 200; index += 1) {
      const figure = randomFigure(random);
      assert.doesNotThrow(() => parseFigure(figure), figure);
    }
  });
});

describe('avatar shapes', () => {
  test('part colours appear in the drawing', () => {
    const colours = fills('hd-1-2.hr-1-14.ch-1-8.lg-1-13.sh-1-10');
    for (const index of [2, 14, 8, 13, 10]) {
      assert.ok(colours.has(figurePalette[index - 1]), `palette colour ${index}`);
    }
  });

  test('a hat adds shapes above the head', () => {
    const bare = 'hd-1-1.ch-1-1.lg-1-1';
    for (const style of [1, 2, 3, 4]) {
      assert.ok(topOf(`${bare}.ha-${style}-8`) < topOf(bare), `hat style ${style}`);
      assert.ok(fills(`${bare}.ha-${style}-8`).has(figurePalette[7]), `hat style ${style} colour`);
    }
  });

  test('every style of every part draws', () => {
    const styleCounts = { hd: 4, hr: 8, ch: 6, lg: 4, sh: 3, ha: 4 } as const;
    for (const [type, styles] of Object.entries(styleCounts)) {
      for (let style = 1; style <= styles; style += 1) {
        const parts: Record<string, string> = { hd: 'hd-1-1', ch: 'ch-1-1', lg: 'lg-1-1' };
        parts[type] = `${type}-${style}-3`;
        const figure = Object.values(parts).join('.');
        for (let dir = 0; dir < 8; dir += 1) {
          const shapes = avatarShapes(lookOfFigure(figure), { ...standing, bodyDir: dir, headDir: dir });
          assert.ok(shapes.length > 10, `${figure} dir ${dir}`);
          for (const shape of shapes) {
            const numbers = shape.kind === 'poly' ? shape.points : Object.values(shape).filter((value) => typeof value === 'number');
            assert.ok(numbers.every((value) => Number.isFinite(value)), `${figure} dir ${dir}: ${shape.kind} has a non-finite number`);
          }
        }
      }
    }
  });

  test('eyes show facing the viewer, not from behind', () => {
    const eye = 0x2b2b2b;
    const figure = 'hd-1-1.ch-1-1.lg-1-1';
    assert.ok(fills(figure, { ...standing, bodyDir: 3, headDir: 3 }).has(eye));
    assert.ok(!fills(figure, { ...standing, bodyDir: 7, headDir: 7 }).has(eye));
  });

  test('sitting lowers the head', () => {
    const figure = 'hd-1-1.ch-1-1.lg-1-1';
    assert.ok(topOf(figure, { ...standing, sitting: true }) > topOf(figure));
  });

  test('waving raises a hand above the shoulders', () => {
    const figure = 'hd-1-1.ch-1-1.lg-1-1';
    const hands = (pose: AvatarPose): number[] =>
      avatarShapes(lookOfFigure(figure), pose)
        .filter((shape) => shape.kind === 'ellipse' && shape.rx === 3.4)
        .map((shape) => (shape.kind === 'ellipse' ? shape.cy : 0));
    assert.ok(Math.min(...hands({ ...standing, waving: true })) < -70);
    assert.ok(Math.min(...hands(standing)) > -50);
  });
});

describe('screenFacing', () => {
  test('maps directions to the screen', () => {
    assert.deepEqual(screenFacing(3), { side: 0, front: 1 });
    assert.deepEqual(screenFacing(7), { side: 0, front: -1 });
    assert.deepEqual(screenFacing(1), { side: 1, front: 0 });
    assert.deepEqual(screenFacing(5), { side: -1, front: 0 });
    assert.equal(screenFacing(2).side, 0.5);
    assert.equal(screenFacing(4).side, -0.5);
  });
});

describe('shade', () => {
  test('scales and clamps channels', () => {
    assert.equal(shade(0x808080, 0.5), 0x404040);
    assert.equal(shade(0x808080, 3), 0xffffff);
  });
});
