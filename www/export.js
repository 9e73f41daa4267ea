// What the reader can take away: the analysis as JSON, and the highlighted text as a
// self-contained HTML snippet (escaped text, inline styles, no script) to paste into a page.

import { pieces } from './render.js';
import { labelOf } from './vocab.js';

/**
 * The analysis in the command line's JSON shape. Its offsets count UTF-16 code units (what
 * `String.prototype.slice` takes), not the command line's UTF-8 bytes.
 */
export function analysisJson(analysis) {
  return `${JSON.stringify(analysis, null, 2)}\n`;
}

/** Colours of the snippet: the page's light theme, which passes WCAG AA on white. */
const SNIPPET_COLOURS = {
  person: '#d6e6ff',
  organization: '#d3f2dc',
  place: '#ffe3c2',
  attack: '#c4262e',
  malware: '#9c2fae',
  'threat-actor': '#b3400b',
  vulnerability: '#a2255b',
  technique: '#0a6a8a',
  indicator: '#4f5a65',
  influence: '#2a6b2a',
};

/**
 * The highlighted text as HTML, showing only what `visibility` shows.
 * @param {string} text
 * @param {import('./pkg/newsmark.js').Analysis} analysis
 * @param {import('./legend.js').Visibility} visibility
 */
export function highlightedHtml(text, analysis, visibility) {
  const shown = {
    quotes: analysis.quotes.map(() => visibility.shows('quotes')),
    actors: analysis.actors.map((a) => visibility.shows('actors', a.kind)),
    terms: analysis.terms.map((t) => visibility.shows('terms', t.category)),
  };
  const visible = {
    actors: analysis.actors.map((a, i) => (shown.actors[i] ? a : { ...a, mentions: [] })),
    quotes: analysis.quotes.filter((_, i) => shown.quotes[i]),
    terms: analysis.terms.filter((_, i) => shown.terms[i]),
  };
  let html = '';
  let openQuote = -1;
  for (const piece of pieces(text, visible)) {
    if (piece.quote !== openQuote) {
      if (openQuote >= 0) html += '</q>';
      if (piece.quote >= 0) html += openingQuote(visible.quotes[piece.quote]);
      openQuote = piece.quote;
    }
    let inner = escape(text.slice(piece.start, piece.end));
    if (piece.term >= 0) inner = termMark(visible.terms[piece.term], inner);
    if (piece.actor >= 0) inner = actorMark(visible.actors[piece.actor], inner);
    html += inner;
  }
  if (openQuote >= 0) html += '</q>';
  return (
    '<!-- Highlighted by newsmark: people, organisations and places are shaded, quotes are ' +
    'underlined in violet with their speaker in the title, cyber terms are underlined in colour. -->\n' +
    '<div style="white-space:pre-wrap;overflow-wrap:break-word;line-height:1.6;' +
    'font-family:Georgia,serif;color:#1b1b1b;background:#ffffff;padding:1em">' +
    `${html}</div>\n`
  );
}

function openingQuote(quote) {
  const speaker = quote.speaker_name ? `Said by ${quote.speaker_name}` : 'Speaker unknown';
  // <q> adds its own quotation marks; the text already has them, so they are switched off.
  return (
    `<q title="${escape(speaker)}" style="quotes:none;background:#f1ebff;` +
    `border-bottom:2px solid #6b3fc9">`
  );
}

function actorMark(actor, inner) {
  const title = `${labelOf(actor.kind)}: ${actor.name}`;
  return (
    `<mark title="${escape(title)}" style="background:${SNIPPET_COLOURS[actor.kind] ?? '#eee'};` +
    `color:inherit;border-radius:2px">${inner}</mark>`
  );
}

function termMark(term, inner) {
  const title = [labelOf(term.category), term.name, term.ref].filter(Boolean).join(' · ');
  const colour = SNIPPET_COLOURS[term.category] ?? '#555';
  return (
    `<span title="${escape(title)}" style="text-decoration:underline ${colour} 2px;` +
    `text-underline-offset:3px">${inner}</span>`
  );
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` with every character that means something in HTML (text or attribute) escaped. */
export function escape(text) {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Offers `content` as a file download; nothing is sent anywhere. */
export function download(filename, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
