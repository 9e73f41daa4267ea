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
//
// Linear time in the text: each text node is split once into all its parts (splitText, once
// per cut, would copy the node's remaining text each time), and joined back with one join.

import { pieces } from '../render.js';
import { closest, hasAttribute, parentElement } from './dom.js';

/** The attribute naming each wrapper's layer; the tooltip and `unmark` find wrappers by it. */
export const MARK_ATTRIBUTE = 'data-newsmark-mark';
const INDEX_ATTRIBUTE = 'data-newsmark-index';

/** Layers in nesting order, outermost first, with each piece's field and the analysis list. */
const LAYERS = [
  { name: 'quote', piece: 'quote', list: 'quotes' },
  { name: 'actor', piece: 'actor', list: 'actors' },
  { name: 'term', piece: 'term', list: 'terms' },
];

/**
 * Marks inside these get no tab stop of their own: the element itself takes the focus. (Not
 * tabindex="-1": pages put it on <main> and the like so that skip links can focus them.)
 */
const INTERACTIVE = 'a[href], button, label, summary, [tabindex]:not([tabindex="-1"])';

/**
 * @typedef {object} Marks what `placeMarks` changed, for `removeMarks`
 * @property {Element[]} wrappers
 * @property {{node: Text, parts: Text[]}[]} splits each text node that was split, and the nodes
 *   split off it, in order (the node itself keeps the first part)
 */

/**
 * Wraps every highlighted range of `text` found in `analysis`.
 *
 * @param {Document} document
 * @param {{node: Text, start: number, end: number}[]} runs from readText
 * @param {string} text the text the runs were read into
 * @param {import('../pkg/newsmark.js').Analysis} analysis of `text`, with the layers not to show
 *   already emptied
 * @param {string} describedBy id of the element describing a focused mark (the tooltip)
 * @returns {Marks}
 */
export function placeMarks(document, runs, text, analysis, describedBy) {
  const marks = { wrappers: [], splits: [] };
  /** Per run, the parts of it to wrap, in order: {from, to, piece, opening}. */
  const plans = new Map();
  let first = 0;
  let previous = null;
  for (const piece of pieces(text, analysis)) {
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
      if (!plans.has(r)) plans.set(r, []);
      plans.get(r).push({ from, to, piece, opening });
      opening = false;
    }
    previous = piece;
  }
  for (const [r, plan] of plans) {
    const parts = split(document, runs[r], plan, marks.splits);
    plan.forEach(({ piece, opening }, i) => wrap(document, parts[i], piece, analysis, opening, describedBy, marks.wrappers));
  }
  return marks;
}

/**
 * Splits a run's text node at the edges of the planned parts, in one pass, and returns the text
 * node holding each planned part. The node itself keeps the first part of its text.
 */
function split(document, run, plan, splits) {
  const { node, start, end } = run;
  const data = node.data;
  const edges = [start];
  /** For each planned part, the index of its edge, which is also the index of its node. */
  const partAt = [];
  for (const { from, to } of plan) {
    if (from > edges[edges.length - 1]) edges.push(from);
    partAt.push(edges.length - 1);
    edges.push(to);
  }
  if (edges[edges.length - 1] < end) edges.push(end);
  if (edges.length === 2) return [node];

  const made = [];
  // A fragment, not after(...made): a long text can have more parts than a call takes arguments.
  const fragment = document.createDocumentFragment();
  for (let e = 1; e + 1 < edges.length; e++) {
    const part = document.createTextNode(data.slice(edges[e] - start, edges[e + 1] - start));
    made.push(part);
    fragment.append(part);
  }
  node.data = data.slice(0, edges[1] - start);
  node.after(fragment);
  splits.push({ node, parts: made });

  const nodes = [node, ...made];
  return partAt.map((at) => nodes[at]);
}

/**
 * Wraps `node` in one span per layer covering the piece, innermost (term) first. Only the text
 * node and the spans are touched: the parent may be a form whose controls shadow its methods.
 */
function wrap(document, node, piece, analysis, opening, describedBy, wrappers) {
  const parent = node.parentNode;
  let innermost = null;
  let outermost = null;
  for (let l = LAYERS.length - 1; l >= 0; l--) {
    const layer = LAYERS[l];
    const index = piece[layer.piece];
    if (index < 0) continue;
    const span = document.createElement('span');
    span.className = ['nm-mark', `nm-${layer.name}`, classOf(layer, analysis[layer.list][index])].join(' ').trim();
    span.setAttribute(MARK_ATTRIBUTE, layer.name);
    span.setAttribute(INDEX_ATTRIBUTE, String(index));
    if (outermost) span.append(outermost);
    else innermost = span;
    wrappers.push(span);
    outermost = span;
  }
  node.replaceWith(outermost);
  innermost.append(node);
  // One tab stop per highlighted span, on the first part of it; not inside a link or a control,
  // which takes the focus itself.
  if (opening && !closest(parent, INTERACTIVE)) {
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
  // Up to the page's element holding the marks, which may be a form: read through dom.js.
  for (let element = mark; element !== null && hasAttribute(element, MARK_ATTRIBUTE); element = parentElement(element)) {
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
 * Takes out what `placeMarks` put in: unwraps the wrappers, then gives each split node its text
 * back in one piece, joining only the parts still right after it (the page may have moved or
 * edited them since; a part found elsewhere starts a run of its own).
 * @param {Marks} marks
 */
export function removeMarks(marks) {
  for (const wrapper of marks.wrappers) {
    if (wrapper.parentNode) wrapper.replaceWith(...wrapper.childNodes);
  }
  for (const { node, parts } of marks.splits) {
    let anchor = node;
    let texts = [node.data];
    const flush = () => {
      if (texts.length > 1) anchor.data = texts.join('');
    };
    for (const part of parts) {
      if (anchor.nextSibling === part) {
        texts.push(part.data);
        part.remove();
      } else {
        flush();
        anchor = part;
        texts = [part.data];
      }
    }
    flush();
  }
}
