// The room view: a PixiJS v8 application that draws the floor plan, the
// avatars at their interpolated positions and the chat bubbles, and turns
// pointer input into walks, avatar selection and camera drags.
//
// It reads units from the SDK's RoomState, which the SDK updates before it
// emits each message. RoomView passes each room message on to it.

import { Application, Container, Graphics } from 'pixi.js';
import type { RoomState, Unit } from '@futura/sdk';
import type { Message } from '@futura/protocol';

import { AVATAR_HIT_HALF_WIDTH, AVATAR_HIT_HEIGHT, AvatarView } from './avatar-view.ts';
import { BubbleLayer, type ChatBubbleContent, type ChatKind } from './bubble-layer.ts';
import { Camera, type ViewMargins } from './camera.ts';
import { depthKey } from './draw-order.ts';
import { FloorPlan } from './floor-plan.ts';
import { createFloorView, drawTileOutline } from './floor-view.ts';
import { NameStacker } from './name-stacking.ts';
import { floorBounds, pickTile, tileToScreen, type TileCoordinate } from './projection.ts';
import { SIT_DROP } from '../avatar/avatar-shapes.ts';
import { StepDurationEstimator, UnitMotion } from './walk-interpolation.ts';

export interface RoomRendererCallbacks {
  /** The player clicked a floor tile. */
  onTileClick(x: number, y: number): void;
  /** The player clicked an avatar, or empty space (null). */
  onUnitClick(unitId: number | null): void;
}

export interface RoomRendererOptions {
  /** Step duration to assume before any has been measured, in ms. Default 500, the server's default room step. */
  readonly initialStepMs?: number;
}

/** A unit as the test hook and the avatar card see it. */
export interface DrawnUnit {
  readonly unitId: number;
  readonly name: string;
  /** Tile the server has the unit on (the target tile while it steps). */
  readonly tileX: number;
  readonly tileY: number;
  /** Position drawn in this frame, in tiles, fractional while walking. */
  readonly drawnX: number;
  readonly drawnY: number;
  readonly drawnZ: number;
  readonly bodyDir: number;
  /** Whether the typing indicator shows over the avatar. */
  readonly typing: boolean;
  /** Position on the page's view in CSS pixels, at the avatar's feet. */
  readonly viewX: number;
  readonly viewY: number;
}

const kindNames: readonly ChatKind[] = ['talk', 'shout', 'whisper'];
/** Pointer travel in CSS pixels after which a press is a drag, not a click. */
const DRAG_THRESHOLD = 5;

/**
 * How far inside the view edges the player's walking avatar stays, in
 * pixels. The top margin leaves room for the avatar's body and name above its feet.
 */
const FOLLOW_MARGINS: ViewMargins = { side: 48, top: 130, bottom: 40 };

interface AvatarEntry {
  readonly view: AvatarView;
  readonly motion: UnitMotion;
}

export class RoomRenderer {
  readonly #host: HTMLElement;
  readonly #callbacks: RoomRendererCallbacks;
  readonly #app = new Application();
  readonly #world = new Container({ label: 'world' });
  readonly #floorLayer = new Container({ label: 'floor layer' });
  readonly #hover = new Graphics({ label: 'hover' });
  readonly #unitLayer = new Container({ label: 'units', sortableChildren: true });
  readonly #bubbles = new BubbleLayer();
  readonly #camera = new Camera();
  readonly #steps: StepDurationEstimator;
  readonly #avatars = new Map<number, AvatarEntry>();
  readonly #nameStacker = new NameStacker();
  readonly #ready: Promise<void>;
  #room: RoomState | null = null;
  #floor: FloorPlan | null = null;
  #hoverTile: TileCoordinate | null = null;
  #destroyed = false;
  #viewSize = { width: 0, height: 0 };
  #frames = 0;
  #renders = 0;
  /** Whether something changed since the last render; an idle room is not redrawn. */
  #dirty = true;
  #renderedCamera = { x: NaN, y: NaN };
  #canvas: HTMLCanvasElement | null = null;
  /** A click that came before the floor was drawn, in view pixels, applied by setRoom. */
  #earlyClick: { x: number; y: number } | null = null;
  readonly #removeInput: () => void;

