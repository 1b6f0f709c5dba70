// Launches Debian's Chromium for the browser tests with playwright-core,
// which never downloads a browser of its own here.

import { existsSync } from 'node:fs';

import { chromium, type Browser } from 'playwright-core';

/** The real binary; /usr/bin/chromium is a shell wrapper that prints a harmless error under Playwright. */
export const CHROMIUM_PATH = '/usr/lib/chromium/chromium';

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium. Each launch gets a fresh temporary profile (Playwright
 * creates and deletes the user data folder), so no state leaks between runs.
 * Throws with the install command when Chromium is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}. Install Debian's package with \`apt-get update && apt-get install -y chromium\` (.ci/run does this when it runs as root).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumFlags, timeout: 30_000 });
}
