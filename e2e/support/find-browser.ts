// Where the Playwright journeys find a browser: Playwright's own Chromium when installed
// (a developer laptop), else the distribution's Chromium (CI and servers).
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const INSTALL_HINT = 'apt-get update && apt-get install -y chromium';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const SYSTEM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launch options for the browser to use, or null when there is none. */
export function browserLaunchOptions(): { executablePath?: string; args?: string[] } | null {
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return {};
  const system = SYSTEM_CHROMIUM.find((path) => existsSync(path));
  return system ? { executablePath: system, args: SYSTEM_ARGS } : null;
}
