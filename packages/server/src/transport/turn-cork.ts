// Batches the writes of one event-loop turn per socket: the first write of a
// turn corks the socket and one callback at the end of the turn uncorks every
// corked socket, so everything due to one client in one turn (a status
// frame, chat lines, ...) leaves in a single write system call.

import type { Socket } from 'node:net';

const corked = new Set<Socket>();
let flushScheduled = false;

function flushCorked(): void {
  flushScheduled = false;
  for (const socket of corked) {
    socket.uncork();
  }
  corked.clear();
}

/** Corks the socket until the end of the current turn, if it is not corked already. */
export function corkForTurn(socket: Socket): void {
  if (corked.has(socket)) {
    return;
  }

  socket.cork();
  corked.add(socket);
  if (!flushScheduled) {
    flushScheduled = true;
    process.nextTick(flushCorked);
  }
}

/** Forgets a socket that is being destroyed, so the flush does not touch it. */
export function forgetCorked(socket: Socket): void {
  corked.delete(socket);
}
