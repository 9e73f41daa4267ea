// What a highlight means, in words: the lines of the tooltip, shared by the page and the embed.

import { labelOf } from './vocab.js';

/**
 * A count with commas between thousands, as `toLocaleString('en')` writes it. Not with Intl: its
 * first use loads the locale's data, which cost 25 to 50 ms of the page's first highlight.
 * @param {number} n a whole number, 0 or more
 */
export function formatCount(n) {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** `n noun`, with the noun in the plural unless n is 1. */
export function count(n, noun) {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The lines describing what covers one point of the text: the actor (kind, canonical name,
 * roles, mentions), the cyber term (category, canonical name, ATT&CK or CVE id) and the quote
 * (speaker and cue).
 * @param {import('./pkg/newsmark.js').Analysis} analysis
 * @param {{quote: number, actor: number, term: number}} hit indexes; -1 for none
 * @returns {string[]}
 */
export function describe(analysis, hit) {
  const lines = [];
  const actor = analysis.actors[hit.actor];
  if (actor) {
    const roles = actor.roles?.length ? ` — ${actor.roles.join(', ')}` : '';
    lines.push(`${labelOf(actor.kind)}: ${actor.name}${roles} (${count(actor.mentions.length, 'mention')})`);
  }
  const term = analysis.terms[hit.term];
  if (term) lines.push(`${labelOf(term.category)}: ${[term.name, term.ref].filter(Boolean).join(' · ')}`);
  const quote = analysis.quotes[hit.quote];
  if (quote) {
    const cue = quote.cue ? ` (“${quote.cue.text}”)` : '';
    lines.push(quote.speaker_name ? `Quote by ${quote.speaker_name}${cue}` : 'Quote, speaker unknown');
  }
  return lines;
}
