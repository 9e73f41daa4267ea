// The real page's first highlight, timed by the page's own performance marks (www/app.js); used
// by bench/run.mjs (scripts/bench-browser) and printed by tests/e2e/perf.test.mjs.
//
// A fresh browser profile opens the page, and the article is pasted from inside the page, at the
// page's `load` event or a while after it: an `input` event of type `insertFromPaste`, as a paste
// from the clipboard fires. Nothing of the test driver runs in the page until the highlights are
// drawn: pasting with Playwright's `fill` or key presses, or polling with `waitForFunction`, adds
// its round trips and its injected script (tens of ms of the page's main thread) to the figures.

import { launch } from '../tests/e2e/helpers.mjs';

/**
 * How long to leave a freshly launched Chromium alone: it goes on starting its own UI pages for a
 * second or so after the launch returns, which on two cores would be timed as the page's load.
 */
const SETTLE_MS = 2000;

/**
 * Opens `url` in a fresh profile, pastes `text` `pasteAfterLoadMs` after the `load` event and
 * waits for the first highlight. Returns times in ms since navigation start (bench/README.md).
 */
export async function firstHighlight(url, text, { pasteAfterLoadMs = 0 } = {}) {
  const browser = await launch();
  try {
    const { page } = browser;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    let drawn;
    const highlighted = new Promise((resolve) => (drawn = resolve));
    await page.exposeFunction('newsmarkBenchDrawn', () => drawn());
    await page.addInitScript(([pasted, delay]) => {
      addEventListener('load', () => setTimeout(() => {
        const input = document.querySelector('#nm-input');
        input.value = pasted;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      }, delay));
      new PerformanceObserver((marks, observer) => {
        if (marks.getEntriesByName('newsmark:first-highlight').length === 0) return;
        observer.disconnect();
        window.newsmarkBenchDrawn();
      }).observe({ type: 'mark' });
    }, [text, pasteAfterLoadMs]);
    await page.goto(url);
    await Promise.race([
      highlighted,
      new Promise((_, reject) => setTimeout(() => reject(new Error('no highlight within 60 s')), 60_000)),
    ]);
    return await page.evaluate(() => {
      const at = (name) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN);
      const navigation = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('.wasm'));
      const status = document.querySelector('#nm-status').dataset;
      return {
        html: Math.round(navigation.responseEnd),
        firstPaint: at('first-contentful-paint'),
        domReady: Math.round(navigation.domContentLoadedEventEnd),
        load: Math.round(navigation.loadEventEnd),
        wasmStart: Math.round(wasm?.startTime ?? NaN),
        wasmEnd: Math.round(wasm?.responseEnd ?? NaN),
        ready: at('newsmark:analyser-ready'),
        workerLoadMs: Math.round(Number(status.loadMs)),
        pasted: at('newsmark:first-text'),
        result: at('newsmark:first-result'),
        highlight: at('newsmark:first-highlight'),
        analysisMs: Math.round(Number(status.analysisMs)),
      };
    });
  } finally {
    await browser.close();
  }
}
