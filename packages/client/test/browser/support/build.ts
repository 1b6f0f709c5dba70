// Makes sure packages/client/dist is current before a browser test serves it.

import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../../../../..');

/** Runs scripts/build-client.mjs, which builds only when the sources are newer than dist. */
export function ensureClientBuilt(): void {
  execFileSync(process.execPath, [path.join(REPOSITORY_ROOT, 'scripts', 'build-client.mjs')], { cwd: REPOSITORY_ROOT, stdio: 'inherit' });
}
