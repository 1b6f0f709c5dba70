// Parsing of the server URLs that `connect` accepts.

/** A parsed server URL: a WebSocket URL as given, or the host and port of a TCP server. */
export type ServerAddress = { readonly kind: 'websocket'; readonly url: string } | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

/** Port of a tcp:// URL that names none, the server's default TCP port. */
export const DEFAULT_TCP_PORT = 8081;

/**
 * Parses a server URL. Accepts ws:// and wss:// (passed to WebSocket
 * unchanged, so include the path, usually /ws) and tcp://host[:port]
 * (port 8081 when left out). Throws an Error that names the URL for any
 * other scheme or an unparsable URL.
 *
 * @example parseServerUrl('tcp://127.0.0.1:8081') // { kind: 'tcp', host: '127.0.0.1', port: 8081 }
 */
export function parseServerUrl(url: string): ServerAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Invalid server URL ${JSON.stringify(url)}: expected ws://host:port/ws, wss://host/ws or tcp://host:port.`);
  }

  switch (parsed.protocol) {
    case 'ws:':
    case 'wss:':
      if (parsed.hash !== '') {
        throw new Error(`Invalid server URL ${JSON.stringify(url)}: a WebSocket URL cannot have a #fragment.`);
      }
      return { kind: 'websocket', url: parsed.href };
    case 'tcp:':
      return parseTcpUrl(url, parsed);
    default:
      throw new Error(
        `Unsupported scheme ${JSON.stringify(parsed.protocol)} in server URL ${JSON.stringify(url)}: use ws://, wss:// or tcp://.`,
      );
  }
}

function parseTcpUrl(url: string, parsed: URL): ServerAddress {
  // tcp: is not a special scheme for the URL parser, so it keeps IPv6 brackets in the hostname.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') {
    throw new Error(`Invalid server URL ${JSON.stringify(url)}: a tcp:// URL needs a host, as in tcp://127.0.0.1:8081.`);
  }
  if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search !== '' || parsed.hash !== '') {
    throw new Error(`Invalid server URL ${JSON.stringify(url)}: a tcp:// URL has only a host and a port.`);
  }

  const port = parsed.port === '' ? DEFAULT_TCP_PORT : Number(parsed.port);
  return { kind: 'tcp', host, port };
}
