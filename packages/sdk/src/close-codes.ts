// Close codes the client itself uses when it ends a connection.

import { closeCodes, errorCatalogue, type ProtocolError } from '@futura/protocol';
import type { CloseInfo } from './errors.ts';

/** Close code of a connection the client closed on purpose (`close()`, a timeout, a bad hello). */
export const NORMAL_CLOSE = closeCodes.NORMAL.code;

/** Close code reported when a connection ended without any code, as in RFC 6455 (never sent on the wire). */
export const ABNORMAL_CLOSE = 1006;

/**
 * Returns how the client closes a connection whose server sent bytes it
 * could not decode: the close code the catalogue gives the error code, and
 * the decoder's message as the reason.
 *
 * @example closeInfoOfProtocolError(new ProtocolError('FRAME_TOO_LARGE')) // code 4001
 */
export function closeInfoOfProtocolError(error: ProtocolError): CloseInfo {
  const spec = errorCatalogue[error.code];
  const closeReason = 'close' in spec ? spec.close : 'FRAME_MALFORMED';
  return {
    code: closeCodes[closeReason].code,
    reason: `Invalid frame from the server (${error.code}): ${error.message}`,
    error,
  };
}
