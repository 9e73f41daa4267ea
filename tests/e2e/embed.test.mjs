// The one-tag embed (dist/newsmark.js) on a blog page: highlights in the page's own markup,
// tooltips, keyboard access, layers, the JS API, and unmark restoring the markup byte for byte.
//
// The fixture (fixtures/blog.html) is written for these tests: nested markup, links, a list,
// code the embed must leave alone, and a quotation that runs over two paragraphs. Assertions
// are about what a correct analyser must find there, never one exact output.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SAMPLES } from '../../www/samples.js';
import { ensureDist, marksIn, pristineInnerHtml, quotesIn, serveFixtures, tooltipText } from './embed-support.mjs';
import { launch } from './helpers.mjs';

let server;
let browser;

before(async () => {
  ensureDist();
  server = await serveFixtures();
  browser = await launch();
  await browser.page.goto(`${server.url}blog.html`);
  await browser.page.waitForSelector('#story [data-newsmark-mark]');
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the script tag highlights actors inside links, in the page’s own elements', async () => {
  const { page } = browser;
  const inLinks = await page.$$eval('#story a [data-newsmark-mark="actor"]', (marks) =>
    marks.map((mark) => [mark.closest('a').getAttribute('href'), mark.className, mark.textContent]));
  assert.ok(inLinks.some(([href, c, text]) => href === '/people/lars-holm' && c.includes('nm-person') && text === 'Lars Holm'),
    JSON.stringify(inLinks));
  assert.ok(inLinks.some(([href, c, text]) => href === '/tags/denmark' && c.includes('nm-place') && text === 'Denmark'),
    JSON.stringify(inLinks));
});

test('a quote is marked across <em> and links, and over two paragraphs', async () => {
  const { page } = browser;
  const quotes = Object.values(await quotesIn(page, '#story')).map((q) => q.replace(/\s+/g, ' '));
  assert.ok(quotes.includes('“We shut the network down within two hours of the first alert.'), JSON.stringify(quotes));
  assert.ok(quotes.includes('“No customer data appears to have been taken, but we are still checking every system,”'),
    JSON.stringify(quotes));
  assert.ok(await page.$('#story p em [data-newsmark-mark="quote"]'), 'the quote goes on inside <em>');
  assert.ok(await page.$('#story a[href="/faq"] [data-newsmark-mark="quote"]'), 'and inside a link');
});

test('both paragraphs of the quote are attributed to the speaker named in the first', async () => {
  const { page } = browser;
  for (const opening of ['“We shut', '“No customer']) {
    const mark = page.locator('#story [data-newsmark-mark="quote"]', { hasText: opening }).first();
    await mark.hover();
    assert.match(await tooltipText(page) ?? '', /Quote by Lars Holm/, opening);
  }
});

test('cyber terms are marked by category, and tooltips give the ATT&CK or CVE id', async () => {
  const { page } = browser;
  const terms = (await marksIn(page, '#story')).filter(([layer]) => layer === 'term');
  const has = (category, text) => terms.some(([, c, t]) => c.includes(`nm-${category}`) && t === text);
  assert.ok(has('vulnerability', 'CVE-2023-4966'), JSON.stringify(terms));
  assert.ok(has('threat-actor', 'Sandworm'), JSON.stringify(terms));

  await page.locator('#story p [data-newsmark-mark="term"]', { hasText: 'CVE-2023-4966' }).hover();
  assert.match(await tooltipText(page), /^Vulnerability: CVE-2023-4966/);
  await page.locator('#story p [data-newsmark-mark="term"]', { hasText: 'Sandworm' }).hover();
  // The canonical name is ATT&CK's ("Sandworm Team"), with the group's id.
  assert.match(await tooltipText(page), /^Threat actor: Sandworm[^·]* · G\d{4}$/);
  await page.locator('#story a [data-newsmark-mark="actor"]', { hasText: 'Lars Holm' }).hover();
  assert.match(await tooltipText(page), /^Person: Lars Holm/);
  await page.mouse.move(2, 2);
  assert.equal(await tooltipText(page), null, 'leaving the mark hides the tooltip');
});

