// Builds the web client (packages/client/dist) when it is missing or older
// than anything it is built from: the client's sources and config, and the
// SDK and protocol sources that Vite bundles into it. `npm start` and
// `npm test` run this first, so a fresh clone needs no separate build step.
// Pass --force to build regardless.

import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const repository = path.resolve(import.meta.dirname, '..');
const client = path.join(repository, 'packages', 'client');
const builtIndex = path.join(client, 'dist', 'index.html');

const inputs = [
  path.join(client, 'src'),
  path.join(client, 'index.html'),
  path.join(client, 'vite.config.ts'),
  path.join(client, 'package.json'),
  path.join(repository, 'packages', 'sdk', 'src'),
  path.join(repository, 'packages', 'protocol', 'src'),
];

/** Returns the newest modification time (ms) of a file or of any file under a folder, or 0 if it is missing. */
function newestChange(target) {
  let stats;
  try {
    stats = statSync(target);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) {
    return stats.mtimeMs;
  }
  let newest = 0;
  for (const entry of readdirSync(target)) {
    newest = Math.max(newest, newestChange(path.join(target, entry)));
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(builtIndex).mtimeMs;
  } catch {
    return null;
  }
}

const force = process.argv.includes('--force');
const built = builtAt();
const sourcesChanged = Math.max(...inputs.map(newestChange));

if (!force && built !== null && built >= sourcesChanged) {
  process.exit(0);
}

console.error(built === null ? 'Building the web client (no build yet)…' : 'Building the web client (sources changed since the last build)…');
const vite = path.join(repository, 'node_modules', 'vite', 'bin', 'vite.js');
const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: client, stdio: 'inherit' });
if (result.error !== undefined) {
  console.error(`Building the web client failed to start: ${result.error.message}. Run \`npm install\` first.`);
  process.exit(1);
}
if (result.status !== 0) {
  console.error(`Building the web client failed (vite exited with ${result.status ?? result.signal}). Fix the errors above, then run \`npm run build\`.`);
  process.exit(1);
}
