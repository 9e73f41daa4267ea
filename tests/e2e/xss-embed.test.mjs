// The one-tag embed in blog posts full of XSS vectors (fixtures/xss-corpus.mjs): no script runs,
// nothing is loaded, and the only elements the embed adds are its highlight wrappers.
//
// Three host pages, each on its own (routed) origin with no enforced policy, so that a vector
// that got through would run and fire its sink:
// - a post explaining XSS, the vectors escaped in its HTML, as a blog shows them;
// - a page whose own script writes the same paragraphs as text nodes (textContent, and pieces
//   side by side);
// - a post whose own markup trips up DOM walkers: a heading with id="newsmark", a <form> whose
//   controls are named after DOM properties, raw-text and foreign elements.
// Each page sends a report-only policy that reports every inline script, handler, eval and
// HTML sink (fixtures/xss-traps.mjs), and every request outside its three files fails the test.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIST, ensureDist, tooltipText } from './embed-support.mjs';
import { PARAGRAPHS, SINK_HOST } from './fixtures/xss-corpus.mjs';
import { current, parsedNodes, REPORT_ONLY_POLICY, setTraps, snapshot, sprung } from './fixtures/xss-traps.mjs';
import { launch } from './helpers.mjs';

const ORIGIN = 'http://blog.test';
/** A hung page (an endless DOM walk) fails the test instead of stalling the run. */
const TIMEOUT = 60_000;

/** The HTML parser drops NUL characters from text: a post shows its payloads without them. */
const asParsed = (payload) => payload.replaceAll('\0', '');

const head = (title) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  <script defer src="/newsmark.js" data-newsmark-auto></script>
</head>`;

/** The post explaining XSS: every vector escaped in the HTML, shown as text. */
const ESCAPED_POST = `${head('How a support form became an attack surface')}
<body>
  <article id="post" data-newsmark>
    <h1>How a support form became an attack surface</h1>
    ${PARAGRAPHS.map((paragraph) => paragraph.html).join('\n    ')}
  </article>
</body>
</html>
`;

/** The same paragraphs written by the page's own script, as text nodes. */
const SCRIPTED_POST = `${head('Comments, as the page writes them')}
<body>
  <article id="post" data-newsmark></article>
  <script src="/host.js"></script>
</body>
</html>
`;

// Even paragraphs are one text node (textContent), odd ones the payload and the text around it
// as separate text nodes side by side, which unmark must keep apart.
const HOST_SCRIPT = `const PARTS = ${JSON.stringify(PARAGRAPHS.map((paragraph) => paragraph.parts))};
const post = document.getElementById('post');
PARTS.forEach((parts, i) => {
  const p = document.createElement('p');
  if (i % 2) p.append(...parts);
  else p.textContent = parts.join('');
  post.append(p);
});
`;

/** Every property the embed reads from a page's element, as the name of a form control. */
const SHADOWING_NAMES = [
  'firstChild', 'nextSibling', 'previousSibling', 'parentNode', 'parentElement', 'nodeType', 'localName',
  'ownerDocument', 'matches', 'closest', 'contains', 'hasAttribute', 'getAttribute', 'querySelector',
  'insertBefore', 'dispatchEvent',
];

/**
 * Markup a blog may well have, and walkers trip over: a heading whose id is the embed's global,
 * a form (pages built with ASP.NET wrap all their content in one) whose controls shadow the DOM
 * properties of the form, and elements whose text must stay unmarked: raw text (a span there
 * would come back as text from innerHTML), foreign content (a span there would break out of it
 * when reparsed), and elements never shown.
 */
const MARKUP_POST = `${head('newsmark')}
<body>
  <article id="post" data-newsmark>
    <h2 id="newsmark">newsmark</h2>
    <p>“We shut the network down within two hours,” said Lars Holm after the ransomware attack in Denmark.</p>
    <form id="signup" action="/subscribe">Oksana Melnyk said in Kyiv that Sandworm was behind the attack.
      <p>“We will not pay,” said Dmitry Peskov, the Kremlin spokesman, in Moscow.</p>
      ${SHADOWING_NAMES.map((name) => `<input name="${name}">`).join('')}
    </form>
    <xmp>Lars Holm said <b>Sandworm</b> was in Denmark.</xmp>
    <noembed>Lars Holm said Sandworm was in Denmark.</noembed>
    <noframes>Lars Holm said Sandworm was in Denmark.</noframes>
    <svg width="300" height="20"><text y="15">Lars Holm said Sandworm was in Denmark.</text></svg>
    <math><mtext>Lars Holm said Sandworm was in Denmark.</mtext></math>
    <p>Investigators linked the intrusion to CVE-2023-4966, said Mette Frederiksen in Copenhagen.</p>
  </article>
