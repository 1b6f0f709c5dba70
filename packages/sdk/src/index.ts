// @futura/sdk: a typed client for Futura servers over WebSocket (browsers and
// Node) or TCP (Node only).

export { connect, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_DOORBELL_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, type ConnectOptions } from './connect.ts';
export { ClientConnection, type ClientEvents, type ClientTimeouts, type User } from './client-connection.ts';
export { FuturaClient, type CreateRoomOptions } from './client.ts';
export { ConnectionClosedError, FuturaError, RequestTimeoutError, type CloseInfo } from './errors.ts';
export { TypedEmitter, type Listener } from './emitter.ts';
export { DEFAULT_STREAM_BUFFER, MessageStream } from './message-stream.ts';
export { responseTypes, type ResponseTo, type RequestFields, type RequestName } from './requests.ts';
export { RoomState, type Door, type Unit, type UnitStatus } from './room-state.ts';
export { DEFAULT_TCP_PORT, parseServerUrl, type ServerAddress } from './server-url.ts';
export type { Transport, TransportHandlers } from './transports/transport.ts';
export { connectWithFrameFilter, frameOpcode, type FrameFilter, type FrameFilterOptions } from './frame-filter.ts';
export { MessengerApi, type Friend, type FriendRequest, type PrivateMessage, type MessengerOptions } from './messenger-api.ts';
