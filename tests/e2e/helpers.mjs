// Shared set-up for the browser tests: serve www/ on a free loopback port, drive Debian's
// Chromium through playwright-core, and collect what the page logs and requests.

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const WWW = fileURLToPath(new URL('../../www/', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));

/** Flags that keep Chromium from reaching for the network, which is closed here. */
const QUIET = [
  '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-sandbox',
];

/** Serves www/ with Python's http.server on a port the OS picks; resolves to its base URL. */
export async function serve() {
  const server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', WWW], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    server.stdout.on('data', (chunk) => {
      seen += chunk;
      const port = /port (\d+)/.exec(seen)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}/`);
    });
    server.on('exit', (code) => reject(new Error(`http.server exited with ${code}: ${seen}`)));
  });
  return { url, close: () => server.kill() };
}

/**
 * A fresh browser profile with one page; `problems` collects console errors and page errors.
 * `args` are further Chromium flags (the benchmark's `--js-flags=--expose-gc`).
 */
export async function launch({ viewport = { width: 1360, height: 900 }, colorScheme = 'light', mobile = false, args = [] } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'newsmark-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...QUIET, ...args],
    viewport,
    colorScheme,
    isMobile: mobile,
    hasTouch: mobile,
    deviceScaleFactor: mobile ? 2 : 1,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  const close = async () => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  };
  return { context, page, problems, close };
}

/** Opens the page and waits until the analyser has loaded. */
export async function open(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('#nm-status')?.dataset.loadMs !== undefined);
}

/** Puts `text` in the editor as a paste would, and waits for its analysis to be drawn. */
export async function analyse(page, text) {
  await page.fill('#nm-input', text);
  await settled(page);
}

/**
 * Pastes `text` over the editor's content through the clipboard, as a reader would (fill()
 * types long texts far more slowly than a paste). Needs the clipboard permissions.
 */
export async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus('#nm-input');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}

/** Waits until the highlights shown are those of the editor's current text. */
export async function settled(page, timeout = 30_000) {
  await page.waitForFunction(
    () => {
      const status = document.querySelector('#nm-status');
      return status.dataset.state === 'done' || status.dataset.state === 'error';
    },
    null,
    { timeout },
  );
}

/** What the side panel lists, as plain text per section. */
export async function panelText(page) {
  return page.evaluate(() => ({
    actors: document.querySelector('#nm-actors-list').innerText,
    quotes: document.querySelector('#nm-quotes-list').innerText,
    terms: document.querySelector('#nm-terms-list').innerText,
  }));
}
