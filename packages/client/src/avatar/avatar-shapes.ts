// Futura's avatar art, drawn from plain shapes so that the same list feeds
// the Pixi room view and the 2D canvas previews of the profile panels.
//
// Coordinates are pixels relative to the avatar's feet (the centre of its
// tile); y grows downwards, so the body is at negative y. Directions are the
// protocol's: 0 north (y - 1), clockwise, 2 east (x + 1). On screen, room +x
// runs to the lower right and +y to the lower left, so direction 3 faces the
// viewer straight on and 7 faces away.

import type { AvatarLook, PartLook } from './figure-look.ts';

export type AvatarShape =
  | { readonly kind: 'ellipse'; readonly cx: number; readonly cy: number; readonly rx: number; readonly ry: number; readonly fill: number; readonly alpha?: number; readonly line?: number }
  | { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly radius: number; readonly fill: number; readonly line?: number }
  | { readonly kind: 'poly'; readonly points: readonly number[]; readonly fill: number; readonly line?: number };

/** Pose of the avatar in the frame being drawn. */
export interface AvatarPose {
  readonly bodyDir: number;
  readonly headDir: number;
  readonly sitting: boolean;
  /** Phase of the leg swing in radians while walking, or null when not walking. */
  readonly walkPhase: number | null;
  readonly waving: boolean;
  /** 0 when not dancing, else the dance style 1-4. */
  readonly dance: number;
  /** Animation clock in ms, for waving and dancing. */
  readonly timeMs: number;
}

/** Distance from the feet up to where a name label sits, above any hat, in pixels. */
export const NAME_OFFSET = 104;
/** How far sitting lowers the upper body, in pixels. */
export const SIT_DROP = 20;

const HIP_Y = -32;
const SHOULDER_Y = -58;
const HAND_Y = -36;
const HEAD_Y = -71;
const OUTLINE_DARKEN = 0.55;

const directionVectors: readonly (readonly [number, number])[] = [
  [0, -1],
  [1, -1],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
];

/**
 * Returns how a direction looks on screen. `side` runs from -1 (turned fully
 * to the screen's left) to 1 (right). `front` is 1 when the face is towards
 * the viewer, 0 in profile and -1 when the back is.
 */
export function screenFacing(dir: number): { side: number; front: number } {
  const [dx, dy] = directionVectors[((dir % 8) + 8) % 8];
  return { side: (dx - dy) / 2, front: Math.sign(dx + dy) };
}

/** Returns `colour` (0xRRGGBB) with each channel scaled by `factor`, clamped to 0-255. */
export function shade(colour: number, factor: number): number {
  const channel = (shift: number): number => Math.min(255, Math.max(0, Math.round(((colour >> shift) & 0xff) * factor)));
  return (channel(16) << 16) | (channel(8) << 8) | channel(0);
}

class ShapeList {
  readonly shapes: AvatarShape[] = [];

  ellipse(cx: number, cy: number, rx: number, ry: number, fill: number, outline = true): void {
    this.shapes.push({ kind: 'ellipse', cx, cy, rx, ry, fill, line: outline ? shade(fill, OUTLINE_DARKEN) : undefined });
  }

  rect(x: number, y: number, width: number, height: number, radius: number, fill: number, outline = true): void {
    this.shapes.push({ kind: 'rect', x, y, width, height, radius, fill, line: outline ? shade(fill, OUTLINE_DARKEN) : undefined });
  }

  poly(points: number[], fill: number, outline = true): void {
    this.shapes.push({ kind: 'poly', points, fill, line: outline ? shade(fill, OUTLINE_DARKEN) : undefined });
  }

  /** Adds a limb from (x1, y1) to (x2, y2), `width` pixels wide, as a quad. */
  limb(x1: number, y1: number, x2: number, y2: number, width: number, fill: number): void {
    const length = Math.hypot(x2 - x1, y2 - y1) || 1;
    const nx = (-(y2 - y1) / length) * (width / 2);
    const ny = ((x2 - x1) / length) * (width / 2);
    this.poly([x1 + nx, y1 + ny, x2 + nx, y2 + ny, x2 - nx, y2 - ny, x1 - nx, y1 - ny], fill);
  }

