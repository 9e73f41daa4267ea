// The page's wiring: connects the editor, the analysis worker, the legend, the side panel, the
// samples, the file drop and the exports. Every failure ends up in `report`, which shows it in
// the page.

import { analyser } from './analyser.js';
import { count, describe } from './describe.js';
import { HighlightEditor } from './editor.js';
import { analysisJson, download, highlightedHtml } from './export.js';
import { Legend, Visibility } from './legend.js';
import { Panel } from './panel.js';
import { registerServiceWorker } from './offline.js';
import { SAMPLES } from './samples.js';

/**
 * Quiet time after the last keystroke before re-analysing; long texts wait a little longer. A
 * text that arrives whole (a paste, a drop, a file, a sample) is analysed at once.
 */
const debounceMs = (text) => (text.length < 200_000 ? 150 : 400);
/** Files larger than this are refused rather than freezing the tab. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

const $ = (selector) => {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`the page is missing ${selector}`);
  return element;
};

const EMPTY = Object.freeze({ actors: [], quotes: [], terms: [] });

class Page {
  constructor() {
    this.status = $('#nm-status');
    this.editor = new HighlightEditor($('#nm-input'), $('#nm-backdrop'));
    this.visibility = new Visibility();
    this.legend = new Legend($('#nm-legend'), $('#nm-editor'), this.visibility);
    this.panel = new Panel(
      { actors: $('#nm-actors-list'), quotes: $('#nm-quotes-list'), terms: $('#nm-terms-list') },
      (attribute, values) => this.editor.focusMarks(attribute, values),
    );
    /** The analysis on screen and the text it belongs to. */
    this.shown = { text: '', analysis: EMPTY };
    /** A text whose analysis failed: not retried until the reader changes it. */
    this.failedText = null;
    this.timer = 0;
    this.running = false;
    /** Callbacks waiting for the analysis of the current text (the exports). */
    this.waiting = [];
    this.firstHighlight = true;
    /** Resolves once the analyser is ready and the text it found, if any, has been analysed. */
    this.settled = new Promise((resolve) => (this.settle = resolve));
    this.editor.onChange = (text, whole) => this.#changed(text, whole);
    analyser.connect({
      ready: (ms) => this.#ready(ms),
      problem: (message) => report(message),
    });
  }

  /** Resolves with the analysis of the text as it is now, analysing it first if needed. */
  fresh() {
    if (this.shown.text === this.editor.text) return Promise.resolve(this.shown);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.#schedule(0);
    });
  }

  #ready(ms) {
    markOnce('newsmark:analyser-ready');
    this.status.dataset.loadMs = ms.toFixed(1);
    if (this.status.dataset.state === 'loading') this.#setStatus('idle', 'Ready. Paste or type a news text, or try a sample.');
    if (!this.editor.text) this.settle();
    this.#schedule(0);
  }

  #changed(text, whole) {
    if (text) markOnce('newsmark:first-text');
    this.failedText = null;
    this.#setStatus('pending', text ? 'Analysing…' : 'Paste or type a news text to analyse it.');
    this.#schedule(whole ? 0 : debounceMs(text));
  }

  #schedule(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.#run(), delay);
  }

  async #run() {
    const text = this.editor.text;
    if (this.running || text === this.shown.text || text === this.failedText) return;
    this.running = true;
    try {
      const { analysis, ms } = await analyser.analyse(text);
      this.#show(text, analysis, ms);
    } catch (error) {
      this.failedText = text;
      this.#setStatus('error', 'The analysis failed; the highlights are from an earlier version.');
      this.#release((waiter) => waiter.reject(error));
      report(error);
    } finally {
      this.running = false;
      this.settle();
    }
    if (this.editor.text !== this.shown.text && this.editor.text !== this.failedText) this.#schedule(0);
  }

  #show(text, analysis, ms) {
    if (text !== this.editor.text) return;
    this.shown = { text, analysis };
    // Everything else first: the editor reads the layout (to line its scroll up) once it has
    // drawn, and that one layout then covers all the changes, before the frame is painted.
    this.legend.update(analysis);
    this.panel.update(analysis);
    const found = [
      count(analysis.actors.length, 'actor'),
      count(analysis.quotes.length, 'quote'),
      count(analysis.terms.length, 'cyber term'),
    ].join(', ');
    this.#setStatus(
      'done',
      text ? `Analysed ${count(text.length, 'character')} in ${ms.toFixed(1)} ms: ${found}.`
        : 'Paste or type a news text to analyse it.',
    );
    this.status.dataset.analysisMs = ms.toFixed(2);
    this.editor.show(text, analysis);
    const highlighted = analysis.actors.length + analysis.quotes.length + analysis.terms.length;
    if (this.firstHighlight && highlighted > 0) {
      this.firstHighlight = false;
      markOnce('newsmark:first-result');
      // Once the frame showing them has been drawn: the task after the next animation frame.
      requestAnimationFrame(() => setTimeout(() => markOnce('newsmark:first-highlight')));
    }
    this.#release((waiter) => waiter.resolve(this.shown));
  }

  #release(settle) {
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach(settle);
  }

  #setStatus(state, message) {
    this.status.dataset.state = state;
    this.status.textContent = message;
  }
}

