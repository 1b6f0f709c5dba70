import type { ProtocolError } from '@futura/protocol';

import type { Connection } from './connection.ts';

/** Handles a frame the transport could not take apart: the session sends the error and closes. */
export type ProtocolFaultHandler = (connection: Connection, error: ProtocolError) => void;
