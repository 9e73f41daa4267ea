// The page in Chromium: highlights, panel, legend toggles, click-to-focus, exports, errors, and how
// its files load.
//
// The assertions are about what a correct analyser must find in the test text written here
// (a person named in full, a quote whose speaker is a pronoun, …), never about one exact output.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WWW, analyse, launch, open, panelText, serve } from './helpers.mjs';

const ARTICLE = `KYIV — Ukraine’s cyber police said on Monday that a ransomware attack had shut down the payment systems of a state bank for two days.

“The attackers used a phishing email to get in and then moved through the network,” said Oksana Melnyk, the head of the cyber police. She said the group behind the attack, known as Sandworm, was linked to Russian military intelligence.

Melnyk added that investigators had found a flaw, CVE-2024-3400, in the bank’s firewall. “It had not been patched for months,” she said.`;

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
  await open(browser.page, server.url);
  await analyse(browser.page, ARTICLE);
});

after(async () => {
  await browser?.close();
  server?.close();
});

describe('highlights', () => {
  test('a person named in full is highlighted as a person', async () => {
    const people = await browser.page.$$eval('#nm-backdrop .nm-a.nm-k-person', (marks) =>
      marks.map((m) => m.textContent));
    assert.ok(people.includes('Oksana Melnyk'), `person highlights: ${JSON.stringify(people)}`);
  });

  test('places and organisations are highlighted by kind', async () => {
    const kinds = await browser.page.$$eval('#nm-backdrop .nm-a', (marks) =>
      marks.map((m) => [m.className, m.textContent]));
    const places = kinds.filter(([c]) => c.includes('nm-k-place')).map(([, t]) => t);
    assert.ok(places.includes('Ukraine') || places.includes('KYIV'), `places: ${JSON.stringify(places)}`);
  });

  test('quotes are highlighted and labelled with their speaker, even by pronoun', async () => {
    const quotes = await browser.page.$$eval('#nm-backdrop .nm-q-first', (marks) =>
      marks.map((m) => [m.closest('.nm-q')?.textContent ?? m.textContent, m.dataset.nmLabel]));
    const labels = Object.fromEntries(quotes.map(([text, label]) => [text.slice(0, 20), label]));
    assert.equal(quotes.length, 2, JSON.stringify(quotes));
    assert.equal(labels['“The attackers used '], 'Oksana Melnyk');
    // "she said": the pronoun resolves to the last person named.
    assert.equal(labels['“It had not been pat'], 'Oksana Melnyk');
  });

  test('cyber terms are highlighted by category', async () => {
    const terms = await browser.page.$$eval('#nm-backdrop .nm-t', (marks) =>
      marks.map((m) => [m.className.match(/nm-c-([a-z-]+)/)?.[1], m.textContent]));
    const byCategory = (category) => terms.filter(([c]) => c === category).map(([, t]) => t);
    assert.ok(byCategory('attack').some((t) => t.includes('ransomware')), JSON.stringify(terms));
    assert.ok(byCategory('vulnerability').includes('CVE-2024-3400'), JSON.stringify(terms));
    assert.ok(byCategory('threat-actor').includes('Sandworm'), JSON.stringify(terms));
  });

  test('an actor inside a quote keeps both highlights', async () => {
    await analyse(browser.page, '“We will not give in to Russia,” said Oksana Melnyk.');
    const nested = await browser.page.$$eval('#nm-backdrop .nm-q .nm-a', (marks) =>
      marks.map((m) => m.textContent));
    assert.deepEqual(nested, ['Russia']);
    await analyse(browser.page, ARTICLE);
  });

  test('the highlighted copy holds exactly the text, aligned with the editor', async () => {
    const same = await browser.page.evaluate(() =>
      document.querySelector('#nm-backdrop').textContent === `${document.querySelector('#nm-input').value} `);
    assert.ok(same);
  });
});