  constructor(host: HTMLElement, callbacks: RoomRendererCallbacks, options: RoomRendererOptions = {}) {
    this.#host = host;
    this.#callbacks = callbacks;
    this.#steps = new StepDurationEstimator({ initialMs: options.initialStepMs });
    // The host takes pointer input from the moment the room screen shows,
    // before the canvas exists, so that no click made while the view starts is lost.
    this.#removeInput = this.#listenToPointer(host);
    this.#ready = this.#init();
  }

  /** Resolves once the Pixi application draws; rejects when WebGL and WebGPU are both unavailable. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  async #init(): Promise<void> {
    await this.#app.init({
      resizeTo: this.#host,
      background: 0x0e1622,
      antialias: true,
      autoDensity: true,
      resolution: Math.min(2, window.devicePixelRatio || 1),
      preference: 'webgl',
    });
    if (this.#destroyed) {
      this.#app.destroy(true, { children: true });
      return;
    }
    const canvas = this.#app.canvas;
    this.#canvas = canvas;
    canvas.classList.add('room-canvas');
    canvas.setAttribute('aria-label', 'Room view: click a tile to walk, click an avatar to see who it is, drag to move the view.');
    this.#host.appendChild(canvas);

    this.#world.addChild(this.#floorLayer, this.#hover, this.#unitLayer);
    this.#app.stage.addChild(this.#world, this.#bubbles.container);
    this.#app.stage.eventMode = 'none';
    this.#viewSize = { width: this.#app.screen.width, height: this.#app.screen.height };
    // Pixi renders on every tick by default. The room renders only frames in
    // which something moved or changed, so an idle room costs almost nothing.
    this.#app.ticker.remove(this.#app.render, this.#app);
    this.#app.ticker.add((ticker) => this.#frame(ticker.deltaMS));
    if (this.#room !== null) {
      this.setRoom(this.#room);
    }
  }

  /** Draws a room from a fresh snapshot, replacing whatever was shown, and centres the camera. */
  setRoom(room: RoomState): void {
    this.#room = room;
    if (!this.#app.renderer || this.#destroyed) {
      return; // #init calls this again once the application is ready.
    }

    for (const entry of this.#avatars.values()) {
      entry.view.destroy();
    }
    this.#avatars.clear();
    this.#bubbles.clear();
    this.#floorLayer.removeChildren().forEach((child) => child.destroy({ children: true }));
    this.#hoverTile = null;
    this.#hover.clear();

    const floor = new FloorPlan(room.heightmap, room.door);
    this.#floor = floor;
    this.#dirty = true;
    this.#floorLayer.addChild(createFloorView(floor));
    const now = performance.now();
    for (const unit of room.units.values()) {
      this.#addAvatar(unit, now);
    }

    this.#camera.setBounds(floorBounds(floor, floor.wallTop));
    const you = room.you;
    const focus = you === undefined ? null : tileToScreen(you.status.x, you.status.y, you.status.z / 100);
    this.#camera.centre(this.#viewSize.width, this.#viewSize.height, focus);

    // A click made while the room loads is carried out once the room is
    // drawn, as games buffer input during a short load. The player aimed at
    // where the floor appears, and dropping the click leaves the avatar at the door.
    const earlyClick = this.#earlyClick;
    this.#earlyClick = null;
    if (earlyClick !== null) {
      this.#click(earlyClick);
    }
  }

  /** Feeds a unit_status frame, after the SDK applied it to the RoomState. */
  applyStatus(frame: Message<'unit_status'>): void {
    const now = performance.now();
    this.#steps.observe(now, frame.statuses.some((status) => status.moving));
    for (const status of frame.statuses) {
      this.#avatars.get(status.unitId)?.motion.update(status, now, this.#steps.durationMs);
    }
  }

  addUnit(unit: Unit): void {
    this.#avatars.get(unit.status.unitId)?.view.destroy();
    this.#addAvatar(unit, performance.now());
  }

  removeUnit(unitId: number): void {
    const entry = this.#avatars.get(unitId);
    if (entry !== undefined) {
      entry.view.destroy();
      this.#avatars.delete(unitId);
      this.#dirty = true;
    }
  }