  /** Adds the upper half of an ellipse, as a polygon closed along its flat side. */
  dome(cx: number, cy: number, rx: number, ry: number, fill: number): void {
    const points: number[] = [];
    const segments = 12;
    for (let index = 0; index <= segments; index += 1) {
      const angle = Math.PI + (Math.PI * index) / segments;
      points.push(cx + Math.cos(angle) * rx, cy + Math.sin(angle) * ry);
    }
    this.poly(points, fill);
  }
}

interface Frame {
  readonly look: AvatarLook;
  readonly skin: number;
  readonly side: number;
  readonly front: number;
  /** Body width scale: 1 facing the viewer or away, narrower turned sideways. */
  readonly widthScale: number;
  /** Vertical offset of the upper body: dance bob and sitting. */
  readonly bodyY: number;
  /** Horizontal sway of the upper body while dancing. */
  readonly bodyX: number;
  readonly pose: AvatarPose;
}

/**
 * Returns the shapes of one avatar frame, back to front.
 *
 * @example
 * const shapes = avatarShapes(lookOfFigure(unit.figure), { bodyDir: 3, headDir: 3, sitting: false, walkPhase: null, waving: false, dance: 0, timeMs: 0 });
 */
export function avatarShapes(look: AvatarLook, pose: AvatarPose): AvatarShape[] {
  const { side, front } = screenFacing(pose.bodyDir);
  const skin = look.hd?.colour ?? 0xf5d6b4;
  const danceClock = pose.timeMs / 160;
  const bob = pose.dance === 0 ? 0 : -Math.abs(Math.sin(danceClock)) * (pose.dance === 4 ? 7 : 4);
  const frame: Frame = {
    look,
    skin,
    side,
    front,
    widthScale: Math.abs(side) === 1 ? 0.7 : 1 - Math.abs(side) * 0.2,
    bodyY: (pose.sitting ? SIT_DROP : 0) + bob,
    bodyX: pose.dance === 3 ? Math.sin(danceClock) * 3 : 0,
    pose,
  };

  const list = new ShapeList();
  list.shapes.push({ kind: 'ellipse', cx: 0, cy: 0, rx: 17, ry: 6.5, fill: 0x000000, alpha: 0.25 });

  const farArmFirst = front <= 0;
  // Sitting towards the viewer, the lap and feet are in front of the body.
  const legsInFront = pose.sitting && front > 0;
  if (farArmFirst) {
    drawArms(list, frame);
  }
  if (!legsInFront) {
    drawLegs(list, frame);
  }
  drawHairBehind(list, frame);
  drawTorso(list, frame);
  if (legsInFront) {
    drawLegs(list, frame);
  }
  if (!farArmFirst) {
    drawArms(list, frame);
  }
  drawHead(list, frame);
  drawHair(list, frame);
  drawHat(list, frame);
  return list.shapes;
}

function drawLegs(list: ShapeList, frame: Frame): void {
  const { look, skin, side, front, pose } = frame;
  const trousers = look.lg;
  const profile = front === 0;
  const swing = pose.walkPhase === null ? 0 : Math.sin(pose.walkPhase);
  const hipY = pose.sitting ? HIP_Y + SIT_DROP : HIP_Y + frame.bodyY;
  const spread = profile ? 1.5 : 5 * frame.widthScale;

  for (const leg of [-1, 1]) {
    const hipX = leg * spread + frame.bodyX;
    if (pose.sitting) {
      drawSittingLeg(list, frame, hipX, hipY, leg);
      continue;
    }
    let footX = hipX;
    let footY = -4;
    if (profile) {
      footX += leg * swing * 7 * Math.sign(side);
    } else {
      footX += leg * swing * 3 * side;
      footY -= Math.max(0, leg * swing) * 3;
    }
    drawLeg(list, trousers, skin, hipX, hipY, footX, footY);
    drawFoot(list, look.sh, skin, footX + side * 1.5, footY + 1);
  }

  if (trousers !== null && trousers.style === 3) {
    // Skirt: a trapezoid over the tops of both legs.
    const top = hipY - 4;
    const width = 12 * frame.widthScale;
    const length = pose.sitting ? 11 : 18;
    list.poly([-width + frame.bodyX, top, width + frame.bodyX, top, width + 4 + frame.bodyX, top + length, -width - 4 + frame.bodyX, top + length], trousers.colour);
  }
}