</body>
</html>
`;

/** Elements whose text the embed must leave unmarked, in the markup post. */
const UNMARKED = 'xmp, noembed, noframes, svg, math, input';

const HOSTS = [
  { name: 'escaped in the post’s HTML', html: ESCAPED_POST, corpus: true },
  { name: 'written as text by the page’s script', html: SCRIPTED_POST, corpus: true, script: HOST_SCRIPT },
  { name: 'in a post whose markup shadows DOM properties', html: MARKUP_POST, corpus: false },
];

let embed;
/** A blank page with no policy, where the tests parse markup themselves. */
let scratch;

before(async () => {
  ensureDist();
  embed = readFileSync(join(DIST, 'newsmark.js'), 'utf8');
  scratch = await launch();
  await setTraps(scratch.page);
  await scratch.page.goto('about:blank');
});

after(async () => {
  await scratch?.close();
});

for (const host of HOSTS) {
  describe(`the embed, vectors ${host.name}`, { timeout: TIMEOUT }, () => {
    let browser;
    const dialogs = [];
    const unexpected = [];
    /** The article as parsed (and, on the scripted page, written), before the embed ran. */
    let pristine;
    /** A payload as the page shows it. */
    const shown = host.script ? (payload) => payload : asParsed;

    before(async () => {
      browser = await launch();
      const { context, page } = browser;
      const files = {
        '/': ['text/html', host.html],
        '/newsmark.js': ['text/javascript', embed],
        '/host.js': ['text/javascript', host.script],
      };
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        const [type, body] = (url.origin === ORIGIN && files[url.pathname]) || [];
        if (body === undefined) {
          unexpected.push(url.href);
          return route.abort('blockedbyclient');
        }
        return route.fulfill({
          contentType: `${type}; charset=utf-8`,
          headers: { 'content-security-policy-report-only': REPORT_ONLY_POLICY },
          body,
        });
      });
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        dialog.dismiss().catch(() => {});
      });
      await setTraps(page, { snapshot: '#post' });
      await page.goto(`${ORIGIN}/`);
      await page.waitForFunction(() => document.querySelector('#post [data-newsmark-mark]') !== null);
      pristine = await snapshot(page);
    });

    after(async () => {
      await browser?.close();
    });

    if (host.corpus) {
      test('every vector is text in the post, before and after highlighting', async () => {
        for (const { payload } of PARAGRAPHS) assert.ok(pristine.text.includes(shown(payload)), `shown as text: ${payload}`);
        assert.equal((await current(browser.page, '#post')).text, pristine.text, 'the text is unchanged');
        if (!host.script) {
          assert.deepEqual(pristine.nodes, await parsedNodes(scratch.page, host.html, '#post'), 'the snapshot is the post before the embed ran');
        }
      });

      test('highlights sit around the vectors and inside them', async (t) => {
        // Vectors in <code> are left alone on purpose; those, and the vectors before them, are
        // found in the text all the same, to keep the search in order.
        const vectors = PARAGRAPHS.map(({ payload, copies, inCode }) => [shown(payload), copies, inCode && !host.script]);
        const coverage = await browser.page.evaluate((vectors) => {
          const root = document.querySelector('#post');
          const text = root.textContent;
          const offset = (node, end) => {
            const range = document.createRange();
            range.setStart(root, 0);
            if (end) range.setEndAfter(node);
            else range.setEndBefore(node);
            return range.toString().length;
          };
          const marks = [...root.querySelectorAll('[data-newsmark-mark]')]
            .map((mark) => ({ layer: mark.dataset.newsmarkMark, start: offset(mark, false), end: offset(mark, true) }));
          /** Whether quote pieces (one per text node) cover every character of [start, end). */
          const quoted = (start, end) => {
            let reach = start;
            for (const m of marks) if (m.layer === 'quote' && m.start <= reach && m.end > reach) reach = m.end;
            return reach >= end;
          };
          const cut = (start, end) => marks.some((m) => (m.start > start && m.start < end) || (m.end > start && m.end < end));
          const counts = { vectors: 0, quoted: 0, cut: 0, either: 0, inCode: 0, inCodeMarked: 0 };
          let from = 0;
          for (const [payload, copies, inCode] of vectors) {
            const found = { quoted: false, cut: false };
            for (let copy = 0; copy < copies; copy++) {
              const start = text.indexOf(payload, from);
              from = start + payload.length;
              found.quoted ||= quoted(start, from);
              found.cut ||= cut(start, from) || marks.some((m) => m.start >= start && m.end <= from);
            }
            if (inCode) {
              counts.inCode++;
              counts.inCodeMarked += found.quoted || found.cut;
              continue;
            }
            counts.vectors++;
            counts.quoted += found.quoted;
            counts.cut += found.cut;
            counts.either += found.quoted || found.cut;
          }
          return counts;
        }, vectors);
        t.diagnostic(JSON.stringify(coverage));
        // Half of the templates quote the vector (the analyser ends some of those quotations at a
        // payload's own quotation mark); names, terms and quotation marks in payloads are cut out.
        assert.ok(coverage.either >= coverage.vectors * 0.9, JSON.stringify(coverage));
        assert.ok(coverage.quoted >= coverage.vectors * 0.2, JSON.stringify(coverage));
        assert.equal(coverage.inCodeMarked, 0, 'vectors in <code> are left alone');
      });
    } else {
      test('a heading with id="newsmark" does not stop the embed, nor hide its API', async () => {
        const api = await browser.page.evaluate(() => [typeof newsmark.highlight, document.querySelectorAll('#post [data-newsmark-mark]').length > 0]);
        assert.deepEqual(api, ['function', true]);
      });

      // Playwright's own selector engine trips over this form too: queries here are the page's.
      test('text inside a form whose controls shadow DOM properties is highlighted, and the walk ends', async () => {
        const { page: tab } = browser;
        const inForm = await markTexts(tab, '#signup [data-newsmark-mark]');
        assert.ok(inForm.includes('Oksana Melnyk') && inForm.includes('Dmitry Peskov'), JSON.stringify(inForm));
        const after = await markTexts(tab, '#post > p:last-of-type [data-newsmark-mark]');
        assert.ok(after.includes('Mette Frederiksen'), `the walk goes on past the form: ${JSON.stringify(after)}`);
        // The form on its own: the root's own properties are shadowed too.
        const alone = await tab.evaluate(async () => {
          newsmark.unmark(document.querySelector('#post'));
          const result = await newsmark.highlight(document.querySelector('#signup'));
          const count = result.marks;
          newsmark.unmark(document.querySelector('#signup'));
          await newsmark.highlight(document.querySelector('#post'));
          return count;
        });
        assert.ok(alone > 0);
        const marks = await markTexts(tab, '#post [data-newsmark-mark]');
        await hoverMark(tab, marks.indexOf('Oksana Melnyk'));
        assert.match(await tooltipText(tab) ?? '', /^Person: Oksana Melnyk/);
      });

      test('raw-text, foreign and hidden elements are left unmarked', async () => {
        assert.deepEqual(await markTexts(browser.page, `#post :is(${UNMARKED}) [data-newsmark-mark]`), []);
      });
    }

    test('hovering and tabbing through the marks shows tooltips made of text only', async () => {
      const { page: tab } = browser;
      const count = (await markTexts(tab, '#post [data-newsmark-mark]')).length;
      const seen = new Set();
      // About 60 marks spread over the article, then 30 tab stops from the top.
      for (let i = 0; i < count; i += Math.ceil(count / 60)) {
        await hoverMark(tab, i);
        const tags = await tab.evaluate(() =>
          [...document.querySelector('newsmark-tooltip')?.shadowRoot.querySelectorAll('*') ?? []].map((e) => e.localName));
        tags.forEach((tag) => seen.add(tag));
      }
      await tab.mouse.move(1, 1);
      for (let i = 0; i < 30; i++) await tab.keyboard.press('Tab');
      await tab.keyboard.press('Escape');
      assert.deepEqual([...seen].sort(), ['div', 'p']);
    });

    test('nothing ran and nothing was requested', async () => {
      const { page: tab, problems } = browser;
      const caught = await sprung(tab);
      assert.deepEqual(dialogs, [], 'no dialog');
      assert.deepEqual(unexpected, [], 'no request beyond the page’s own files');
      assert.ok(!unexpected.some((url) => url.includes(SINK_HOST)));
      assert.deepEqual(caught.violations, [], 'no inline script, handler, eval or HTML sink, even reported only');
      assert.deepEqual(caught.globals, ['newsmark'], 'no global but the embed’s');
      assert.deepEqual(caught.named, [], 'no element with a vector’s id or name');
      assert.deepEqual([caught.prototype, caught.polluted], [[], false], 'Object.prototype untouched');
      assert.equal(tab.frames().length, 1, 'no frame');
      assert.equal(tab.url(), `${ORIGIN}/`, 'no navigation');
      assert.equal(await tab.evaluate(() => document.baseURI), `${ORIGIN}/`, 'no <base>');
      assert.deepEqual(problems, []);
    });

    test('the only elements added are the embed’s wrappers (and its tooltip while shown)', async () => {
      const { page: tab } = browser;
      const caught = await sprung(tab);
      const added = Object.keys(caught.added).filter((name) => name !== 'span[data-newsmark-mark]' && name !== 'newsmark-tooltip');
      assert.deepEqual(added, [], JSON.stringify(caught.added));
      assert.deepEqual(caught.changed, [], 'no attribute of the page’s own elements changed');
      const now = await current(tab, '#post');
      const marks = (await markTexts(tab, '[data-newsmark-mark]')).length;
      assert.deepEqual(now.tags, { ...pristine.tags, span: (pristine.tags.span ?? 0) + marks }, 'tag counts: only spans added');
    });

    // Not on the scripted page: the NUL characters its script writes into text nodes do not
    // survive serialising and parsing, marks or no marks.
    if (!host.script) {
      test('the highlighted markup reads back as the same nodes through innerHTML', async () => {
        const { html, joined } = await current(browser.page, '#post');
        assert.deepEqual(await parsedNodes(scratch.page, `<article id="post">${html}</article>`, '#post'), joined);
      });
    }

    test('unmark restores the article node for node', async () => {
      const { page: tab } = browser;
      assert.equal(await tab.evaluate(() => newsmark.unmark(document.querySelector('#post'))), true);
      const now = await current(tab, '#post');
      assert.equal(now.html, pristine.html);
      assert.deepEqual(now.nodes, pristine.nodes, 'text nodes the page had side by side stay apart');
      assert.deepEqual(now.tags, pristine.tags);
      assert.deepEqual(dialogs, []);
    });
  });
}

/** The text of every element matching `selector`. */
async function markTexts(tab, selector) {
  return tab.evaluate((sel) => [...document.querySelectorAll(sel)].map((element) => element.textContent), selector);
}

/** Moves the mouse onto the `n`th mark of #post, scrolled into view. */
async function hoverMark(tab, n) {
  const { x, y } = await tab.evaluate((i) => {
    const mark = document.querySelectorAll('#post [data-newsmark-mark]')[i];
    mark.scrollIntoView({ block: 'center' });
    const box = mark.getClientRects()[0];
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, n);
  await tab.mouse.move(x, y);
}
