// `window.__futura`: a read-only view of the client's state for browser
// tests and for debugging in the console. Every function returns plain data
// (JSON-safe), so Playwright can read it with page.evaluate.

import type { ChatBubbleContent } from '../room/bubble-layer.ts';
import type { DrawnUnit, RoomRenderer } from '../room/room-renderer.ts';
import { totalUnread } from '../messenger/messenger-state.ts';
import type { HotelSession, Phase } from './hotel-session.ts';

export interface HookUnit {
  readonly unitId: number;
  readonly name: string;
  readonly motto: string;
  readonly figure: string;
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly moving: boolean;
  readonly moveX: number;
  readonly moveY: number;
  readonly bodyDir: number;
  readonly posture: number;
  readonly dance: number;
  readonly waving: boolean;
}

/** The client's messenger state, with users by name. */
export interface HookMessenger {
  readonly friends: { name: string; online: boolean; roomName: string; unread: number }[];
  /** Names of the users whose friend requests are pending, oldest first. */
  readonly requests: string[];
  readonly windows: { friendId: number; minimised: boolean }[];
  readonly unreadTotal: number;
}

export interface FuturaTestHook {
  phase(): Phase;
  userName(): string | null;
  /** The room as the SDK keeps it (server positions), or null outside a room. */
  room(): { roomId: number; name: string; yourUnitId: number; units: HookUnit[] } | null;
  /** Units as the room view drew them in its last frame. */
  drawnUnits(): DrawnUnit[];
  /** Chat bubbles on screen, newest first. */
  bubbles(): ChatBubbleContent[];
  /** Frames drawn, measured step and camera of the room view, or null without one. */
  view(): ReturnType<RoomRenderer['describeView']> | null;
  /** Position of a tile's centre in CSS pixels of the room canvas, or null. */
  tileViewPosition(x: number, y: number): { x: number; y: number } | null;
  messenger(): HookMessenger;
}

declare global {
  interface Window {
    __futura?: FuturaTestHook;
  }
}

let activeRenderer: RoomRenderer | null = null;

/** Called by the room view when it creates and destroys its renderer. */
export function setActiveRenderer(renderer: RoomRenderer | null): void {
  activeRenderer = renderer;
}

export function installTestHook(session: HotelSession): void {
  window.__futura = {
    phase: () => session.getState().phase,
    userName: () => session.getState().user?.name ?? null,
    room: () => {
      const room = session.getState().room;
      if (room === null) {
        return null;
      }
      const units = [...room.units.values()].map((unit) => ({
        unitId: unit.status.unitId,
        name: unit.name,
        motto: unit.motto,
        figure: unit.figure,
        x: unit.status.x,
        y: unit.status.y,
        z: unit.status.z,
        moving: unit.status.moving,
        moveX: unit.status.moveX,
        moveY: unit.status.moveY,
        bodyDir: unit.status.bodyDir,
        posture: unit.status.posture,
        dance: unit.status.dance,
        waving: unit.status.waving,
      }));
      return { roomId: room.roomId, name: room.name, yourUnitId: room.yourUnitId, units };
    },
    drawnUnits: () => activeRenderer?.describeUnits() ?? [],
    bubbles: () => activeRenderer?.describeBubbles() ?? [],
    view: () => activeRenderer?.describeView() ?? null,
    tileViewPosition: (x, y) => activeRenderer?.tileViewPosition(x, y) ?? null,
    messenger: () => {
      const state = session.messenger.getState();
      return {
        friends: state.friends.map((friend) => ({
          name: friend.name,
          online: friend.online,
          roomName: friend.roomName,
          unread: state.conversations.get(friend.userId)?.unread ?? 0,
        })),
        requests: state.requests.map((request) => request.name),
        windows: state.windows.map((window) => ({ friendId: window.friendId, minimised: window.minimised })),
        unreadTotal: totalUnread(state),
      };
    },
  };
}
