// Mounts the Pixi room renderer and feeds it the session's room messages.

import { useLayoutEffect, useRef, useState } from 'react';
import type { RoomState } from '@futura/sdk';

import type { HotelSession } from '../app/hotel-session.ts';
import { setActiveRenderer } from '../app/test-hook.ts';
import { RoomRenderer } from './room-renderer.ts';

export interface RoomViewProps {
  readonly session: HotelSession;
  readonly room: RoomState;
  readonly initialStepMs: number | undefined;
  readonly onUnitClick: (unitId: number | null) => void;
  readonly onTileClick: (x: number, y: number) => void;
}

export function RoomView({ session, room, initialStepMs, onUnitClick, onTileClick }: RoomViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const [renderer, setRenderer] = useState<RoomRenderer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const callbacks = useRef({ onUnitClick, onTileClick });
  callbacks.current = { onUnitClick, onTileClick };

  // Layout effects run before the browser first paints the room screen, so
  // the renderer listens for clicks from the first frame on which the player
  // can click, and it has the room before its canvas starts drawing.
  useLayoutEffect(() => {
    const element = host.current;
    if (element === null) {
      return;
    }
    const created = new RoomRenderer(
      element,
      {
        onTileClick: (x, y) => callbacks.current.onTileClick(x, y),
        onUnitClick: (unitId) => callbacks.current.onUnitClick(unitId),
      },
      { initialStepMs },
    );
    created.ready.catch((error: unknown) => {
      console.error('futura: the room view failed to start', error);
      setFailure('This browser could not start the room view (it needs WebGL).');
    });
    setRenderer(created);
    setActiveRenderer(created);

    const unsubscribers = [
      session.events.on('unit_status', (frame) => created.applyStatus(frame)),
      session.events.on('unit_entered', (message) => created.addUnit(message.unit)),
      session.events.on('unit_removed', (message) => created.removeUnit(message.unitId)),
      session.events.on('unit_profile', (message) => created.updateFigure(message.unitId, message.figure)),
      session.events.on('chat_message', (message) => created.showChat(message)),
      session.events.on('typing_status', (message) => created.setTyping(message.unitId, message.active)),
    ];
    return () => {
      for (const unsubscribe of unsubscribers) {
        unsubscribe();
      }
      setActiveRenderer(null);
      created.destroy();
    };
  }, [session, initialStepMs]);

  // A fresh snapshot (entering, or coming back after a reconnection) redraws everything.
  useLayoutEffect(() => {
    renderer?.setRoom(room);
  }, [renderer, room]);

  return (
    <div className="room-view" ref={host} data-testid="room-view">
      {failure !== null && (
        <p className="error room-view-failure" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