  updateFigure(unitId: number, figure: string): void {
    this.#avatars.get(unitId)?.view.setFigure(figure);
    this.#dirty = true;
  }

  setTyping(unitId: number, active: boolean): void {
    this.#avatars.get(unitId)?.view.setTyping(active);
    this.#dirty = true;
  }

  /** Shows a chat line as a bubble over its speaker. */
  showChat(message: Message<'chat_message'>): void {
    const room = this.#room;
    if (room === null) {
      return;
    }
    const speaker = room.units.get(message.unitId);
    const kind = kindNames[message.kind] ?? 'talk';
    const fromYou = message.unitId === room.yourUnitId;
    const content: ChatBubbleContent = {
      unitId: message.unitId,
      speaker: speaker?.name ?? 'Someone',
      kind,
      text: message.text,
      whisperTo: kind === 'whisper' && fromYou ? (room.units.get(message.targetUnitId)?.name ?? 'someone') : null,
    };

    const entry = this.#avatars.get(message.unitId);
    let anchorX = this.#viewSize.width / 2 - this.#camera.x;
    if (entry !== undefined) {
      const at = entry.motion.positionAt(performance.now());
      anchorX = tileToScreen(at.x, at.y, at.z).x;
      entry.view.setTyping(false);
    }
    this.#bubbles.add(content, anchorX, performance.now(), this.#viewSize.width);
    this.#dirty = true;
  }

  /** The units as drawn in the last frame, for the test hook and the avatar card. */
  describeUnits(): DrawnUnit[] {
    const now = performance.now();
    const units: DrawnUnit[] = [];
    for (const [unitId, entry] of this.#avatars) {
      const unit = this.#room?.units.get(unitId);
      if (unit === undefined) {
        continue;
      }
      const at = entry.motion.positionAt(now);
      const screen = tileToScreen(at.x, at.y, at.z);
      units.push({
        unitId,
        name: unit.name,
        tileX: unit.status.moving ? unit.status.moveX : unit.status.x,
        tileY: unit.status.moving ? unit.status.moveY : unit.status.y,
        drawnX: at.x,
        drawnY: at.y,
        drawnZ: at.z,
        bodyDir: entry.motion.bodyDir,
        typing: entry.view.isTyping,
        viewX: screen.x + this.#camera.x,
        viewY: screen.y + this.#camera.y,
      });
    }
    return units;
  }

  /** Returns the chat bubbles on screen, newest first. */
  describeBubbles(): ChatBubbleContent[] {
    return this.#bubbles.describe();
  }

  /** Facts for the test hook: display frames seen, frames rendered, the measured step, the camera offset. */
  describeView(): { frames: number; renders: number; stepMs: number; cameraX: number; cameraY: number; width: number; height: number } {
    return {
      frames: this.#frames,
      renders: this.#renders,
      stepMs: this.#steps.durationMs,
      cameraX: this.#camera.x,
      cameraY: this.#camera.y,
      width: this.#viewSize.width,
      height: this.#viewSize.height,
    };
  }

  /** Returns the view position in CSS pixels of the centre of tile (x, y), for tests that click tiles. */
  tileViewPosition(x: number, y: number): { x: number; y: number } | null {
    const height = this.#floor?.heightAt(x, y);
    if (height === null || height === undefined) {
      return null;
    }
    const screen = tileToScreen(x, y, height);
    return { x: screen.x + this.#camera.x, y: screen.y + this.#camera.y };
  }

  destroy(): void {
    if (this.#destroyed) {
      return;
    }
    this.#destroyed = true;
    this.#removeInput();
    if (this.#app.renderer) {
      this.#app.destroy(true, { children: true });
    }
  }

  #addAvatar(unit: Unit, now: number): void {
    const isSelf = unit.status.unitId === this.#room?.yourUnitId;
    const view = new AvatarView(unit.name, unit.figure, isSelf);
    const motion = new UnitMotion(unit.status, now, this.#steps.durationMs);
    const entry = { view, motion };
    this.#avatars.set(unit.status.unitId, entry);
    this.#unitLayer.addChild(view.container);
    // Placed now rather than in the next frame, so that a click before that
    // frame hits the avatar on its tile, not at the world origin.
    this.#placeAvatar(entry, now);
    this.#dirty = true;
  }

  /** Moves an avatar to its position at `now` and returns whether it moved. */
  #placeAvatar(entry: AvatarEntry, now: number): boolean {
    const at = entry.motion.positionAt(now);
    const screen = tileToScreen(at.x, at.y, at.z);
    const x = Math.round(screen.x);
    const y = Math.round(screen.y);
    const container = entry.view.container;
    if (container.x === x && container.y === y) {
      return false;
    }
    container.position.set(x, y);
    container.zIndex = depthKey(at.x, at.y, at.z);
    return true;
  }

