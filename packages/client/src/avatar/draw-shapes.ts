// Paints avatar shapes (see avatar-shapes.ts) onto a Pixi Graphics for the
// room view, or onto a 2D canvas for the previews in the profile panels.

import type { Graphics } from 'pixi.js';

import type { AvatarShape } from './avatar-shapes.ts';

export function drawShapesOnGraphics(graphics: Graphics, shapes: readonly AvatarShape[]): void {
  for (const shape of shapes) {
    switch (shape.kind) {
      case 'ellipse':
        graphics.ellipse(shape.cx, shape.cy, shape.rx, shape.ry);
        break;
      case 'rect':
        graphics.roundRect(shape.x, shape.y, shape.width, shape.height, shape.radius);
        break;
      case 'poly':
        graphics.poly([...shape.points], true);
        break;
    }
    graphics.fill({ color: shape.fill, alpha: shape.kind === 'ellipse' ? (shape.alpha ?? 1) : 1 });
    if (shape.line !== undefined) {
      graphics.stroke({ width: 1, color: shape.line, alignment: 0.5 });
    }
  }
}

function cssColour(colour: number): string {
  return `#${colour.toString(16).padStart(6, '0')}`;
}

/** Paints the shapes with their feet point at (originX, originY), scaled by `scale`. */
export function drawShapesOnCanvas(context: CanvasRenderingContext2D, shapes: readonly AvatarShape[], originX: number, originY: number, scale: number): void {
  context.save();
  context.translate(originX, originY);
  context.scale(scale, scale);
  context.lineWidth = 1 / Math.max(scale, 1);
  context.lineJoin = 'round';
  for (const shape of shapes) {
    context.beginPath();
    switch (shape.kind) {
      case 'ellipse':
        context.ellipse(shape.cx, shape.cy, shape.rx, shape.ry, 0, 0, Math.PI * 2);
        break;
      case 'rect':
        context.roundRect(shape.x, shape.y, shape.width, shape.height, shape.radius);
        break;
      case 'poly':
        context.moveTo(shape.points[0], shape.points[1]);
        for (let index = 2; index < shape.points.length; index += 2) {
          context.lineTo(shape.points[index], shape.points[index + 1]);
        }
        context.closePath();
        break;
    }
    context.globalAlpha = shape.kind === 'ellipse' ? (shape.alpha ?? 1) : 1;
    context.fillStyle = cssColour(shape.fill);
    context.fill();
    context.globalAlpha = 1;
    if (shape.line !== undefined) {
      context.strokeStyle = cssColour(shape.line);
      context.stroke();
    }
  }
  context.restore();
}