/** Draws a leg of an avatar sitting on the floor: the thigh forward along the facing, the shin down to the foot. */
function drawSittingLeg(list: ShapeList, frame: Frame, hipX: number, hipY: number, leg: number): void {
  const { look, skin, side, front } = frame;
  const colour = look.lg?.colour ?? skin;
  const style = look.lg?.style ?? 1;
  const kneeX = hipX + side * 10 + (front > 0 ? leg * 1.5 : 0);
  const kneeY = hipY + 2 + front * 4;
  const footX = kneeX + side * 3;
  const footY = Math.max(kneeY + 5, -1);
  list.limb(hipX, hipY, kneeX, kneeY, 9, colour);
  list.limb(kneeX, kneeY, footX, footY, 7, style === 2 || style === 3 ? skin : colour);
  drawFoot(list, look.sh, skin, footX + side * 2, footY + 1);
}

function drawLeg(list: ShapeList, trousers: PartLook | null, skin: number, hipX: number, hipY: number, footX: number, footY: number): void {
  const colour = trousers?.colour ?? skin;
  const style = trousers?.style ?? 1;
  const kneeX = (hipX + footX) / 2;
  const kneeY = (hipY + footY) / 2;

  if (style === 2) {
    list.limb(kneeX, kneeY, footX, footY, 6, skin);
    list.limb(hipX, hipY, kneeX, kneeY + 2, 9, colour);
    return;
  }
  if (style === 3) {
    list.limb(hipX, hipY, footX, footY, 6, skin);
    return;
  }
  list.limb(hipX, hipY, footX, footY, 8, colour);
  if (style === 4) {
    list.limb(hipX, hipY + 2, footX, footY - 2, 2, shade(colour, 1.5));
  }
}

function drawFoot(list: ShapeList, shoes: PartLook | null, skin: number, x: number, y: number): void {
  if (shoes === null) {
    list.ellipse(x, y, 4.5, 2.5, skin);
    return;
  }
  switch (shoes.style) {
    case 2: // boots
      list.rect(x - 4.5, y - 11, 9, 11, 2, shoes.colour);
      list.ellipse(x, y, 5.5, 3, shoes.colour);
      return;
    case 3: // sandals
      list.ellipse(x, y, 4.5, 2.5, skin);
      list.rect(x - 4.5, y - 1.5, 9, 1.8, 0.8, shoes.colour, false);
      return;
    default: // trainers
      list.ellipse(x, y, 5.5, 3.2, shoes.colour);
      list.ellipse(x, y + 1.6, 5.5, 1.3, 0xf2f2f2, false);
  }
}