  #frame(deltaMs: number): void {
    const now = performance.now();
    this.#frames += 1;
    this.#trackResize();
    if (this.#camera.x !== this.#renderedCamera.x || this.#camera.y !== this.#renderedCamera.y) {
      this.#world.position.set(this.#camera.x, this.#camera.y);
      this.#renderedCamera = { x: this.#camera.x, y: this.#camera.y };
      this.#dirty = true;
    }

    this.#nameStacker.reset();
    for (const [unitId, entry] of this.#avatars) {
      const status = this.#room?.units.get(unitId)?.status;
      if (status === undefined) {
        continue;
      }
      if (this.#placeAvatar(entry, now)) {
        this.#dirty = true;
        if (unitId === this.#room?.yourUnitId) {
          this.#followWalk(entry.view.container.x, entry.view.container.y);
        }
      }
      const container = entry.view.container;
      if (entry.view.setNameLift(this.#nameStacker.liftAt(container.x, container.y))) {
        this.#dirty = true;
      }

      const walking = entry.motion.isWalking(now);
      const redrawn = entry.view.render({
        bodyDir: entry.motion.bodyDir,
        headDir: entry.motion.headDir,
        sitting: status.posture === 1 && !walking,
        // Half a leg cycle per step: one foot forward each tile.
        walkPhase: walking ? (now / this.#steps.durationMs) * Math.PI : null,
        waving: status.waving,
        dance: walking ? 0 : status.dance,
        timeMs: now,
      });
      this.#dirty ||= redrawn;
    }

    const bubblesMoved = this.#bubbles.update(now, deltaMs, this.#camera.x, this.#viewSize.width, this.#viewSize.height);
    if (this.#dirty || bubblesMoved) {
      this.#dirty = false;
      this.#renders += 1;
      this.#app.render();
    }
  }

  /**
   * Pans the view so that the player's own avatar stays in it while it
   * moves, as far as the room allows. On a phone the room is wider than the
   * screen, and a walk would otherwise carry the avatar out of sight. The
   * camera moves only on frames in which the avatar moved, up to the end of
   * its glide onto the last tile, so a player who dragged the view to look
   * around keeps that view until walking again.
   */
  #followWalk(worldX: number, worldY: number): void {
    const moved = this.#camera.keepInView({ x: worldX, y: worldY }, this.#viewSize.width, this.#viewSize.height, FOLLOW_MARGINS);
    if (!moved) {
      return;
    }
    this.#world.position.set(this.#camera.x, this.#camera.y);
    this.#renderedCamera = { x: this.#camera.x, y: this.#camera.y };
    this.#dirty = true;
  }