test('code, preformatted text, other parts of the page and list structure are left alone', async () => {
  const { page } = browser;
  const untouched = await page.$$eval(
    '#story code [data-newsmark-mark], #story pre [data-newsmark-mark], #elsewhere [data-newsmark-mark]',
    (marks) => marks.length);
  assert.equal(untouched, 0);
  assert.equal(await page.$$eval('#story ul > :not(li)', (nodes) => nodes.length), 0, 'lists hold only items');
  const text = await page.$eval('#story', (story) => story.textContent);
  const pristine = await page.evaluate(async () =>
    new DOMParser().parseFromString(await (await fetch('blog.html')).text(), 'text/html').querySelector('#story').textContent);
  assert.equal(text, pristine, 'the text itself is unchanged');
});

test('the tooltip keeps the host page’s font and sits in a shadow root', async () => {
  const { page } = browser;
  await page.locator('#story [data-newsmark-mark="actor"]', { hasText: 'Lars Holm' }).hover();
  const style = await page.evaluate(() => {
    const host = document.querySelector('newsmark-tooltip');
    return { font: getComputedStyle(host).fontFamily, shadow: host.shadowRoot !== null, role: host.getAttribute('role') };
  });
  assert.match(style.font, /Georgia/);
  assert.deepEqual([style.shadow, style.role], [true, 'tooltip']);
});

test('the keyboard reaches the marks: Tab shows a tooltip, Escape hides it', async () => {
  const { page } = browser;
  await page.mouse.move(2, 2);
  await page.focus('#story h1');
  let focused = null;
  for (let i = 0; i < 30 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => {
      const active = document.activeElement;
      return active?.matches('[data-newsmark-mark]') ? active.getAttribute('aria-describedby') : null;
    });
  }
  assert.equal(focused, 'newsmark-tooltip', 'a mark takes the focus and is described by the tooltip');
  assert.ok(await tooltipText(page), 'the tooltip shows for the focused mark');
  await page.keyboard.press('Escape');
  assert.equal(await tooltipText(page), null);
});

test('unmark restores the markup byte for byte, and highlighting again is the same', async () => {
  const { page } = browser;
  const pristine = await pristineInnerHtml(page, 'blog.html', '#story');
  const marked = await page.$eval('#story', (story) => story.innerHTML);
  assert.notEqual(marked, pristine);
  assert.equal(await page.evaluate(() => newsmark.unmark(document.querySelector('#story'))), true);
  assert.equal(await page.$eval('#story', (story) => story.innerHTML), pristine);
  assert.equal(await page.evaluate(() => newsmark.unmark(document.querySelector('#story'))), false);

  await page.evaluate(() => newsmark.highlight(document.querySelector('#story')));
  assert.equal(await page.$eval('#story', (story) => story.innerHTML), marked);
  await page.evaluate(() => newsmark.highlight(document.querySelector('#story')));
  assert.equal(await page.$eval('#story', (story) => story.innerHTML), marked, 'highlighting twice is highlighting once');
});

test('unmark keeps text nodes the page itself had side by side', async () => {
  const { page } = browser;
  const result = await page.evaluate(async () => {
    const p = document.createElement('p');
    // A name and a term each split across two of the page's own text nodes.
    p.append('Oksana Mel', 'nyk said a ransom', 'ware attack hit the city of Kyiv.');
    document.body.append(p);
    const nodes = () => [...p.childNodes].map((node) => [node.nodeType, node.nodeValue]);
    const before = nodes();
    const { marks } = await newsmark.highlight(p);
    const marked = p.querySelectorAll('[data-newsmark-mark]').length;
    newsmark.unmark(p);
    const after = nodes();
    p.remove();
    return { before, after, marks, marked };
  });
  assert.ok(result.marks > 0 && result.marked === result.marks, JSON.stringify(result));
  assert.deepEqual(result.after, result.before);
});

