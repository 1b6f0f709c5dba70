// Chat bubbles over the room view, stacked by bubble-stack.ts. A bubble
// stays over the x where its speaker stood when they spoke, follows the
// camera sideways, and eases towards its row as the stack moves up.

import { Container, Graphics, Text, type TextStyleOptions } from 'pixi.js';

import { BubbleStack, clampBubbleLeft, rowsAbove } from './bubble-stack.ts';

export type ChatKind = 'talk' | 'shout' | 'whisper';

export interface ChatBubbleContent {
  readonly unitId: number;
  readonly speaker: string;
  readonly kind: ChatKind;
  readonly text: string;
  /** For a whisper: the other party's name, shown as "to NAME" on the sender's side. */
  readonly whisperTo: string | null;
}

interface BubbleView {
  readonly container: Container;
  readonly width: number;
  readonly height: number;
  readonly anchorWorldX: number;
  displayY: number | null;
}

const ROW_HEIGHT = 24;
const LINE_HEIGHT = 16;
const PADDING_X = 8;
const MARGIN = 6;
const MAX_WIDTH = 460;
/** Quiet time after which the stack moves up one row, in ms. */
const SCROLL_INTERVAL_MS = 5000;
/** Time constant of the easing towards a bubble's row, in ms. */
const EASE_MS = 90;

const bubbleColours: Record<ChatKind, { fill: number; line: number; lineWidth: number }> = {
  talk: { fill: 0xffffff, line: 0x2c3a4a, lineWidth: 1 },
  shout: { fill: 0xffffff, line: 0x10161f, lineWidth: 2.5 },
  whisper: { fill: 0xe6e0f8, line: 0x6a5aa8, lineWidth: 1 },
};

export class BubbleLayer {
  readonly container = new Container({ label: 'bubbles' });
  readonly #stack = new BubbleStack<ChatBubbleContent>({ maxRows: 8, scrollIntervalMs: SCROLL_INTERVAL_MS });
  readonly #views = new Map<number, BubbleView>();

  /** Adds a chat line from a unit that stood at `anchorWorldX` (world pixels) when the line arrived. */
  add(content: ChatBubbleContent, anchorWorldX: number, nowMs: number, viewWidth: number): void {
    const view = createBubble(content, anchorWorldX, Math.min(MAX_WIDTH, viewWidth - MARGIN * 2));
    const rows = Math.max(1, Math.round((view.height - 6) / LINE_HEIGHT));
    const { id, removed } = this.#stack.add(content, nowMs, rows);
    this.#views.set(id, view);
    this.container.addChild(view.container);
    this.#drop(removed);
  }

  /**
   * Moves bubbles for this display frame; `cameraX` is the camera's
   * horizontal offset in pixels. Returns whether any bubble moved or left.
   */
  update(nowMs: number, deltaMs: number, cameraX: number, viewWidth: number, viewHeight: number): boolean {
    const baseY = Math.round(Math.min(260, Math.max(70, viewHeight * 0.34)));
    let changed = this.#drop(this.#stack.setMaxRows(rowsAbove(baseY, ROW_HEIGHT)));
    changed = this.#drop(this.#stack.tick(nowMs)) || changed;

    const ease = 1 - Math.exp(-deltaMs / EASE_MS);
    for (const bubble of this.#stack.bubbles()) {
      const view = this.#views.get(bubble.id);
      if (view === undefined) {
        continue;
      }
      const targetY = baseY - bubble.row * ROW_HEIGHT - view.height;
      const easedY = view.displayY === null ? targetY : view.displayY + (targetY - view.displayY) * ease;
      view.displayY = Math.abs(easedY - targetY) < 0.5 ? targetY : easedY;
      const anchorX = view.anchorWorldX + cameraX;
      const left = Math.round(clampBubbleLeft(anchorX, view.width, viewWidth, MARGIN));
      const top = Math.round(view.displayY);
      if (view.container.x !== left || view.container.y !== top) {
        view.container.position.set(left, top);
        changed = true;
      }
      const tail = view.container.getChildByLabel('tail');
      if (tail !== null) {
        tail.x = Math.min(view.width - 12, Math.max(12, anchorX - left));
      }
    }
    return changed;
  }

  /** The bubbles on screen, newest first, for the test hook. */
  describe(): ChatBubbleContent[] {
    return this.#stack.bubbles().map((bubble) => bubble.value);
  }

  clear(): void {
    this.#stack.clear();
    this.#drop([...this.#views.keys()]);
  }

  /** Destroys the views of removed bubbles; returns whether there were any. */
  #drop(ids: readonly number[]): boolean {
    for (const id of ids) {
      const view = this.#views.get(id);
      if (view !== undefined) {
        this.#views.delete(id);
        view.container.destroy({ children: true });
      }
    }
    return ids.length > 0;
  }
}

/** Returns the bold label before the text: the speaker, or for a whisper who it is from or to. */
function bubbleLabel(content: ChatBubbleContent): string {
  if (content.kind !== 'whisper') {
    return `${content.speaker}:`;
  }
  if (content.whisperTo === null) {
    return `${content.speaker} whispers:`;
  }
  return `To ${content.whisperTo}:`;
}

function createBubble(content: ChatBubbleContent, anchorWorldX: number, maxWidth: number): BubbleView {
  const colours = bubbleColours[content.kind];
  const italic = content.kind === 'whisper';
  const baseStyle: TextStyleOptions = {
    fontFamily: 'system-ui, sans-serif',
    fontSize: 13,
    lineHeight: LINE_HEIGHT,
    fill: 0x111820,
    fontStyle: italic ? 'italic' : 'normal',
  };

  const name = new Text({ text: bubbleLabel(content), style: { ...baseStyle, fontWeight: '700' }, resolution: 2 });
  const messageWidth = Math.max(60, maxWidth - name.width - PADDING_X * 2 - 4);
  const message = new Text({
    text: content.text,
    style: { ...baseStyle, fontWeight: content.kind === 'shout' ? '800' : '400', wordWrap: true, wordWrapWidth: messageWidth, breakWords: true },
    resolution: 2,
  });

  const width = Math.ceil(PADDING_X * 2 + name.width + 4 + message.width);
  const height = Math.ceil(Math.max(LINE_HEIGHT, message.height) + 6);
  name.position.set(PADDING_X, 3);
  message.position.set(PADDING_X + name.width + 4, 3);

  const background = new Graphics()
    .roundRect(0, 0, width, height, 8)
    .fill({ color: colours.fill })
    .stroke({ width: colours.lineWidth, color: colours.line });
  const tail = new Graphics({ label: 'tail' })
    .poly([-5, height - 1, 5, height - 1, 0, height + 6], true)
    .fill({ color: colours.fill })
    .stroke({ width: colours.lineWidth, color: colours.line });
  // Covers the tail's top edge so it joins the bubble without a line.
  tail.rect(-4, height - 2.5, 8, 2.5).fill({ color: colours.fill });

  const container = new Container({ label: `bubble ${content.kind}` });
  container.addChild(background, tail, name, message);
  return { container, width, height, anchorWorldX, displayY: null };
}
