// Pasted text is only ever text, on the served page (www/) and in the single file
// (dist/newsmark.html) opened from disk: the XSS corpus (fixtures/xss-corpus.mjs), pasted
// through the clipboard with its vectors as live markup in the clipboard's HTML flavour, creates
// no element but the page's own and runs nothing, in the highlighted view, the panel, the
// tooltips or the exported HTML. And nothing but the page's own files is ever requested.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DIST, ensureDist } from './embed-support.mjs';
import { ARTICLE, SINK_HOST, VECTORS } from './fixtures/xss-corpus.mjs';
import { setTraps, sprung } from './fixtures/xss-traps.mjs';
import { launch, open, serve, settled, WWW } from './helpers.mjs';

/** What the page builds for a text: the backdrop's blocks and spans, the panel's lists and entries. */
const PAGE_ELEMENTS = ['button', 'div', 'h3', 'li', 'ol', 'p', 'span', 'ul'];
/** What the exported snippet is made of: a box, quotations, actor marks and term underlines. */
const SNIPPET_ELEMENTS = ['div', 'mark', 'q', 'span'];

/** The payloads as live markup: what a malicious page would put in the clipboard's HTML flavour. */
const CLIPBOARD_HTML = VECTORS.map((vector) => vector.payload).join('<br>');

const PAGES = [
  {
    name: 'the served page',
    async start() {
      const server = await serve();
      const own = (url) => {
        const { origin, pathname } = new URL(url);
        const file = join(WWW, decodeURIComponent(pathname));
        return origin === new URL(server.url).origin && existsSync(file) && (pathname === '/' || statSync(file).isFile());
      };
      return { url: server.url, own, close: () => server.close() };
    },
  },
  {
    name: 'the single file, from disk',
    async start() {
      ensureDist();
      const url = pathToFileURL(join(DIST, 'newsmark.html')).href;
      // Its worker starts from a blob: of its inlined source.
      return { url, own: (request) => request === url || request.startsWith('blob:'), close() {} };
    },
  },
];

/**
 * Puts `plain` and `html` on the clipboard from a page of its own: Chromium parses the HTML
 * flavour in the writing document to sanitise it, so writing it from the page under test would
 * set off that page's policy. The helper's policy lets nothing in the markup run or load.
 */
async function fillClipboard(context, plain, html) {
  const helperUrl = 'http://localhost/clipboard-helper';
  await context.route(helperUrl, (route) => route.fulfill({
    contentType: 'text/html',
    headers: { 'content-security-policy': "default-src 'none'" },
    body: '<!doctype html><title>clipboard</title>',
  }));
  const helper = await context.newPage();
  await helper.goto(helperUrl);
  await helper.evaluate(([text, markup]) => navigator.clipboard.write([new ClipboardItem({
    'text/plain': new Blob([text], { type: 'text/plain' }),
    'text/html': new Blob([markup], { type: 'text/html' }),
  })]), [plain, html]);
  await helper.close();
  await context.unroute(helperUrl);
}

for (const target of PAGES) {
  describe(`pasted XSS vectors in ${target.name}`, () => {
    let site;
    let browser;
    const dialogs = [];
    const requests = [];

    before(async () => {
      site = await target.start();
      browser = await launch();
      const { context, page } = browser;
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await fillClipboard(context, ARTICLE, CLIPBOARD_HTML);
      context.on('request', (request) => requests.push(request.url()));
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        dialog.dismiss().catch(() => {});
      });
      await setTraps(page);
      await open(page, site.url);
      await page.focus('#nm-input');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+V');
      await settled(page);
    });

    after(async () => {
      await browser?.close();
      site?.close();
    });

    test('the paste arrives as its plain text and is shown as text', async () => {
      const { page } = browser;
      assert.equal(await page.$eval('#nm-input', (input) => input.value), ARTICLE);
      const shown = await page.$eval('#nm-backdrop', (view) => view.textContent);
      for (const { payload } of VECTORS) assert.ok(shown.includes(payload), `shown as text: ${payload}`);
      assert.ok(await page.$('#nm-backdrop [data-nm-quote]'), 'the text is highlighted');
    });

    test('tooltips and the panel show the text as text', async () => {
      const { page } = browser;
      const shown = [];
      for (let y = 30; y <= 330; y += 60) {
        for (let x = 60; x <= 660; x += 150) {
          await page.hover('#nm-input', { position: { x, y } });
          const tooltip = await page.$eval('#nm-tooltip', (box) =>
            (box.hidden ? null : { elements: [...box.querySelectorAll('*')].map((e) => e.localName), text: box.textContent }));
          if (tooltip) shown.push(tooltip);
        }
      }
      for (const list of ['#nm-quotes-list', '#nm-actors-list', '#nm-terms-list']) {
        await page.locator(`${list} button`).first().click();
      }
      assert.ok(shown.length > 0, 'the pointer met highlights');
      const elements = new Set(shown.flatMap((tooltip) => tooltip.elements));
      assert.deepEqual([...elements], ['p'], JSON.stringify(shown));
    });

    test('no element but the page’s own, no dialog, nothing ran', async () => {
      const { page, problems } = browser;
      const caught = await sprung(page);
      assert.deepEqual(dialogs, [], 'no dialog');
      const foreign = Object.keys(caught.added).filter((name) => !PAGE_ELEMENTS.includes(name));
      assert.deepEqual(foreign, [], `elements added: ${JSON.stringify(caught.added)}`);
      assert.deepEqual(caught.named, [], 'no element with a vector’s id or name');
      assert.deepEqual(caught.globals, [], 'no new global');
      assert.deepEqual([caught.prototype, caught.polluted], [[], false], 'Object.prototype untouched');
      assert.deepEqual(caught.violations, [], 'nothing the page’s policy had to block');
      assert.equal(page.frames().length, 1, 'no frame');
      assert.deepEqual(problems, []);
    });

    test('the exported HTML escapes the text', async () => {
      const { page } = browser;
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#nm-download-html')]);
      const html = readFileSync(await download.path(), 'utf8');
      // DOMParser: the snippet is parsed without running or loading anything.
      const parsed = await page.evaluate((source) => {
        const body = new DOMParser().parseFromString(source, 'text/html').body;
        return { elements: [...new Set([...body.querySelectorAll('*')].map((e) => e.localName))].sort(), text: body.textContent };
      }, html);
      assert.ok(parsed.elements.every((name) => SNIPPET_ELEMENTS.includes(name)), JSON.stringify(parsed.elements));
      // The HTML parser drops NUL characters, the snippet's own as any other.
      assert.equal(parsed.text.trim(), ARTICLE.replaceAll('\0', '').trim(), 'the snippet reads as the original text');
    });

    test('nothing but the page’s own files was requested', () => {
      const others = requests.filter((url) => !site.own(url));
      assert.deepEqual(others, []);
      assert.ok(!requests.some((url) => url.includes(SINK_HOST)));
    });
  });
}
