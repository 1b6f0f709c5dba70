// A still picture of an avatar, drawn on a 2D canvas from the same shapes as
// the room view.

import { useEffect, useRef } from 'react';

import { avatarShapes } from './avatar-shapes.ts';
import { drawShapesOnCanvas } from './draw-shapes.ts';
import { lookOfFigure } from './figure-look.ts';

export function AvatarPreview({ figure, size = 120, direction = 3, label }: { figure: string; size?: number; direction?: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (element === null || context === null || context === undefined) {
      return;
    }
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(size * ratio);
    element.height = Math.round(size * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, size, size);
    const scale = size / 120;
    const shapes = avatarShapes(lookOfFigure(figure), {
      bodyDir: direction,
      headDir: direction,
      sitting: false,
      walkPhase: null,
      waving: false,
      dance: 0,
      timeMs: 0,
    });
    drawShapesOnCanvas(context, shapes, size / 2, size - 12 * scale, scale);
  }, [figure, size, direction]);

  return <canvas ref={canvas} className="avatar-preview" style={{ width: size, height: size }} role="img" aria-label={label} />;
}