  // Keeps the middle of the view on the same spot of the room when the window resizes.
  #trackResize(): void {
    const { width, height } = this.#app.screen;
    if (width === this.#viewSize.width && height === this.#viewSize.height) {
      return;
    }
    this.#camera.panBy((width - this.#viewSize.width) / 2, (height - this.#viewSize.height) / 2, width, height);
    this.#viewSize = { width, height };
    this.#dirty = true;
  }

  // The canvas fills the host from its top left corner, so points of the
  // host are points of the view.
  #listenToPointer(host: HTMLElement): () => void {
    let press: { id: number; startX: number; startY: number; lastX: number; lastY: number; dragging: boolean } | null = null;

    const viewPoint = (event: PointerEvent): { x: number; y: number } => {
      const rect = host.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    };

    const onDown = (event: PointerEvent): void => {
      if (event.button !== 0) {
        return;
      }
      const point = viewPoint(event);
      press = { id: event.pointerId, startX: point.x, startY: point.y, lastX: point.x, lastY: point.y, dragging: false };
      host.setPointerCapture(event.pointerId);
    };

    const onMove = (event: PointerEvent): void => {
      const point = viewPoint(event);
      if (press !== null && press.id === event.pointerId) {
        if (!press.dragging && Math.hypot(point.x - press.startX, point.y - press.startY) > DRAG_THRESHOLD) {
          press.dragging = true;
          this.#canvas?.classList.add('dragging');
        }
        if (press.dragging) {
          this.#camera.panBy(point.x - press.lastX, point.y - press.lastY, this.#viewSize.width, this.#viewSize.height);
          press.lastX = point.x;
          press.lastY = point.y;
          this.#setHover(null);
          return;
        }
      }
      this.#setHover(this.#tileAt(point.x, point.y));
    };

    const onUp = (event: PointerEvent): void => {
      if (press === null || press.id !== event.pointerId) {
        return;
      }
      const wasDrag = press.dragging;
      press = null;
      this.#canvas?.classList.remove('dragging');
      if (host.hasPointerCapture(event.pointerId)) {
        host.releasePointerCapture(event.pointerId);
      }
      if (!wasDrag) {
        this.#click(viewPoint(event));
      }
    };

    const onCancel = (): void => {
      press = null;
      this.#canvas?.classList.remove('dragging');
    };
    const onLeave = (): void => this.#setHover(null);

    host.addEventListener('pointerdown', onDown);
    host.addEventListener('pointermove', onMove);
    host.addEventListener('pointerup', onUp);
    host.addEventListener('pointercancel', onCancel);
    host.addEventListener('pointerleave', onLeave);
    return () => {
      host.removeEventListener('pointerdown', onDown);
      host.removeEventListener('pointermove', onMove);
      host.removeEventListener('pointerup', onUp);
      host.removeEventListener('pointercancel', onCancel);
      host.removeEventListener('pointerleave', onLeave);
    };
  }

  #tileAt(viewX: number, viewY: number): TileCoordinate | null {
    if (this.#floor === null) {
      return null;
    }
    const world = this.#camera.toWorld(viewX, viewY);
    return pickTile(world.x, world.y, this.#floor);
  }

  #setHover(tile: TileCoordinate | null): void {
    const same = tile?.x === this.#hoverTile?.x && tile?.y === this.#hoverTile?.y;
    if (same) {
      return;
    }
    this.#hoverTile = tile;
    this.#dirty = true;
    if (tile === null || this.#floor === null) {
      this.#hover.clear();
      return;
    }
    drawTileOutline(this.#hover, tile.x, tile.y, this.#floor.heightAt(tile.x, tile.y) ?? 0);
  }

  #click(point: { x: number; y: number }): void {
    if (this.#floor === null) {
      this.#earlyClick = point;
      return;
    }

    const unitId = this.#unitAt(point.x, point.y);
    if (unitId !== null) {
      this.#callbacks.onUnitClick(unitId);
      return;
    }
    const tile = this.#tileAt(point.x, point.y);
    if (tile !== null) {
      this.#callbacks.onTileClick(tile.x, tile.y);
    } else {
      this.#callbacks.onUnitClick(null);
    }
  }

  /** Returns the front-most avatar whose body box contains the view point, or null. */
  #unitAt(viewX: number, viewY: number): number | null {
    const world = this.#camera.toWorld(viewX, viewY);
    // Front first; at equal depth the avatar added later is drawn on top, so it comes first too.
    const drawIndex = (entry: AvatarEntry): number => this.#unitLayer.getChildIndex(entry.view.container);
    const entries = [...this.#avatars].sort(([, a], [, b]) => b.view.container.zIndex - a.view.container.zIndex || drawIndex(b) - drawIndex(a));
    for (const [unitId, entry] of entries) {
      const sitting = this.#room?.units.get(unitId)?.status.posture === 1;
      const dx = world.x - entry.view.container.x;
      const dy = world.y - entry.view.container.y;
      const top = -AVATAR_HIT_HEIGHT + (sitting ? SIT_DROP : 0);
      if (Math.abs(dx) <= AVATAR_HIT_HALF_WIDTH && dy <= 4 && dy >= top) {
        return unitId;
      }
    }
    return null;
  }
}
