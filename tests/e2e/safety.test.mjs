// Pasted text is only ever text: markup in it creates no element and runs no script, in the
// highlighted view, the panel, the tooltips or the exported HTML. And nothing leaves the page.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { analyse, launch, open, serve } from './helpers.mjs';

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<svg/onload=alert(1)>',
  '"><img src=x onerror=alert(1)>',
  "'><script>alert(1)</script>",
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<<SCRIPT>alert(1);//<</SCRIPT>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="jav&#x09;ascript:alert(1)">click</a>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<style>*{display:none}</style>',
  '&lt;img src=x onerror=alert(1)&gt;',
];

// The payloads sit where the analyser will pick them up: inside a quote, as a speaker's name,
// next to an indicator and a cyber term.
const TEXT = PAYLOADS.map((payload, i) =>
  `“${payload} is the ransomware attack,” said Anna ${payload} Kowalska at evil${i}[.]com. ${payload}`,
).join('\n\n');

const ACTIVE = 'img, script:not([src]), iframe, svg, math, style, object, embed, a[href]';

let server;
let browser;
const dialogs = [];

before(async () => {
  server = await serve();
  browser = await launch();
  browser.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  await open(browser.page, server.url);
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('markup in pasted text creates no element and fires no dialog', async () => {
  const { page } = browser;
  await analyse(page, TEXT);
  await page.hover('#nm-input', { position: { x: 120, y: 40 } });
  await page.locator('#nm-quotes-list button').first().click();
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.$$eval(ACTIVE, (found) => found.length), 0);
  const shown = await page.$eval('#nm-backdrop', (view) => view.textContent);
  for (const payload of PAYLOADS) assert.ok(shown.includes(payload), `shown as text: ${payload}`);
  assert.deepEqual(browser.problems, []);
});

test('the exported HTML escapes the text', async () => {
  const { page } = browser;
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#nm-download-html')]);
  const html = await readFile(await download.path(), 'utf8');
  assert.ok(!/<(img|script|svg|iframe|math|style|a)\b/i.test(html), 'no markup from the text');
  const parsed = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    return { active: doc.body.querySelectorAll('img,script,svg,iframe,math,style,a').length, text: doc.body.textContent };
  }, html);
  assert.equal(parsed.active, 0);
  assert.equal(parsed.text.trim(), TEXT.trim(), 'the snippet reads as the original text');
});

test('analysing sends no request', async () => {
  const { page } = browser;
  const requests = [];
  const record = (request) => requests.push(request.url());
  page.on('request', record);
  await analyse(page, 'Officials said a ransomware attack hit Kyiv. “We are working on it,” said Oksana Melnyk.');
  await page.keyboard.type(' More text.');
  await page.waitForTimeout(500);
  await page.locator('#nm-actors-list button').first().click();
  page.off('request', record);
  assert.deepEqual(requests, []);
});
