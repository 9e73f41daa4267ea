// The served page keeps working offline after its first visit: its service worker (www/sw.js)
// caches the page, its modules and the wasm, and serves them with no network.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureDist } from './embed-support.mjs';
import { WWW, analyse, launch, open, serve } from './helpers.mjs';

const TEXT = '“We will not give in,” said Oksana Melnyk after a ransomware attack on the city of Kyiv.';

let server;
let browser;

before(async () => {
  ensureDist(); // writes www/pkg/offline-manifest.js, the service worker's list
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the first visit installs the service worker and caches this build’s files', async () => {
  const { page } = browser;
  await open(page, server.url);
  const cached = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const names = await caches.keys();
    const cache = await caches.open(names[0]);
    return { names, urls: (await cache.keys()).map((request) => new URL(request.url).pathname) };
  });
  const { version } = JSON.parse(/= (\{[\s\S]*\});/.exec(readFileSync(join(WWW, 'pkg/offline-manifest.js'), 'utf8'))[1]);
  assert.deepEqual(cached.names, [`newsmark-shell-${version}`]);
  for (const path of ['/', '/app.js', '/worker.js', '/style.css', '/pkg/newsmark.js', '/pkg/newsmark_bg.wasm']) {
    assert.ok(cached.urls.includes(path), `${path} is cached: ${JSON.stringify(cached.urls)}`);
  }
});

test('offline, with the server gone, the page reloads from the cache and still analyses', async () => {
  const { page, context } = browser;
  server.close();
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#nm-status')?.dataset.loadMs !== undefined);
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is served by the worker');
  await analyse(page, TEXT);
  const people = await page.$$eval('#nm-backdrop .nm-a.nm-k-person', (marks) => marks.map((m) => m.textContent));
  assert.ok(people.includes('Oksana Melnyk'), JSON.stringify(people));
  assert.equal(await page.$$eval('#nm-backdrop .nm-q', (marks) => marks.length > 0), true);
});

test('nothing went wrong in the page', () => {
  assert.deepEqual(browser.problems, []);
});
