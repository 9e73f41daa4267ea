// Builds the highlighted copy of the text from the three layers of an analysis.
//
// Quotes, actor mentions and cyber terms may nest or cross (a name inside a quote, a group
// name that is both an organisation and a threat actor), so the text is cut at every boundary
// of every layer, and each piece is wrapped in one element per layer covering it, always in the
// same order: quote > actor > term > text. Pieces and their DOM are built in one pass,
// O(n log n) in the number of spans, with text only ever placed in text nodes.

/** Where one layer covers a piece: the index of the quote or term, or the actor id; -1 if none. */
const NONE = -1;

/**
 * Cuts `text` into pieces at every span boundary.
 * @param {string} text
 * @param {import('./pkg/newsmark.js').Analysis} analysis offsets in UTF-16 code units
 * @returns {{start: number, end: number, quote: number, actor: number, term: number}[]}
 */
export function pieces(text, analysis) {
  const length = text.length;
  const quotes = layer(analysis.quotes.map((q, i) => [q.start, q.end, i]), length);
  const actors = layer(
    analysis.actors.flatMap((a) => a.mentions.map((m) => [m.start, m.end, a.id])),
    length,
  );
  const terms = layer(analysis.terms.map((t, i) => [t.start, t.end, i]), length);

  const cuts = new Float64Array(2 + 2 * (quotes.length + actors.length + terms.length));
  let n = 0;
  cuts[n++] = 0;
  cuts[n++] = length;
  for (const spans of [quotes, actors, terms]) {
    for (const [start, end] of spans) {
      cuts[n++] = start;
      cuts[n++] = end;
    }
  }
  cuts.sort();

  const cursors = [0, 0, 0];
  const layers = [quotes, actors, terms];
  const out = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i];
    const end = cuts[i + 1];
    if (start === end) continue;
    const [quote, actor, term] = layers.map((spans, l) => covering(spans, cursors, l, start));
    out.push({ start, end, quote, actor, term });
  }
  return out;
}

/** Valid spans of one layer, sorted, with any span overlapping an earlier one dropped. */
function layer(spans, length) {
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept = [];
  let reach = 0;
  for (const span of spans) {
    const [start, end] = span;
    if (!(start >= reach && end > start && end <= length)) continue;
    kept.push(span);
    reach = end;
  }
  return kept;
}

/** The value of the span of layer `l` covering `at`, advancing that layer's cursor. */
function covering(spans, cursors, l, at) {
  let c = cursors[l];
  while (c < spans.length && spans[c][1] <= at) c++;
  cursors[l] = c;
  return c < spans.length && spans[c][0] <= at ? spans[c][2] : NONE;
}

/**
 * Characters per block of the rendered text, at least: blocks end after a newline, so that an
 * edit relays out one block rather than the whole text (which, for a 1 MB paste, is the
 * difference between a keystroke taking a frame and taking seconds). A block ending in a
 * newline wraps exactly as the same text does inside one block, so the rendering still lines
 * up with the textarea's.
 */
const BLOCK = 1000;

/**
 * Renders the pieces as DOM: one text node per piece (per block part of it), wrapped per layer,
 * in blocks.
 * @returns {{fragment: DocumentFragment, runs: {start: number, end: number, node: Text}[]}}
 *   `runs` lists every text node with the text range it holds, in order, so that an edit can
 *   later be applied to the one node it falls in.
 */
export function renderPieces(text, analysis, cuts) {
  const fragment = document.createDocumentFragment();
  const runs = [];
  let block = document.createElement('div');
  let blockEnd = nextBlockEnd(text, 0);
  for (let i = 0; i < cuts.length; i++) {
    const piece = cuts[i];
    const quoteStarts = piece.quote !== NONE && cuts[i - 1]?.quote !== piece.quote;
    const quoteEnds = piece.quote !== NONE && cuts[i + 1]?.quote !== piece.quote;
    let start = piece.start;
    while (blockEnd < piece.end) {
      if (blockEnd > start) {
        block.append(wrapped(text, analysis, piece, start, blockEnd, runs, start === piece.start && quoteStarts, false));
        start = blockEnd;
      }
      fragment.append(block);
      block = document.createElement('div');
      blockEnd = nextBlockEnd(text, blockEnd);
    }
    block.append(wrapped(text, analysis, piece, start, piece.end, runs, start === piece.start && quoteStarts, quoteEnds));
  }
  fragment.append(block);
  return { fragment, runs };
}

/** Where the block starting at `from` ends: just after the first newline `BLOCK` chars on. */
function nextBlockEnd(text, from) {
  const newline = text.indexOf('\n', from + BLOCK);
  return newline < 0 ? Infinity : newline + 1;
}

/** The text node for `[start, end)` of `piece`, inside one element per layer covering it. */
function wrapped(text, analysis, piece, start, end, runs, quoteStarts, quoteEnds) {
  const node = document.createTextNode(text.slice(start, end));
  runs.push({ start, end, node });
  let inner = node;
  if (piece.term !== NONE) {
    const term = analysis.terms[piece.term];
    inner = wrap(inner, `nm-t nm-c-${term.category}`, 'nmTerm', piece.term);
  }
  if (piece.actor !== NONE) {
    const actor = analysis.actors[piece.actor];
    inner = wrap(inner, `nm-a nm-k-${actor?.kind}`, 'nmActor', piece.actor);
  }
  if (piece.quote !== NONE) {
    inner = wrap(inner, 'nm-q', 'nmQuote', piece.quote);
    if (quoteStarts) {
      inner.classList.add('nm-q-first');
      inner.dataset.nmLabel = analysis.quotes[piece.quote].speaker_name ?? 'speaker unknown';
    }
    if (quoteEnds) inner.classList.add('nm-q-last');
  }
  return inner;
}

function wrap(child, className, dataKey, value) {
  const span = document.createElement('span');
  span.className = className;
  span.dataset[dataKey] = String(value);
  span.append(child);
  return span;
}
