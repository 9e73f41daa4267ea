// The exported JSON has the command line's shape with UTF-16 offsets: for every span,
// `text.slice(start, end) === span.text`, with emoji, combining marks and right-to-left text.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { analyse, launch, open, serve } from './helpers.mjs';

const TEXT = `🙂 BREAKING 👩‍👩‍👧: “We will not pay the hackers,” said Anna Kowalska, Poland’s digital minister.

Zoe\u0308 Ha\u030akansson, a researcher in Malmo\u0308, said the ransomware attack used CVE-2024-3400. “It was 𝐬𝐞𝐯𝐞𝐫𝐞,” she said.

قال المتحدث إن الهجوم كان خطيرا. Iran denied any role in the cyberattack on Tehran’s airport, officials said.`;

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await open(browser.page, server.url);
  await analyse(browser.page, TEXT);
});

after(async () => {
  await browser?.close();
  server?.close();
});

function spans(analysis) {
  const out = [];
  const add = (span) => span && out.push(span);
  for (const actor of analysis.actors) actor.mentions.forEach(add);
  for (const quote of analysis.quotes) [quote, quote.speaker_span, quote.cue].forEach(add);
  analysis.terms.forEach(add);
  return out;
}

function assertShape(analysis) {
  assert.deepEqual(Object.keys(analysis).sort(), ['actors', 'quotes', 'terms']);
  for (const actor of analysis.actors) {
    assert.equal(typeof actor.id, 'number');
    assert.ok(['person', 'organization', 'place'].includes(actor.kind), actor.kind);
    assert.ok(Array.isArray(actor.mentions) && actor.mentions.length > 0);
  }
  for (const quote of analysis.quotes) {
    for (const key of ['speaker', 'speaker_name', 'speaker_span', 'cue']) assert.ok(key in quote, key);
  }
  for (const term of analysis.terms) {
    assert.ok('ref' in term);
    assert.ok(
      ['attack', 'malware', 'threat-actor', 'vulnerability', 'technique', 'indicator', 'influence']
        .includes(term.category),
      term.category,
    );
  }
}

test('downloaded JSON: CLI shape, and every span slices back out of the text', async () => {
  const { page } = browser;
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#nm-download-json')]);
  assert.match(download.suggestedFilename(), /utf16\.json$/);
  const analysis = JSON.parse(await readFile(await download.path(), 'utf8'));
  assertShape(analysis);
  const all = spans(analysis);
  assert.ok(all.length >= 6, `found ${all.length} spans`);
  for (const span of all) assert.equal(TEXT.slice(span.start, span.end), span.text);
  assert.ok(analysis.quotes.some((q) => q.text === '“It was 𝐬𝐞𝐯𝐞𝐫𝐞,”'), JSON.stringify(analysis.quotes));
});

test('copied JSON is the same analysis', async () => {
  const { page } = browser;
  await page.click('#nm-copy-json');
  await page.waitForFunction(() => document.querySelector('#nm-copy-json').textContent === 'Copied');
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  for (const span of spans(copied)) assert.equal(TEXT.slice(span.start, span.end), span.text);
});

test('each highlight covers exactly its span', async () => {
  const { page } = browser;
  const marks = await page.$$eval('#nm-backdrop .nm-a', (found) => found.map((m) => m.textContent));
  assert.ok(marks.includes('Anna Kowalska'), JSON.stringify(marks));
  assert.ok(marks.some((m) => m.normalize('NFC') === 'Malmö'), JSON.stringify(marks));
});