function drawTorso(list: ShapeList, frame: Frame): void {
  const shirt = frame.look.ch;
  const colour = shirt?.colour ?? frame.skin;
  const style = shirt?.style ?? 1;
  const halfWidth = 13 * frame.widthScale;
  const top = SHOULDER_Y - 2 + frame.bodyY;
  const bottom = HIP_Y + 2 + frame.bodyY;
  const x = frame.bodyX;

  // Neck, under the collar.
  list.rect(x - 3.5 + frame.side * 1.5, top - 5, 7, 7, 2, frame.skin, false);

  if (style === 3) {
    // Tank top: narrow at the shoulders.
    list.poly([x - halfWidth + 5, top, x + halfWidth - 5, top, x + halfWidth, top + 8, x + halfWidth, bottom, x - halfWidth, bottom, x - halfWidth, top + 8], colour);
    list.poly([x - halfWidth, top + 2, x - halfWidth + 5, top, x - halfWidth + 5, top + 8, x - halfWidth, top + 8], frame.skin, false);
    list.poly([x + halfWidth, top + 2, x + halfWidth - 5, top, x + halfWidth - 5, top + 8, x + halfWidth, top + 8], frame.skin, false);
  } else {
    list.rect(x - halfWidth, top, halfWidth * 2, bottom - top, 6, colour);
  }

  if (style === 4) {
    for (const stripeY of [top + 7, top + 14, top + 21]) {
      list.rect(x - halfWidth + 1, stripeY, halfWidth * 2 - 2, 3, 1, shade(colour, 0.7), false);
    }
  }
  if (style === 5 && frame.front > 0) {
    const collarX = x + frame.side * 3;
    list.poly([collarX - 6, top, collarX, top + 6, collarX - 1, top + 1], 0xf2f2f2);
    list.poly([collarX + 6, top, collarX, top + 6, collarX + 1, top + 1], 0xf2f2f2);
    list.ellipse(collarX, top + 12, 1.2, 1.2, shade(colour, 0.5), false);
    list.ellipse(collarX, top + 19, 1.2, 1.2, shade(colour, 0.5), false);
  }
  if (style === 6) {
    if (frame.front > 0) {
      list.rect(x - halfWidth * 0.6 + frame.side * 2, bottom - 10, halfWidth * 1.2, 7, 2, shade(colour, 0.8));
    } else {
      list.ellipse(x, top + 2, 10 * frame.widthScale, 6, shade(colour, 0.8));
    }
  }
  // Belt line where the shirt meets the trousers.
  list.rect(x - halfWidth + 1, bottom - 2, halfWidth * 2 - 2, 2, 1, shade(frame.look.lg?.colour ?? colour, 0.6), false);
}

function drawArms(list: ShapeList, frame: Frame): void {
  const { pose, side, front } = frame;
  const shirt = frame.look.ch;
  const sleeveColour = shirt?.colour ?? frame.skin;
  const style = shirt?.style ?? 1;
  const swing = pose.walkPhase === null ? 0 : Math.sin(pose.walkPhase);
  const shoulderY = SHOULDER_Y + frame.bodyY;
  const reach = 13 * frame.widthScale + 3;
  const danceClock = pose.timeMs / 160;

  // In profile only the near arm shows beside the body; the far one is hidden behind it.
  const arms = front === 0 ? [Math.sign(side)] : [-1, 1];
  for (const arm of arms) {
    const shoulderX = frame.bodyX + (front === 0 ? side * 2 : arm * reach);
    let handX = shoulderX + (front === 0 ? -swing * 7 * Math.sign(side) : arm * 1.5);
    let handY = HAND_Y + frame.bodyY + (front === 0 ? 0 : arm * swing * 2);

    // The waving arm is the one on the screen's right (or the near arm in profile).
    const wavingArm = front === 0 ? arm === Math.sign(side) : arm === 1;
    if (pose.waving && wavingArm) {
      handX = shoulderX + arm * 6 + Math.sin(pose.timeMs / 90) * 4;
      handY = shoulderY - 24;
    } else if (pose.dance === 1) {
      const up = Math.sin(danceClock) * arm > 0;
      handX = shoulderX + arm * 5;
      handY = up ? shoulderY - 22 : HAND_Y + frame.bodyY;
    } else if (pose.dance === 2) {
      handX = shoulderX + arm * 3 + Math.sin(danceClock) * 6;
      handY = shoulderY - 22;
    } else if (pose.dance === 3) {
      handX = shoulderX + arm * 12;
      handY = shoulderY + 4 + Math.sin(danceClock + arm) * 6;
    }

    const elbowX = (shoulderX + handX) / 2;
    const elbowY = (shoulderY + handY) / 2;
    if (style === 2 || style === 4 || style === 6) {
      list.limb(shoulderX, shoulderY, handX, handY, 7, sleeveColour);
    } else if (style === 3) {
      list.limb(shoulderX, shoulderY, handX, handY, 6, frame.skin);
    } else {
      list.limb(elbowX, elbowY, handX, handY, 6, frame.skin);
      list.limb(shoulderX, shoulderY, elbowX, elbowY + 1, 8, sleeveColour);
    }
    list.ellipse(handX, handY, 3.4, 3.4, frame.skin);
  }
}

