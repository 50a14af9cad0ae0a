import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { ROOT } from './spawned-demo.js';

/** Debian's Chromium (`.ci/run` installs it with apt-get). */
export const CHROMIUM = '/usr/bin/chromium';

/** Where browser tests write their screenshots (gitignored). */
export const SCREENSHOT_DIR = join(ROOT, 'test-output');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh profile; `close()` removes the profile too. */
export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Debian's Chromium through playwright-core, with `extraArgs` after the usual flags. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'demo-chromium-'));
  try {
    // A persistent context is how Playwright takes a given --user-data-dir: here, a fresh one per launch.
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...FLAGS, ...extraArgs],
      viewport: { width: 1200, height: 900 },
    });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
