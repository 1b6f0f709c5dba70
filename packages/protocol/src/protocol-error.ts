import { errorCatalogue, type ErrorCode } from './errors.ts';

/**
 * Raised by the decoder (and by server handlers) with a catalogue code. The
 * server turns it into an `error` message, and closes the connection when the
 * catalogue entry names a close code.
 */
export class ProtocolError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string = errorCatalogue[code].message) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
  }
}