interface HeadBox {
  readonly x: number;
  readonly y: number;
  readonly rx: number;
  readonly ry: number;
  /** Turn of the head on screen, from -1 (left) to 1 (right). */
  readonly side: number;
  readonly front: number;
}

/** Horizontal and vertical radius of the head by head style: round, oval, rounded square, wide. */
const headRadii: Readonly<Record<number, readonly [number, number]>> = { 1: [11, 11], 2: [10, 12.5], 3: [11, 11], 4: [12.5, 10.5] };

function headBox(frame: Frame): HeadBox {
  const { side, front } = screenFacing(frame.pose.headDir);
  const style = frame.look.hd?.style ?? 1;
  const [rx, ry] = headRadii[style] ?? headRadii[1];
  return { x: frame.bodyX + side * 1.5, y: HEAD_Y + frame.bodyY, rx, ry, side, front };
}

function drawHead(list: ShapeList, frame: Frame): void {
  const head = headBox(frame);
  const style = frame.look.hd?.style ?? 1;
  if (style === 3) {
    list.rect(head.x - 11, head.y - 11, 22, 21, 7, frame.skin);
  } else {
    list.ellipse(head.x, head.y, head.rx, head.ry, frame.skin);
  }

  if (head.front < 0) {
    return;
  }
  const eye = 0x2b2b2b;
  if (head.front === 0) {
    const facing = Math.sign(head.side);
    list.ellipse(head.x + facing * (head.rx - 0.5), head.y + 2, 2.2, 2, frame.skin, false);
    list.ellipse(head.x + facing * 6, head.y, 1.5, 2.1, eye, false);
    list.ellipse(head.x + facing * 7, head.y + 6, 1.8, 0.9, shade(frame.skin, 0.6), false);
    return;
  }
  const faceX = head.x + head.side * 3.5;
  list.ellipse(faceX - 4, head.y, 1.6, 2.2, eye, false);
  list.ellipse(faceX + 4, head.y, 1.6, 2.2, eye, false);
  list.ellipse(faceX, head.y + 6, 2.6, 1.1, shade(frame.skin, 0.6), false);
}

/** Hair that hangs behind the head and shoulders, drawn before the torso. */
function drawHairBehind(list: ShapeList, frame: Frame): void {
  const hair = frame.look.hr;
  if (hair === null) {
    return;
  }
  const head = headBox(frame);
  if (hair.style === 3 && head.front >= 0) {
    list.rect(head.x - head.rx - 2, head.y - 6, head.rx * 2 + 4, 24, 6, hair.colour);
  }
  if (hair.style === 8 && head.front > 0) {
    list.ellipse(head.x - head.side * 12, head.y + 4, 4, 9, hair.colour);
  }
}

/** How far hair reaches below the crown from behind, in pixels, by hair style: long (3) and bob (4); others 4. */
const backHairLength: Readonly<Record<number, number>> = { 3: 20, 4: 9 };

