import { browserLaunchOptions, INSTALL_HINT } from '../e2e/support/find-browser';

if (!browserLaunchOptions()) {
  console.error(`No browser for the Playwright journeys. Install one with:\n\n  ${INSTALL_HINT}\n`);
  process.exit(1);
}
