// Reads the text of a part of a web page the way the analyser needs it, and remembers where
// every character came from.
//
// The analyser finds paragraphs by blank lines (src/text/segment.rs) and gives quotations that
// run over several paragraphs one speaker, so the page's structure must survive as line breaks:
// block elements (paragraphs, list items, headings, cells…) are separated by a blank line and
// `<br>` is a line break. Those separators are not in any text node. Everything else is copied
// one UTF-16 code unit per code unit, with the source's line breaks and tabs read as spaces (the
// browser shows them as spaces too), so that an offset of the analysis lands on the same
// character of the same text node: no offset table is needed, only each node's start.

import { firstChild, localName, matches, nextSibling, nodeType, parentNode } from './dom.js';

/**
 * Elements whose text is neither analysed nor marked: code, form controls, editors, embedded
 * documents, and anything the page opts out with `data-newsmark-skip`. Also every element whose
 * text a span must not enter, so that the page's markup, serialised and parsed again, gives
 * back the same nodes: the parser reads the content of xmp, noembed, title… as text (a span
 * there would come back as text), and an HTML span inside svg or math breaks out of it (the
 * root of mutation XSS).
 */
export const SKIPPED =
  'script, style, noscript, template, title, xmp, plaintext, noembed, noframes, code, pre, kbd, ' +
  'samp, textarea, input, select, option, button, svg, math, iframe, object, ' +
  '[contenteditable]:not([contenteditable="false"]), [data-newsmark-skip]';

/** Elements the browser lays out as blocks by default: their edges are paragraph breaks. */
const BLOCKS = new Set(
  ('address article aside blockquote caption dd details dialog div dl dt fieldset figcaption ' +
    'figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main menu nav ol p pre ' +
    'section summary table tbody td tfoot th thead tr ul').split(' '),
);

/** Elements whose own whitespace text is markup indentation, never part of a sentence. */
const CONTAINERS = new Set('colgroup dl menu ol table tbody tfoot thead tr ul'.split(' '));

const PARAGRAPH_BREAK = '\n\n';
const LINE_BREAK = '\n';
const WHITESPACE_ONLY = /^[ \t\n\r\f]*$/;
const SOURCE_BREAKS = /[\t\n\r\f]/g;

const isElement = (node) => node !== null && nodeType(node) === Node.ELEMENT_NODE;
const isBlock = (node) => isElement(node) && BLOCKS.has(localName(node));

/**
 * The text of `root` and where its characters are.
 *
 * @param {Element} root
 * @param {(element: Element) => boolean} isOpaque elements to leave out with their content
 *   (besides `SKIPPED`), such as parts highlighted on their own
 * @returns {{text: string, runs: {node: Text, start: number, end: number}[]}} `runs` lists
 *   the text nodes read, in document order, each with the range of `text` it holds
 */
export function readText(root, isOpaque) {
  const parts = [];
  const runs = [];
  let length = 0;
  /** A separator owed before the next text: '', ' ', a line break or a paragraph break. */
  let pending = '';
  const owe = (separator) => {
    if (separator.length > pending.length) pending = separator;
  };
  const lineBreak = () => (pending = pending === LINE_BREAK || pending === PARAGRAPH_BREAK ? PARAGRAPH_BREAK : LINE_BREAK);

  // Depth-first without recursion, so that no nesting depth can overflow the stack. Elements
  // are read through dom.js: a form's controls can shadow their properties.
  let node = firstChild(root);
  while (node) {
    let descend = false;
    const type = nodeType(node);
    if (type === Node.TEXT_NODE) {
      if (!isIndentation(node)) {
        if (length > 0 && pending) {
          parts.push(pending);
          length += pending.length;
        }
        pending = '';
        const data = node.data;
        parts.push(data.replace(SOURCE_BREAKS, ' '));
        runs.push({ node, start: length, end: length + data.length });
        length += data.length;
      }
    } else if (type === Node.ELEMENT_NODE) {
      if (localName(node) === 'br') lineBreak();
      else if (matches(node, SKIPPED) || isOpaque(node)) owe(isBlock(node) ? PARAGRAPH_BREAK : ' ');
      else {
        if (isBlock(node)) owe(PARAGRAPH_BREAK);
        descend = firstChild(node) !== null;
      }
    }
    if (descend) {
      node = firstChild(node);
      continue;
    }
    // Up past every ancestor whose last child this was, closing the blocks on the way.
    while (node !== root && nextSibling(node) === null) {
      node = parentNode(node);
      if (isBlock(node)) owe(PARAGRAPH_BREAK);
    }
    node = node === root ? null : nextSibling(node);
  }
  return { text: parts.join(''), runs };
}

/**
 * Whether a text node is only the source's indentation between blocks (or inside a list or a
 * table): left out, since its blank is already a separator and a mark around it would put an
 * inline element where only list items or rows belong.
 */
function isIndentation(node) {
  if (!WHITESPACE_ONLY.test(node.data)) return false;
  const parent = node.parentNode;
  if (isElement(parent) && CONTAINERS.has(localName(parent))) return true;
  return isBlock(node.previousSibling) || isBlock(node.nextSibling);
}