describe('side panel', () => {
  test('lists the person with mentions, the quotes with speaker and cue, the terms with ids', async () => {
    const panel = await panelText(browser.page);
    assert.match(panel.actors, /People[\s\S]*Oksana Melnyk/);
    assert.match(panel.actors, /Oksana Melnyk\s*2×/, panel.actors);
    assert.match(panel.quotes, /Oksana Melnyk[\s\S]*cue “said”/);
    assert.match(panel.terms, /Vulnerabilit[\s\S]*CVE-2024-3400/);
    assert.match(panel.terms, /Sandworm[\s\S]*G0034/);
  });

  test('clicking an actor marks all its mentions and scrolls to the first', async () => {
    const { page } = browser;
    await page.locator('#nm-actors-list button', { hasText: 'Oksana Melnyk' }).click();
    const focused = await page.$$eval('#nm-backdrop .nm-focus', (marks) => marks.map((m) => m.textContent));
    assert.deepEqual(focused, ['Oksana Melnyk', 'Melnyk']);
  });

  test('clicking a quote marks it', async () => {
    const { page } = browser;
    await page.locator('#nm-quotes-list button').first().click();
    const focused = await page.$eval('#nm-backdrop .nm-focus', (mark) => mark.textContent);
    assert.ok(focused.startsWith('“The attackers'), focused);
  });
});

describe('legend', () => {
  test('toggles are buttons with aria-pressed and counts, and hide their highlights', async () => {
    const { page } = browser;
    const toggle = page.locator('#nm-legend button[data-nm-toggle="quotes"]');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.match(await toggle.innerText(), /Quotes\s*2/);
    const quoteBackground = () => page.$eval('#nm-backdrop .nm-q', (q) => getComputedStyle(q).backgroundColor);
    const shown = await quoteBackground();
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await quoteBackground(), 'rgba(0, 0, 0, 0)');
    await toggle.click();
    assert.equal(await quoteBackground(), shown);
  });

  test('a kind can be hidden on its own', async () => {
    const { page } = browser;
    const toggle = page.locator('#nm-legend button[data-nm-toggle="person"]');
    await toggle.click();
    const hidden = await page.$eval('#nm-backdrop .nm-k-person', (m) => getComputedStyle(m).backgroundColor);
    assert.equal(hidden, 'rgba(0, 0, 0, 0)');
    await toggle.click();
  });
});

describe('editing', () => {
  test('typing keeps the caret and the highlights follow the text', async () => {
    const { page } = browser;
    await page.focus('#nm-input');
    await page.evaluate(() => document.querySelector('#nm-input').setSelectionRange(0, 0));
    await page.keyboard.type('BREAKING: ');
    const caret = await page.$eval('#nm-input', (input) => input.selectionStart);
    assert.equal(caret, 'BREAKING: '.length);
    await page.waitForFunction(() => document.querySelector('#nm-status').dataset.state === 'done');
    const aligned = await page.evaluate(() => {
      const input = document.querySelector('#nm-input').value;
      return document.querySelector('#nm-backdrop').textContent === `${input} `;
    });
    assert.ok(aligned);
    assert.equal(await page.$eval('#nm-input', (input) => input.selectionStart), caret);
  });
});

describe('page hygiene', () => {
  test('no console errors or page errors', () => {
    assert.deepEqual(browser.problems, []);
  });

  test('index.html names every module the page imports, so all are fetched at once', () => {
    const html = readFileSync(join(WWW, 'index.html'), 'utf8');
    const named = new Set([...html.matchAll(/<(?:link rel="modulepreload" href|script type="module" src)="([^"]+)"/g)].map((m) => m[1]));
    const imported = new Set();
    const visit = (file) => {
      if (imported.has(file)) return;
      imported.add(file);
      const source = readFileSync(join(WWW, file), 'utf8');
      for (const [, spec] of source.matchAll(/^import .* from '\.\/([\w-]+\.js)';$/gm)) visit(spec);
    };
    visit('app.js');
    assert.deepEqual([...named].sort(), [...imported].sort());
  });

  test('the wasm is downloaded once: the preload in index.html is the download the analyser uses', async () => {
    const downloads = await browser.page.evaluate(() =>
      performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.wasm')).length);
    assert.equal(downloads, 1);
  });
});