test('a long text in one text node is marked and restored in linear time (figures printed)', async (t) => {
  const { page } = browser;
  let text = '';
  for (let i = 0; text.length < 400_000; i++) text += `${SAMPLES[i % SAMPLES.length].text}\n\n`;
  const result = await page.evaluate(async (text) => {
    const div = document.createElement('div');
    div.append(text);
    document.body.append(div);
    let started = performance.now();
    const { marks } = await newsmark.highlight(div);
    const highlightMs = performance.now() - started;
    started = performance.now();
    newsmark.unmark(div);
    const unmarkMs = performance.now() - started;
    const restored = div.childNodes.length === 1 && div.firstChild.data === text;
    div.remove();
    return { marks, highlightMs: Math.round(highlightMs), unmarkMs: Math.round(unmarkMs), restored };
  }, text);
  t.diagnostic(`400 KB in one text node: ${result.marks} marks in ${result.highlightMs} ms, unmarked in ${result.unmarkMs} ms`);
  assert.ok(result.marks > 1000, JSON.stringify(result));
  assert.ok(result.restored);
});

test('layers: only the layers asked for are shown', async () => {
  const { page } = browser;
  const layers = await page.evaluate(async () => {
    const story = document.querySelector('#story');
    await newsmark.highlight(story, { layers: ['quotes'] });
    const quotesOnly = [...new Set([...story.querySelectorAll('[data-newsmark-mark]')].map((m) => m.dataset.newsmarkMark))];
    await newsmark.highlight(story, { layers: 'actors terms' });
    const actorsAndTerms = [...new Set([...story.querySelectorAll('[data-newsmark-mark]')].map((m) => m.dataset.newsmarkMark))];
    await newsmark.highlight(story);
    return { quotesOnly, actorsAndTerms: actorsAndTerms.sort() };
  });
  assert.deepEqual(layers, { quotesOnly: ['quote'], actorsAndTerms: ['actor', 'term'] });
  await assert.rejects(page.evaluate(() => newsmark.highlight(document.body, { layers: ['words'] })), /unknown layer/);
});

test('newsmark.analyze resolves to the analysis, offsets in UTF-16 code units', async () => {
  const { page } = browser;
  const { text, analysis } = await page.evaluate(async () => {
    const text = '🙂 “We will not pay,” said Oksana Melnyk after the ransomware attack.';
    return { text, analysis: await newsmark.analyze(text) };
  });
  const spans = [...analysis.actors.flatMap((a) => a.mentions), ...analysis.quotes, ...analysis.terms];
  assert.ok(spans.length >= 3, JSON.stringify(analysis));
  for (const span of spans) assert.equal(text.slice(span.start, span.end), span.text);
  assert.equal(analysis.quotes[0]?.speaker_name, 'Oksana Melnyk');
});

test('<newsmark-text> highlights its own content', async () => {
  const { page } = browser;
  await page.evaluate(() => {
    const element = document.createElement('newsmark-text');
    element.id = 'custom';
    element.innerHTML = '<p>“We are safe now,” said <b>Oksana Melnyk</b> in Kyiv.</p>';
    document.body.append(element);
  });
  await page.waitForSelector('#custom [data-newsmark-mark="quote"]');
  assert.ok(await page.$('#custom b [data-newsmark-mark="actor"]'));
});

test('marks follow the reader’s colour scheme', async () => {
  const { page } = browser;
  const shade = () => page.$eval('#story .nm-person', (mark) => getComputedStyle(mark).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await shade();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await shade();
  await page.emulateMedia({ colorScheme: 'light' });
  assert.notEqual(light, 'rgba(0, 0, 0, 0)');
  assert.notEqual(dark, light);
});

test('nothing went wrong in the page', () => {
  assert.deepEqual(browser.problems, []);
});
