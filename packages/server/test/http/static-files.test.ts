// The web client's files over HTTP: content types, caching, the fallback to
// index.html for client routes, and paths that try to leave the build folder.

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { createHttpServer } from '../../src/http/http-server.ts';
import { contentTypeOf, resolveUnderRoot } from '../../src/http/static-files.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a GET (or HEAD) with the path exactly as given, which fetch would normalise first. */
function rawGet(port: number, rawPath: string, method = 'GET', headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path: rawPath, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end();
  });
}

async function listen(clientDir: string): Promise<{ server: Server; port: number }> {
  const server = createHttpServer({
    isReady: () => true,
    landingPage: () => 'Futura hotel\nWebSocket: ws://127.0.0.1:1/ws\n<script>',
    metrics: async () => ({ contentType: 'text/plain', body: '' }),
    clientDir,
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

describe('web client files', () => {
  let folder: string;
  let server: Server;
  let port: number;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'futura-static-'));
    const dist = path.join(folder, 'dist');
    mkdirSync(path.join(dist, 'assets'), { recursive: true });
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Futura</title>');
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("client");');
    writeFileSync(path.join(dist, 'assets', 'index-abc123.css'), 'body{}');
    writeFileSync(path.join(dist, 'robots.txt'), 'User-agent: *');
    writeFileSync(path.join(folder, 'secret.txt'), 'SECRET-OUTSIDE-DIST');
    symlinkSync(path.join(folder, 'secret.txt'), path.join(dist, 'linked-secret.txt'));
    ({ server, port } = await listen(dist));
  });

  after(async () => {
    server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('root serves index.html', async () => {
    const response = await rawGet(port, '/');
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(response.headers['cache-control'], 'no-cache');
    assert.match(response.body, /<title>Futura<\/title>/);
  });

  test('hashed assets are cached for a year', async () => {
    const script = await rawGet(port, '/assets/index-abc123.js');
    assert.equal(script.status, 200);
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(script.headers['x-content-type-options'], 'nosniff');
    assert.equal(script.body, 'console.log("client");');

    const style = await rawGet(port, '/assets/index-abc123.css');
    assert.equal(style.headers['content-type'], 'text/css; charset=utf-8');
  });

  test('unknown route falls back to index.html', async () => {
    for (const route of ['/room/12', '/navigator', '/a/b/c']) {
      const response = await rawGet(port, route);
      assert.equal(response.status, 200, route);
      assert.match(response.body, /<title>Futura<\/title>/, route);
    }
  });

  test('missing files answer 404, not index.html', async () => {
    for (const missing of ['/assets/index-zzz.js', '/missing.css', '/assets/no-extension']) {
      const response = await rawGet(port, missing);
      assert.equal(response.status, 404, missing);
      assert.doesNotMatch(response.body, /<title>/, missing);
    }
  });

  test('paths outside the build folder are refused', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00/secret.txt',
      '/linked-secret.txt',
      '/%E0%A4%A',
    ];
    for (const attempt of attempts) {
      const response = await rawGet(port, attempt);
      assert.doesNotMatch(response.body, /SECRET-OUTSIDE-DIST/, attempt);
      assert.notEqual(response.status, 500, attempt);
    }
  });

  test('HEAD sends headers without a body', async () => {
    const response = await rawGet(port, '/robots.txt', 'HEAD');
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(response.headers['content-length'], String('User-agent: *'.length));
    assert.equal(response.body, '');
  });

  test('matching ETag answers 304', async () => {
    const first = await rawGet(port, '/');
    const etag = first.headers.etag;
    assert.equal(typeof etag, 'string');
    const second = await rawGet(port, '/', 'GET', { 'if-none-match': etag as string });
    assert.equal(second.status, 304);
    assert.equal(second.body, '');
  });

  test('probes and WebSocket path keep their answers', async () => {
    const health = await rawGet(port, '/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.body, '{"status":"ok"}\n');

    const ready = await rawGet(port, '/readyz');
    assert.equal(ready.status, 200);

    const socketPath = await rawGet(port, '/ws');
    assert.equal(socketPath.status, 426);
  });

  test('other methods answer 405', async () => {
    const response = await rawGet(port, '/', 'POST');
    assert.equal(response.status, 405);
  });
});

describe('web client not built', () => {
  test('root answers 503 saying to run the build', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'futura-static-'));
    const { server, port } = await listen(path.join(folder, 'dist'));
    try {
      for (const route of ['/', '/room/3', '/assets/index-abc123.js']) {
        const response = await rawGet(port, route);
        assert.equal(response.status, 503, route);
        assert.equal(response.headers['content-type'], 'text/html; charset=utf-8', route);
        assert.match(response.body, /npm run build/, route);
      }
      const page = await rawGet(port, '/');
      assert.match(page.body, /WebSocket: ws:\/\/127\.0\.0\.1:1\/ws/);
      assert.doesNotMatch(page.body, /<script>/, 'the landing text is escaped');
    } finally {
      server.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('resolveUnderRoot', () => {
  test('keeps paths inside the root', () => {
    assert.equal(resolveUnderRoot('/srv/dist', '/index.html'), path.resolve('/srv/dist/index.html'));
    assert.equal(resolveUnderRoot('/srv/dist', '/assets/a%20b.js'), path.resolve('/srv/dist/assets/a b.js'));
  });

  test('rejects escapes and malformed paths', () => {
    for (const bad of ['/../etc/passwd', '/a/../../etc', '/%2e%2e/x', '/..%2fx', '/a\\..\\x', '/x%00', '/%E0%A4%A', 'relative']) {
      assert.equal(resolveUnderRoot('/srv/dist', bad), null, bad);
    }
  });
});

describe('contentTypeOf', () => {
  test('maps extensions case-insensitively', () => {
    assert.equal(contentTypeOf('a.HTML'), 'text/html; charset=utf-8');
    assert.equal(contentTypeOf('b.svg'), 'image/svg+xml');
    assert.equal(contentTypeOf('c.woff2'), 'font/woff2');
    assert.equal(contentTypeOf('d.unknown'), 'application/octet-stream');
  });
});
