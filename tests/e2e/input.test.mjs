// Ways in: the samples, a .txt file opened or dropped, Clear; a failure shown in the page, a server
// that mislabels the wasm, and a trapped analyser replaced.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, open, panelText, serve, settled } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
  await open(browser.page, server.url);
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('every sample finds actors, quotes with speakers, and cyber terms', async () => {
  const { page } = browser;
  const buttons = page.locator('#nm-samples button');
  const count = await buttons.count();
  assert.ok(count >= 3);
  for (let i = 0; i < count; i++) {
    await buttons.nth(i).click();
    await settled(page);
    const found = await page.evaluate(() => ({
      people: document.querySelectorAll('#nm-backdrop .nm-k-person').length,
      quotes: document.querySelectorAll('#nm-backdrop .nm-q-first').length,
      labelled: [...document.querySelectorAll('#nm-backdrop .nm-q-first')]
        .filter((q) => q.dataset.nmLabel !== 'speaker unknown').length,
      terms: document.querySelectorAll('#nm-backdrop .nm-t').length,
    }));
    const name = await buttons.nth(i).innerText();
    assert.ok(found.people > 0 && found.quotes >= 4 && found.terms > 0, `${name}: ${JSON.stringify(found)}`);
    assert.ok(found.labelled >= 4, `${name}: ${JSON.stringify(found)}`);
  }
});

test('a .txt file can be opened, or dropped on the page', async () => {
  const { page } = browser;
  const opened = 'A cyberattack hit Lisbon, officials said.';
  await page.setInputFiles('#nm-file', { name: 'news.txt', mimeType: 'text/plain', buffer: Buffer.from(opened) });
  await page.waitForFunction((text) => document.querySelector('#nm-input').value === text, opened);

  const dropped = '“We are investigating the breach,” said Maria Santos.';
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.txt', { type: 'text/plain' }));
    for (const type of ['dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, dropped);
  await page.waitForFunction((text) => document.querySelector('#nm-input').value === text, dropped);
  await settled(page);
  assert.match((await panelText(page)).quotes, /Maria Santos/);
});

test('a file that is not text is refused with a message in the page', async () => {
  const { page } = browser;
  await page.setInputFiles('#nm-file', { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50]) });
  await page.waitForSelector('#nm-alert:not([hidden])');
  assert.match(await page.innerText('#nm-alert-text'), /photo\.png is not a text file/);
  await page.click('#nm-alert-close');
});

test('Clear empties the text, the highlights and the panel', async () => {
  const { page } = browser;
  await page.click('#nm-clear');
  await settled(page);
  assert.equal(await page.$eval('#nm-input', (input) => input.value), '');
  assert.equal(await page.$$eval('#nm-backdrop span', (marks) => marks.length), 0);
  assert.match((await panelText(page)).quotes, /No quotes/);
});

test('when the analyser cannot load, the page says so', async () => {
  const failing = await launch();
  try {
    await failing.page.route('**/newsmark_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await failing.page.goto(server.url);
    await failing.page.waitForSelector('#nm-alert:not([hidden])');
    assert.match(await failing.page.innerText('#nm-alert-text'), /analyser could not load/);
  } finally {
    await failing.close();
  }
});

test('from a server that does not say application/wasm, the analyser still loads', async () => {
  const plain = await launch();
  try {
    const { page } = plain;
    await page.route('**/newsmark_bg.wasm', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
    });
    await open(page, server.url);
    await page.fill('#nm-input', 'Oksana Melnyk said a ransomware attack hit Kyiv.');
    await settled(page);
    assert.ok(await page.$$eval('#nm-backdrop .nm-k-person', (marks) => marks.some((m) => m.textContent === 'Oksana Melnyk')));
    assert.deepEqual(plain.problems, []);
  } finally {
    await plain.close();
  }
});

test('when the analyser traps, a new one takes over and analyses the next text', async () => {
  const trapping = await launch();
  try {
    const { page } = trapping;
    // Every worker answers a text holding TRAP as the wasm answers a bug in the core.
    await page.route('**/worker.js', async (route) => {
      const response = await route.fetch();
      const trap = `addEventListener('message', (event) => {
        if (!event.data.text?.includes('TRAP')) return;
        event.stopImmediatePropagation();
        postMessage({ type: 'error', id: event.data.id, message: 'unreachable', fatal: true });
      });\n`;
      await route.fulfill({ response, body: trap + (await response.text()) });
    });
    await open(page, server.url);
    await page.fill('#nm-input', 'TRAP: Oksana Melnyk said a ransomware attack hit Kyiv.');
    await page.waitForSelector('#nm-alert:not([hidden])');
    assert.match(await page.innerText('#nm-alert-text'), /internal error \(unreachable\) and was restarted/);
    await page.fill('#nm-input', 'Oksana Melnyk said a ransomware attack hit Kyiv.');
    await settled(page);
    assert.equal(await page.$eval('#nm-status', (status) => status.dataset.state), 'done');
    assert.ok(await page.$$eval('#nm-backdrop .nm-k-person', (marks) => marks.some((m) => m.textContent === 'Oksana Melnyk')));
  } finally {
    await trapping.close();
  }
});
