// The single-file page (dist/newsmark.html) opened from disk, with the browser offline: it
// loads its analyser, highlights a pasted article, and makes no network request at all.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { DIST, ensureDist } from './embed-support.mjs';
import { launch, open, settled } from './helpers.mjs';

const ARTICLE = `Officials in Denmark said on Tuesday that a ransomware attack had stopped billing at a regional water utility.

“The attackers got in through an old VPN server,” said Lars Holm, the utility’s chief executive. “We shut the network down within two hours.

“No customer data appears to have been taken,” he added. Investigators linked the intrusion to Sandworm and to CVE-2023-4966.`;

let browser;
const requests = [];

before(async () => {
  ensureDist();
  browser = await launch();
  await browser.context.setOffline(true);
  browser.context.on('request', (request) => requests.push(request.url()));
  await open(browser.page, pathToFileURL(join(DIST, 'newsmark.html')).href);
});

after(async () => {
  await browser?.close();
});

test('the file carries its own strict policy: inline blocks allowed by hash only, no network', () => {
  const html = readFileSync(join(DIST, 'newsmark.html'), 'utf8');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'sha256-[^']+' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'|connect-src/);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+stylesheet/, 'nothing is loaded from beside the file');
});

test('opened from file://, it highlights a pasted article', async () => {
  const { page } = browser;
  await page.focus('#nm-input');
  await page.keyboard.insertText(ARTICLE);
  await settled(page);
  const marks = await page.$$eval('#nm-backdrop span', (spans) => spans.map((s) => [s.className, s.textContent]));
  const has = (className, text) => marks.some(([c, t]) => c.split(' ').includes(className) && t === text);
  assert.ok(has('nm-k-person', 'Lars Holm'), JSON.stringify(marks));
  assert.ok(has('nm-c-vulnerability', 'CVE-2023-4966'), JSON.stringify(marks));
  const labels = await page.$$eval('#nm-backdrop .nm-q-first', (quotes) => quotes.map((q) => q.dataset.nmLabel));
  assert.ok(labels.length >= 3 && labels.every((label) => label === 'Lars Holm'), JSON.stringify(labels));
  assert.match(await page.innerText('#nm-quotes-list'), /Lars Holm/);
});

test('the whole session made no network request', () => {
  const network = requests.filter((url) => !/^(file|blob|data):/.test(url));
  assert.deepEqual(network, []);
  assert.ok(requests.some((url) => url.startsWith('blob:')), 'the worker started from its inlined source');
});

test('nothing went wrong in the page', () => {
  assert.deepEqual(browser.problems, []);
});