function drawHair(list: ShapeList, frame: Frame): void {
  const hair = frame.look.hr;
  if (hair === null) {
    return;
  }
  const head = headBox(frame);
  const colour = hair.colour;
  const back = head.front < 0;

  if (hair.style === 5) {
    // Mohawk: a ridge across the crown, longer when seen from the side.
    const width = head.front === 0 ? 18 : 6;
    list.rect(head.x - width / 2, head.y - head.ry - 6, width, 12, 3, colour);
    return;
  }
  if (hair.style === 7) {
    for (let index = 0; index < 7; index += 1) {
      const angle = Math.PI + (Math.PI * index) / 6;
      list.ellipse(head.x + Math.cos(angle) * head.rx, head.y - 3 + Math.sin(angle) * (head.ry - 1), 4.6, 4.6, colour);
    }
    if (back) {
      list.ellipse(head.x, head.y - 1, head.rx, head.ry - 2, colour);
    }
    return;
  }

  if (back) {
    // From behind, hair covers most of the head.
    const length = backHairLength[hair.style] ?? 4;
    list.rect(head.x - head.rx - 1, head.y - head.ry - 1.5, head.rx * 2 + 2, head.ry + length, head.rx, colour);
  } else {
    list.dome(head.x, head.y - 3, head.rx + 1, head.ry - 1.5, colour);
    // A fringe over the forehead, shifted the way the head turns.
    list.ellipse(head.x + head.side * 4, head.y - 4.5, head.rx * 0.7, 3, colour, false);
  }

  if (hair.style === 2) {
    for (let index = -2; index <= 2; index += 1) {
      const baseX = head.x + index * 4.5;
      const baseY = head.y - head.ry + 2 + Math.abs(index);
      list.poly([baseX - 3, baseY, baseX + 3, baseY, baseX + index, baseY - 8], colour);
    }
  } else if (hair.style === 4 && !back) {
    list.rect(head.x - head.rx - 2, head.y - 4, 5, 13, 2, colour);
    list.rect(head.x + head.rx - 3, head.y - 4, 5, 13, 2, colour);
  } else if (hair.style === 6) {
    list.ellipse(head.x - head.side * 3, head.y - head.ry - 3, 6, 5.5, colour);
  } else if (hair.style === 8 && back) {
    list.ellipse(head.x, head.y + 6, 4, 9, colour);
  }
}

function drawHat(list: ShapeList, frame: Frame): void {
  const hat = frame.look.ha;
  if (hat === null) {
    return;
  }
  const head = headBox(frame);
  const colour = hat.colour;
  const crownY = head.y - head.ry + 3;

  switch (hat.style) {
    case 1: {
      // Cap with a peak that points where the head faces.
      list.dome(head.x, crownY + 4, head.rx + 1.5, 9, colour);
      if (head.front >= 0) {
        const peakX = head.x + head.side * (head.front === 0 ? 10 : 5);
        list.ellipse(peakX, crownY + 4, head.front === 0 ? 7 : 10, 2.6, shade(colour, 0.85));
      }
      return;
    }
    case 2: {
      // Top hat.
      list.ellipse(head.x, crownY, 15, 3.6, shade(colour, 0.85));
      list.rect(head.x - 9, crownY - 19, 18, 19, 2, colour);
      list.rect(head.x - 9, crownY - 5, 18, 3, 0, shade(colour, 0.6), false);
      return;
    }
    case 3: {
      // Beanie with a bobble.
      list.dome(head.x, crownY + 5, head.rx + 1.5, 11, colour);
      list.rect(head.x - head.rx - 1.5, crownY + 2, head.rx * 2 + 3, 5, 2, shade(colour, 0.8));
      list.ellipse(head.x, crownY - 7, 3.6, 3.6, shade(colour, 1.3));
      return;
    }
    default: {
      // Crown.
      const left = head.x - 10;
      list.poly([left, crownY + 2, left, crownY - 9, left + 5, crownY - 3, left + 10, crownY - 12, left + 15, crownY - 3, left + 20, crownY - 9, left + 20, crownY + 2], colour);
      list.ellipse(head.x, crownY - 2, 2, 2, 0xd63c3c, false);
    }
  }
}
