// Puts highlights into a page's own markup, and takes them out again without a trace.
//
// The page's elements are never rewritten (no innerHTML): the analysis is cut into pieces with
// the page's own cutter (render.js), each piece is mapped onto the text nodes it covers, a text
// node is split where a piece starts or ends inside it, and each part is wrapped in one span
// per layer, quote > actor > term, like the page's backdrop. A quote running over a link, an
// <em> and two paragraphs so becomes several wrapped parts, each inside its own element.
//
// Every wrapper and every split is recorded, so `removeMarks` unwraps exactly those and joins
// back only the text nodes it split: text nodes the page itself had side by side stay apart,
// and the markup comes back byte for byte.

import { pieces } from '../render.js';

/** The attribute naming each wrapper's layer; the tooltip and `unmark` find wrappers by it. */
export const MARK_ATTRIBUTE = 'data-newsmark-mark';
const INDEX_ATTRIBUTE = 'data-newsmark-index';

/** Layers in nesting order, outermost first, with each piece's field and the analysis list. */
const LAYERS = [
  { name: 'quote', piece: 'quote', list: 'quotes' },
  { name: 'actor', piece: 'actor', list: 'actors' },
  { name: 'term', piece: 'term', list: 'terms' },
];

/** Marks inside these get no tab stop of their own: the element itself takes the focus. */
const INTERACTIVE = 'a[href], button, label, summary, [tabindex]';

/**
 * @typedef {object} Marks what `placeMarks` changed, for `removeMarks`
 * @property {Element[]} wrappers
 * @property {[Text, Text][]} splits each (left, right) pair that splitText made, in order
 */

/**
 * Wraps every highlighted range of `text` found in `analysis`.
 *
 * @param {Document} document
 * @param {{node: Text, start: number, end: number}[]} runs from readText
 * @param {import('../pkg/newsmark.js').Analysis} analysis of the text the runs were read into,
 *   with the layers not to show already emptied
 * @param {string} describedBy id of the element describing a focused mark (the tooltip)
 * @returns {Marks}
 */
export function placeMarks(document, runs, text, analysis, describedBy) {
  const marks = { wrappers: [], splits: [] };
  const cuts = pieces(text, analysis);
  /** The unwrapped rest of each run's node, and where it starts in the text. */
  const tails = runs.map((run) => ({ node: run.node, start: run.start }));
  let first = 0;
  let previous = null;
  for (const piece of cuts) {
    const shown = piece.quote >= 0 || piece.actor >= 0 || piece.term >= 0;
    if (!shown) {
      previous = piece;
      continue;
    }
    while (first < runs.length && runs[first].end <= piece.start) first++;
    /** Whether a span of some layer starts with this piece: its first part takes a tab stop. */
    let opening = LAYERS.some((layer) => piece[layer.piece] >= 0 && previous?.[layer.piece] !== piece[layer.piece]);
    for (let r = first; r < runs.length && runs[r].start < piece.end; r++) {
      const from = Math.max(piece.start, runs[r].start);
      const to = Math.min(piece.end, runs[r].end);
      if (from >= to) continue;
      const node = cut(tails[r], from, to, runs[r].end, marks.splits);
      wrap(document, node, piece, analysis, opening, describedBy, marks.wrappers);
      opening = false;
    }
    previous = piece;
  }
  return marks;
}

/**
 * Splits off the part [from, to) of a run's unwrapped tail and returns it; the tail moves past
 * it. Pieces come in text order, so each run is only ever cut at its tail.
 */
function cut(tail, from, to, runEnd, splits) {
  let node = tail.node;
  if (from > tail.start) {
    const right = node.splitText(from - tail.start);
    splits.push([node, right]);
    node = right;
  }
  if (to < runEnd) {
    const right = node.splitText(to - from);
    splits.push([node, right]);
    tail.node = right;
  } else {
    tail.node = null;
  }
  tail.start = to;
  return node;
}

/** Wraps `node` in one span per layer covering the piece, innermost (term) first. */
function wrap(document, node, piece, analysis, opening, describedBy, wrappers) {
  const parent = node.parentNode;
  const next = node.nextSibling;
  let inner = node;
  let outermost = null;
  for (let l = LAYERS.length - 1; l >= 0; l--) {
    const layer = LAYERS[l];
    const index = piece[layer.piece];
    if (index < 0) continue;
    const span = document.createElement('span');
    span.className = ['nm-mark', `nm-${layer.name}`, classOf(layer, analysis[layer.list][index])].join(' ').trim();
    span.setAttribute(MARK_ATTRIBUTE, layer.name);
    span.setAttribute(INDEX_ATTRIBUTE, String(index));
    span.append(inner);
    wrappers.push(span);
    inner = span;
    outermost = span;
  }
  parent.insertBefore(outermost, next);
  // One tab stop per highlighted span, on the first part of it; not inside a link or a control,
  // which takes the focus itself.
  if (opening && !parent.closest(INTERACTIVE)) {
    outermost.tabIndex = 0;
    outermost.setAttribute('aria-describedby', describedBy);
  }
}

/** The kind or category class of an actor or term: `nm-person`, `nm-malware`…; none for quotes. */
function classOf(layer, item) {
  if (layer.name === 'actor') return `nm-${item?.kind}`;
  if (layer.name === 'term') return `nm-${item?.category}`;
  return '';
}

/**
 * The layers of one marked point, read from the wrappers around it.
 * @param {Element} mark any wrapper
 * @returns {{quote: number, actor: number, term: number}} indexes; -1 for none
 */
export function layersAt(mark) {
  const hit = { quote: -1, actor: -1, term: -1 };
  for (let element = mark; element?.hasAttribute?.(MARK_ATTRIBUTE); element = element.parentElement) {
    const layer = element.getAttribute(MARK_ATTRIBUTE);
    if (layer in hit && hit[layer] < 0) hit[layer] = Number(element.getAttribute(INDEX_ATTRIBUTE));
  }
  // The wrappers inside the one pointed at belong to the same piece of text.
  for (let element = mark.firstElementChild; element?.hasAttribute(MARK_ATTRIBUTE); element = element.firstElementChild) {
    const layer = element.getAttribute(MARK_ATTRIBUTE);
    if (layer in hit && hit[layer] < 0) hit[layer] = Number(element.getAttribute(INDEX_ATTRIBUTE));
  }
  return hit;
}

/**
 * Takes out what `placeMarks` put in: unwraps the wrappers, then joins each split back, last
 * split first, but only where the two halves are still side by side (the page may have moved or
 * edited them since).
 * @param {Marks} marks
 */
export function removeMarks(marks) {
  for (const wrapper of marks.wrappers) {
    if (wrapper.parentNode) wrapper.replaceWith(...wrapper.childNodes);
  }
  for (let i = marks.splits.length - 1; i >= 0; i--) {
    const [left, right] = marks.splits[i];
    if (left.nextSibling !== right) continue;
    left.appendData(right.data);
    right.remove();
  }
}
