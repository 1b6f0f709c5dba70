// The HTTP side of the hotel: health and readiness probes, metrics, and the
// built web client at `/`. The WebSocket endpoint shares this server through
// its upgrade event.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';

import { StaticFiles } from './static-files.ts';

/** The web client's build output, packages/client/dist, found from this file's place in the repository. */
export const DEFAULT_CLIENT_DIR = path.resolve(import.meta.dirname, '../../../client/dist');

/** The WebSocket endpoint, as hotel.ts attaches it; a plain GET there gets 426 instead of the client. */
const WEBSOCKET_PATH = '/ws';

export interface HttpStatus {
  /** Whether the hotel takes players now: listening, store open, not shutting down. */
  isReady(): boolean;
  /** Plain text with the hotel's addresses, shown on the 503 page served while the web client is not built. */
  landingPage(): string;
  /** The Prometheus text exposition of the hotel's metrics. */
  metrics(): Promise<{ contentType: string; body: string }>;
  /** Folder of the built web client. Default DEFAULT_CLIENT_DIR. */
  clientDir?: string;
}

export function createHttpServer(status: HttpStatus): Server {
  const clientFiles = new StaticFiles(status.clientDir ?? DEFAULT_CLIENT_DIR);

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
      case WEBSOCKET_PATH:
        respond(response, 426, 'text/plain', `${WEBSOCKET_PATH} is the hotel's WebSocket endpoint; connect with a WebSocket client.\n`, {
          upgrade: 'websocket',
        });
        return;
      default:
        serveClient(clientFiles, status, request, response, url.pathname);
    }
  });
}

function serveClient(files: StaticFiles, status: HttpStatus, request: IncomingMessage, response: ServerResponse, pathname: string): void {
  files.serve(request, response, pathname).then(
    (result) => {
      if (result === 'not-found') {
        respond(response, 404, 'text/plain', `Not found: ${pathname}\n`);
      } else if (result === 'no-build') {
        respond(response, 503, 'text/html; charset=utf-8', buildMissingPage(files.root, status.landingPage()));
      }
    },
    (error: unknown) => {
      if (response.headersSent) {
        response.destroy(error instanceof Error ? error : undefined);
      } else {
        respond(response, 500, 'text/plain', `Reading the web client failed: ${String(error)}\n`);
      }
    },
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function buildMissingPage(clientDir: string, landingPage: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Futura: web client not built</title></head>',
    '<body style="font-family: system-ui, sans-serif; max-width: 42rem; margin: 3rem auto; line-height: 1.5">',
    '<h1>The web client is not built yet</h1>',
    `<p>The hotel is running, but <code>${escapeHtml(clientDir)}</code> has no <code>index.html</code>.`,
    ' Build the client with <code>npm run build</code> in the repository, then reload this page.',
    ' (<code>npm start</code> builds it by itself when it is missing or older than its sources.)</p>',
    `<pre>${escapeHtml(landingPage)}</pre>`,
    '</body></html>',
    '',
  ].join('\n');
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
