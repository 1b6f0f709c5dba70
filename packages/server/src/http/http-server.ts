// The HTTP side of the hotel: health and readiness probes. The WebSocket
// endpoint shares this server through its upgrade event.

import { createServer, type Server, type ServerResponse } from 'node:http';

export interface HttpStatus {
  /** Whether the hotel takes players now: listening, store open, not shutting down. */
  isReady(): boolean;
  /** A plain-text page for `/` until the web client is served there. */
  landingPage(): string;
  /** The Prometheus text exposition of the hotel's metrics. */
  metrics(): Promise<{ contentType: string; body: string }>;
}

export function createHttpServer(status: HttpStatus): Server {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      respond(response, 405, 'text/plain', 'Only GET and HEAD are served.\n', { allow: 'GET, HEAD' });
      return;
    }

    switch (url.pathname) {
      case '/healthz':
        respond(response, 200, 'application/json', '{"status":"ok"}\n');
        return;
      case '/readyz':
        if (status.isReady()) {
          respond(response, 200, 'application/json', '{"status":"ready"}\n');
        } else {
          respond(response, 503, 'application/json', '{"status":"not ready"}\n');
        }
        return;
      case '/metrics':
        status.metrics().then(
          ({ contentType, body }) => respond(response, 200, contentType, body),
          (error: unknown) => respond(response, 500, 'text/plain', `Collecting metrics failed: ${String(error)}\n`),
        );
        return;
      case '/':
        respond(response, 200, 'text/plain; charset=utf-8', status.landingPage());
        return;
      default:
        respond(response, 404, 'text/plain', `Not found: ${url.pathname}\n`);
    }
  });
}

function respond(
  response: ServerResponse,
  statusCode: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(statusCode, { 'content-type': contentType, 'cache-control': 'no-store', ...headers });
  response.end(body);
}
