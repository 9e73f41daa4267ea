// The one-tag embed: highlights actors, quotes and cyber terms in a blog's own markup.
//
//   <script src="newsmark.js" data-newsmark-auto></script>
//
// scripts/build-dist links this module and its imports into dist/newsmark.js, a classic script
// with the analyser inlined (docs/embed.md). When the page is parsed it highlights every element
// matching `[data-newsmark]` (or the script tag's `data-newsmark-selector`); the API is
// `window.newsmark` (below), and `<newsmark-text>` highlights its own content.
//
// Options on the script tag:
//   data-newsmark-auto            highlight on load
//   data-newsmark-selector="…"    what to highlight on load (implies auto; default [data-newsmark])
//   data-newsmark-layers="…"      the layers shown by default: any of "actors quotes terms"
// On an element, `data-newsmark="quotes terms"` (or `layers` on <newsmark-text>) picks its own.

import { closest, contains, dispatchEvent, getAttribute, ownerDocument, parentElement } from './dom.js';
import { loadAnalyser } from './engine.js';
import { placeMarks, removeMarks } from './marks.js';
import { adoptMarkStyles } from './styles.js';
import { readText, SKIPPED } from './text.js';
import { Tooltip, TOOLTIP_ID } from './tooltip.js';

const LAYERS = Object.freeze(['actors', 'quotes', 'terms']);
const DEFAULT_SELECTOR = '[data-newsmark]';

/**
 * @typedef {object} Highlighted
 * @property {import('../pkg/newsmark.js').Analysis} analysis all layers, for the tooltip
 * @property {import('./marks.js').Marks} marks what was put into the element
 */

/** @type {WeakMap<Element, Highlighted>} every element highlighted as a whole */
const highlighted = new WeakMap();
/** @type {Tooltip | null} made on the first highlight */
let tooltip = null;

/** The script tag's options, read while it runs (document.currentScript is null afterwards). */
const config = readConfig(document.currentScript);

function readConfig(script) {
  const data = script?.dataset ?? {};
  let layers = LAYERS;
  try {
    layers = parseLayers(data.newsmarkLayers, LAYERS);
  } catch (error) {
    report(error); // a typo on the tag shows every layer rather than none
  }
  return {
    auto: data.newsmarkAuto !== undefined || data.newsmarkSelector !== undefined,
    selector: data.newsmarkSelector || DEFAULT_SELECTOR,
    layers,
  };
}

/**
 * The layers named in `value`: a list, or a string of names separated by spaces or commas;
 * `fallback` when none is given.
 */
function parseLayers(value, fallback) {
  if (value === undefined || value === null) return fallback;
  const names = Array.isArray(value) ? value : String(value).split(/[\s,]+/).filter(Boolean);
  if (names.length === 0) return fallback;
  for (const name of names) {
    if (!LAYERS.includes(name)) throw new TypeError(`newsmark: unknown layer "${name}"; the layers are ${LAYERS.join(', ')}`);
  }
  return names;
}

/** Analyses `text`; resolves to the analysis (offsets in UTF-16 code units, as `text.slice` takes). */
async function analyze(text) {
  const analyse = await loadAnalyser();
  return analyse(text);
}

/**
 * Highlights `element` in place (again, if it already was). Resolves to null, changing nothing,
 * when the element is inside a highlighted one or is of a kind never highlighted (code, forms…).
 *
 * @param {Element} element
 * @param {{layers?: string[] | string}} [options] the layers to show (default: the script tag's)
 * @returns {Promise<{text: string, analysis: object, marks: number} | null>} the text read
 *   (block edges as blank lines), its analysis, and how many wrappers were added
 */