/**
 * Sets a performance mark, the first time only. The marks time the way to the first highlight
 * (read by scripts/bench-browser, see bench/README.md).
 */
function markOnce(name) {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}

/** Shows a failure in the page: the one place every error goes. */
function report(error) {
  const message = error instanceof Error ? error.message : String(error);
  $('#nm-alert-text').textContent = message;
  $('#nm-alert').hidden = false;
  console.warn('newsmark:', error);
}

function wireSamples(page) {
  const container = $('#nm-samples');
  for (const sample of SAMPLES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'nm-button';
    button.textContent = sample.title;
    button.addEventListener('click', () => page.editor.setText(sample.text));
    container.append(button);
  }
}

function wireFiles(page) {
  const input = $('#nm-file');
  const load = async (file) => {
    if (!file) return;
    if (!(file.type.startsWith('text/') || /\.(txt|text|md)$/i.test(file.name))) {
      throw new Error(`${file.name} is not a text file; drop a .txt file.`);
    }
    if (file.size > MAX_FILE_BYTES) {
      throw new Error(`${file.name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
    }
    page.editor.setText(await file.text());
  };
  $('#nm-open').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    load(input.files?.[0]).catch(report).finally(() => (input.value = ''));
  });

  const zone = $('#nm-dropzone');
  const carriesFiles = (event) => event.dataTransfer?.types.includes('Files');
  addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    zone.hidden = false;
  });
  addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) zone.hidden = true;
  });
  addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    zone.hidden = true;
    load(event.dataTransfer.files[0]).catch(report);
  });
}

function wireExports(page) {
  const json = async () => analysisJson((await page.fresh()).analysis);
  const html = async () => {
    const { text, analysis } = await page.fresh();
    return highlightedHtml(text, analysis, page.visibility);
  };
  const copy = (button, make) => async () => {
    await navigator.clipboard.writeText(await make());
    flash(button, 'Copied');
  };
  const save = (filename, type, make) => async () => download(filename, type, await make());
  const actions = [
    ['#nm-copy-json', (b) => copy(b, json)],
    ['#nm-download-json', () => save('newsmark-analysis.utf16.json', 'application/json', json)],
    ['#nm-copy-html', (b) => copy(b, html)],
    ['#nm-download-html', () => save('newsmark-highlights.html', 'text/html', html)],
  ];
  for (const [selector, action] of actions) {
    const button = $(selector);
    const run = action(button);
    button.addEventListener('click', () => run().catch(report));
  }
}

/** Briefly replaces a button's label to confirm an action. */
function flash(button, label) {
  const original = button.textContent;
  button.textContent = label;
  setTimeout(() => (button.textContent = original), 1200);
}

function wireTheme() {
  const button = $('#nm-theme');
  const system = matchMedia('(prefers-color-scheme: dark)');
  const apply = (dark) => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    button.setAttribute('aria-pressed', String(dark));
  };
  const stored = localStorage.getItem('newsmark-theme');
  apply(stored ? stored === 'dark' : system.matches);
  system.addEventListener('change', (event) => {
    if (!localStorage.getItem('newsmark-theme')) apply(event.matches);
  });
  button.addEventListener('click', () => {
    const dark = button.getAttribute('aria-pressed') !== 'true';
    localStorage.setItem('newsmark-theme', dark ? 'dark' : 'light');
    apply(dark);
  });
}

/** Explains a highlight when the pointer rests on it. */
function wireTooltip(page) {
  const tooltip = $('#nm-tooltip');
  const input = page.editor.input;
  let frame = 0;
  const hide = () => (tooltip.hidden = true);
  input.addEventListener('mousemove', (event) => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const lines = describe(page.shown.analysis, page.editor.hitTest(event.clientX, event.clientY));
      if (lines.length === 0) return hide();
      tooltip.replaceChildren(...lines.map((line) => {
        const p = document.createElement('p');
        p.textContent = line;
        return p;
      }));
      tooltip.hidden = false;
      const x = Math.min(event.clientX + 14, innerWidth - tooltip.offsetWidth - 8);
      const below = event.clientY + 18;
      const y = below + tooltip.offsetHeight > innerHeight ? event.clientY - tooltip.offsetHeight - 12 : below;
      tooltip.style.left = `${Math.max(8, x)}px`;
      tooltip.style.top = `${Math.max(8, y)}px`;
    });
  });
  for (const type of ['mouseleave', 'scroll', 'keydown']) input.addEventListener(type, hide);
}

function start() {
  addEventListener('error', (event) => report(event.error ?? event.message));
  addEventListener('unhandledrejection', (event) => report(event.reason));
  $('#nm-alert-close').addEventListener('click', () => ($('#nm-alert').hidden = true));
  wireTheme();
  const page = new Page();
  // Once the first highlights are drawn: caching the page's files for offline use downloads them
  // all again, which must not slow the first analysis down.
  page.settled.then(registerServiceWorker);
  wireSamples(page);
  wireFiles(page);
  wireExports(page);
  wireTooltip(page);
  $('#nm-clear').addEventListener('click', () => {
    page.editor.setText('');
    page.editor.input.focus();
  });
}

try {
  start();
} catch (error) {
  report(error);
}
