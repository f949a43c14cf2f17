import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium: no browser download is possible here (scripts/setup-chromium.sh installs it). */
const BROWSER = '/usr/bin/chromium';

/** Starts Debian's Chromium headless for the report pages; fails with the fix when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  assert.ok(
    existsSync(BROWSER),
    `${BROWSER} is missing: install Debian's chromium (bash scripts/setup-chromium.sh does, as root)`,
  );
  return chromium.launch({
    executablePath: BROWSER,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A new tab on a page from disk, collecting its script errors and console errors (a CSP refusal among them). */
export async function openPage(
  browser: Browser | undefined,
  file: string,
): Promise<{ readonly tab: Page; readonly errors: string[] }> {
  const tab = await browser?.newPage({ viewport: { width: 1280, height: 900 } });
  assert.ok(tab !== undefined, 'the browser is running');
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await tab.goto(pathToFileURL(file).href);
  return { tab, errors };
}
