// Serves the built web client (packages/client/dist) over HTTP. Only files
// under one root folder are served, with content types by extension and long
// caching for the content-hashed files under assets/. Any other path that
// names no file gets index.html, so client-side routes survive a reload.

import { createReadStream, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Vite names the files in assets/ after a hash of their content, so a cached copy never goes stale. */
const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files are checked with the server on every load. */
const REVALIDATE_CACHE = 'no-cache';

export type StaticResult = 'served' | 'not-found' | 'no-build';

/** Returns the content type for a file name, by its extension. */
export function contentTypeOf(fileName: string): string {
  return contentTypes[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Resolves a URL path to a file path under `root`. Returns null for invalid
 * percent-encoding, a NUL byte, a backslash or a `..` segment (encoded or
 * not), so nothing can climb above the root. The result is not checked for
 * existence or symbolic links.
 */
export function resolveUnderRoot(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) {
    return null;
  }
  const segments = decoded.split('/');
  if (segments.includes('..')) {
    return null;
  }

  const resolvedRoot = path.resolve(root);
  const resolved = path.resolve(resolvedRoot, `.${path.posix.normalize(decoded)}`);
  if (resolved !== resolvedRoot && !resolved.startsWith(resolvedRoot + path.sep)) {
    return null;
  }
  return resolved;
}

/** Returns whether a URL path names a file (its last segment has an extension) rather than a client-side route. */
function looksLikeFile(urlPath: string): boolean {
  const last = urlPath.slice(urlPath.lastIndexOf('/') + 1);
  return last.includes('.') || urlPath.startsWith('/assets/');
}

/**
 * Serves the files of one folder. `serve` handles GET and HEAD requests and
 * returns what it did, so the caller can send its own page when the folder
 * has not been built yet.
 *
 * @example
 * const files = new StaticFiles('/srv/futura/packages/client/dist');
 * const result = await files.serve(request, response, url.pathname);
 * if (result === 'no-build') respond(response, 503, 'text/html', buildMissingPage());
 */
export class StaticFiles {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Returns whether the build exists, that is whether the folder contains an index.html. */
  async isBuilt(): Promise<boolean> {
    return (await fileStats(path.join(this.root, 'index.html'))) !== null;
  }

  async serve(request: IncomingMessage, response: ServerResponse, urlPath: string): Promise<StaticResult> {
    const realRoot = await realpathOrNull(this.root);
    if (realRoot === null || !(await this.isBuilt())) {
      return 'no-build';
    }

    const candidate = resolveUnderRoot(this.root, urlPath === '/' ? '/index.html' : urlPath);
    if (candidate !== null) {
      const file = await this.#fileUnderRoot(candidate, realRoot);
      if (file !== null) {
        this.#send(request, response, file.path, file.stats);
        return 'served';
      }
    }

    // A missing path that names a file (or lies under assets/) gets a 404,
    // because serving index.html for it would hand a script tag HTML.
    if (candidate === null || looksLikeFile(urlPath)) {
      return 'not-found';
    }
    const index = await this.#fileUnderRoot(path.join(this.root, 'index.html'), realRoot);
    if (index === null) {
      return 'no-build';
    }
    this.#send(request, response, index.path, index.stats);
    return 'served';
  }

  // Follows symbolic links and accepts the file only if it still lies under the real root.
  async #fileUnderRoot(candidate: string, realRoot: string): Promise<{ path: string; stats: Stats } | null> {
    const real = await realpathOrNull(candidate);
    if (real === null || (real !== realRoot && !real.startsWith(realRoot + path.sep))) {
      return null;
    }
    const stats = await fileStats(real);
    return stats === null ? null : { path: real, stats };
  }

  #send(request: IncomingMessage, response: ServerResponse, filePath: string, stats: Stats): void {
    const relative = path.relative(this.root, filePath).split(path.sep).join('/');
    const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = {
      'content-type': contentTypeOf(filePath),
      'cache-control': relative.startsWith('assets/') ? HASHED_ASSET_CACHE : REVALIDATE_CACHE,
      'last-modified': stats.mtime.toUTCString(),
      etag,
      'x-content-type-options': 'nosniff',
    };

    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }

    headers['content-length'] = String(stats.size);
    response.writeHead(200, headers);
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const stream = createReadStream(filePath);
    stream.on('error', (error) => response.destroy(error));
    stream.pipe(response);
  }
}

async function realpathOrNull(target: string): Promise<string | null> {
  try {
    return await realpath(target);
  } catch {
    return null;
  }
}

/** Returns the stats of a regular file, or null for a folder, a missing path or an unreadable one. */
async function fileStats(target: string): Promise<Stats | null> {
  try {
    const stats = await stat(target);
    return stats.isFile() ? stats : null;
  } catch {
    return null;
  }
}