async function highlight(element, { layers } = {}) {
  if (!(element instanceof Element)) throw new TypeError('newsmark.highlight expects an element');
  const shown = parseLayers(layers, config.layers);
  const analyse = await loadAnalyser();
  // From here on, one task: the page cannot change between reading and marking. The page's
  // elements are read through dom.js: a form's controls can shadow their properties.
  if (closest(element, SKIPPED) || highlightedAround(parentElement(element))) return null;
  unmark(element);
  const { text, runs } = readText(element, (inner) => highlighted.has(inner));
  const analysis = analyse(text);
  const visible = {
    actors: shown.includes('actors') ? analysis.actors : [],
    quotes: shown.includes('quotes') ? analysis.quotes : [],
    terms: shown.includes('terms') ? analysis.terms : [],
  };
  const doc = ownerDocument(element);
  startStyling(doc);
  const marks = placeMarks(doc, runs, text, visible, TOOLTIP_ID);
  highlighted.set(element, { analysis, marks });
  dispatchEvent(element, new CustomEvent('newsmark:highlighted', { bubbles: true, detail: { analysis } }));
  return { text, analysis, marks: marks.wrappers.length };
}

/**
 * Highlights every element matching `selector` (default: the script tag's), one per idle slot
 * so that a long page stays responsive; an element inside another one matched is done with it.
 * @returns {Promise<Element[]>} the elements highlighted
 */
async function highlightAll(selector = config.selector, options = {}) {
  await loadAnalyser();
  const done = [];
  let outer = null;
  // Document order: the elements inside a kept one directly follow it.
  for (const element of document.querySelectorAll(selector)) {
    if (outer && contains(outer, element)) continue;
    outer = element;
    await idle();
    try {
      const layers = options.layers ?? (getAttribute(element, 'data-newsmark') || undefined);
      if (await highlight(element, { layers })) done.push(element);
    } catch (error) {
      report(error);
    }
  }
  return done;
}

/**
 * Takes the highlights out of `element`, leaving its markup exactly as it was.
 * @returns {boolean} whether it was highlighted
 */
function unmark(element) {
  const record = highlighted.get(element);
  if (!record) return false;
  highlighted.delete(element);
  if (tooltip?.shownFor && contains(element, tooltip.shownFor)) tooltip.hide();
  removeMarks(record.marks);
  return true;
}

/** Whether `element` or an ancestor of it is highlighted. */
function highlightedAround(element) {
  for (let node = element; node; node = parentElement(node)) if (highlighted.has(node)) return true;
  return false;
}

/** The analysis a mark belongs to: that of the highlighted element holding it. */
function analysisOf(mark) {
  for (let node = mark; node; node = parentElement(node)) {
    const record = highlighted.get(node);
    if (record) return record.analysis;
  }
  return undefined;
}

function startStyling(document) {
  adoptMarkStyles(document);
  if (tooltip) return;
  tooltip = new Tooltip(document, analysisOf);
  tooltip.listen();
}

function idle() {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 200 });
    else setTimeout(resolve, 0);
  });
}

function report(error) {
  console.error('newsmark:', error);
}

function whenParsed(run) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

/** `<newsmark-text layers="quotes">…</newsmark-text>`: highlights its content once parsed. */
class NewsmarkText extends HTMLElement {
  connectedCallback() {
    whenParsed(() => {
      if (!this.isConnected || highlighted.has(this)) return;
      highlight(this, { layers: this.getAttribute('layers') ?? undefined }).catch(report);
    });
  }
}

// A second copy of the script on the same page leaves the first in charge. Own properties
// only: an element with id="newsmark" (a heading's anchor, say) is a named property of window
// too, and must neither stop the embed nor stand in for its API.
if (!Object.hasOwn(window, 'newsmark')) {
  Object.defineProperty(window, 'newsmark', {
    value: Object.freeze({
      analyze,
      highlight,
      highlightAll,
      unmark,
      /** Resolves once the analyser is loaded (it loads on first use otherwise). */
      ready: () => loadAnalyser().then(() => undefined),
    }),
    enumerable: true,
  });
  if (!customElements.get('newsmark-text')) customElements.define('newsmark-text', NewsmarkText);
  if (config.auto) {
    // Compile while the page is still being parsed; a failure is reported by highlightAll.
    loadAnalyser().catch(() => {});
    whenParsed(() => highlightAll().catch(report));
  }
}
