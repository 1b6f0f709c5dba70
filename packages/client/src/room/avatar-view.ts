// One avatar in the room view: its body drawn from the figure, its name
// above it and the typing indicator. The body is redrawn only when the
// frame of art changes (direction, posture, a new animation frame), not on
// every display frame.

import { Container, Graphics, Text } from 'pixi.js';

import { avatarShapes, NAME_OFFSET, SIT_DROP, type AvatarPose } from '../avatar/avatar-shapes.ts';
import { drawShapesOnGraphics } from '../avatar/draw-shapes.ts';
import { lookOfFigure, type AvatarLook } from '../avatar/figure-look.ts';

/** Animation frames per leg cycle, and per second for waving and dancing. */
const WALK_FRAMES = 8;
const ACTION_FPS = 12;

/** Half the width and the height of the box that a click on an avatar hits, in pixels. */
export const AVATAR_HIT_HALF_WIDTH = 17;
export const AVATAR_HIT_HEIGHT = 92;

export class AvatarView {
  readonly container: Container;
  readonly #body = new Graphics();
  readonly #name: Text;
  readonly #typing: Container;
  #look: AvatarLook;
  #frameKey = '';
  #nameLift = 0;

  constructor(name: string, figure: string, isSelf: boolean) {
    this.container = new Container({ label: `avatar ${name}` });
    this.#look = lookOfFigure(figure);
    this.#name = new Text({
      text: name,
      style: {
        fontFamily: 'system-ui, sans-serif',
        fontSize: 12,
        fontWeight: '600',
        fill: isSelf ? 0xffe58a : 0xffffff,
        stroke: { color: 0x0b1018, width: 3, join: 'round' },
      },
      resolution: 2,
    });
    this.#name.anchor.set(0.5, 1);
    this.#typing = createTypingIndicator();
    this.#typing.visible = false;
    this.container.addChild(this.#body, this.#name, this.#typing);
  }

  setFigure(figure: string): void {
    this.#look = lookOfFigure(figure);
    this.#frameKey = '';
  }

  setTyping(active: boolean): void {
    this.#typing.visible = active;
  }

  get isTyping(): boolean {
    return this.#typing.visible;
  }

  /** Moves the name label (and the typing indicator) up by `lift` pixels; returns whether it moved. */
  setNameLift(lift: number): boolean {
    if (lift === this.#nameLift) {
      return false;
    }
    this.#nameLift = lift;
    return true;
  }

  /**
   * Draws the avatar for this display frame; `pose.walkPhase` and
   * `pose.timeMs` drive the animation. Returns whether anything changed.
   */
  render(pose: AvatarPose): boolean {
    const walkFrame = pose.walkPhase === null ? -1 : Math.floor(((pose.walkPhase / (Math.PI * 2)) % 1) * WALK_FRAMES);
    const actionFrame = pose.waving || pose.dance > 0 ? Math.floor((pose.timeMs / 1000) * ACTION_FPS) : -1;
    const key = `${pose.bodyDir}:${pose.headDir}:${pose.sitting}:${walkFrame}:${actionFrame}:${pose.dance}:${pose.waving}`;

    const nameY = -NAME_OFFSET - this.#nameLift + (pose.sitting ? SIT_DROP : 0);
    this.#name.position.set(0, nameY);
    this.#typing.position.set(20, nameY - 4);
    if (key === this.#frameKey) {
      return false;
    }
    this.#frameKey = key;

    // Quantised phases, so the drawing matches the key it is cached under.
    const quantised: AvatarPose = {
      ...pose,
      walkPhase: walkFrame < 0 ? null : ((walkFrame + 0.5) / WALK_FRAMES) * Math.PI * 2,
      timeMs: actionFrame < 0 ? 0 : (actionFrame * 1000) / ACTION_FPS,
    };
    this.#body.clear();
    drawShapesOnGraphics(this.#body, avatarShapes(this.#look, quantised));
    return true;
  }

  destroy(): void {
    this.container.destroy({ children: true });
  }
}

function createTypingIndicator(): Container {
  const indicator = new Container({ label: 'typing' });
  const bubble = new Graphics()
    .roundRect(0, -14, 26, 15, 7)
    .fill({ color: 0xffffff })
    .stroke({ width: 1, color: 0x4a5868 })
    .poly([4, 0, 10, 0, 3, 5], true)
    .fill({ color: 0xffffff });
  for (const dotX of [7, 13, 19]) {
    bubble.circle(dotX, -6.5, 1.8).fill({ color: 0x4a5868 });
  }
  indicator.addChild(bubble);
  return indicator;
}
