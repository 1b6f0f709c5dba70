// The hotel's address for the page: the WebSocket endpoint on the host that
// served the page, so one `npm start` serves both.

/** Path of the hotel's WebSocket endpoint, the server's WEBSOCKET_PATH. */
export const WEBSOCKET_PATH = '/ws';

/** Returns ws://HOST/ws for an http page and wss://HOST/ws for an https one. */
export function webSocketUrlFor(location: { readonly protocol: string; readonly host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WEBSOCKET_PATH}`;
}

/**
 * Returns the step duration in ms that the page was asked to assume with
 * `?stepMs=N` (10-10000), or undefined. The room view measures the real step
 * from the server's frames anyway; this only sets the first guess.
 */
export function stepOverrideFrom(search: string): number | undefined {
  const value = Number(new URLSearchParams(search).get('stepMs'));
  return Number.isInteger(value) && value >= 10 && value <= 10_000 ? value : undefined;
}
