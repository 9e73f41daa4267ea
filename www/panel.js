// The side panel: the actors by kind, the quotes in order and the cyber terms by category.
// Each entry is a button that marks its highlights in the text and scrolls to the first.

import { formatCount } from './describe.js';
import { CATEGORIES, KINDS } from './vocab.js';

/** Entries drawn per list; a 1 MB paste can find tens of thousands, and nobody scrolls those. */
const LIST_LIMIT = 300;
/** Characters of a quote shown in its entry. */
const QUOTE_PREVIEW = 160;

export class Panel {
  /**
   * @param {{actors: HTMLElement, quotes: HTMLElement, terms: HTMLElement}} lists
   * @param {(attribute: string, values: Set<number>) => number} focus marks highlights whose
   *   data attribute (`nmActor`, `nmQuote`, `nmTerm`) holds one of `values`
   */
  constructor(lists, focus) {
    this.lists = lists;
    this.focus = focus;
  }

  update(analysis) {
    this.#actors(analysis.actors);
    this.#quotes(analysis.quotes);
    this.#terms(analysis.terms);
  }

  #actors(actors) {
    const sections = KINDS.map(({ key, plural }) => {
      const ofKind = actors
        .filter((a) => a.kind === key)
        .sort((a, b) => b.mentions.length - a.mentions.length || a.mentions[0].start - b.mentions[0].start);
      return this.#section(plural, `nm-k-${key}`, ofKind, (actor) => {
        const roles = actor.roles?.length ? actor.roles.join(', ') : '';
        return this.#entry(actor.name, roles, actor.mentions.length, 'nmActor', [actor.id]);
      });
    });
    fill(this.lists.actors, sections, 'No people, organisations or places found yet.');
  }

  #quotes(quotes) {
    const list = document.createElement('ol');
    list.className = 'nm-list nm-quote-list';
    for (const [index, quote] of quotes.slice(0, LIST_LIMIT).entries()) {
      const speaker = quote.speaker_name ?? 'Speaker unknown';
      const via = [
        quote.speaker_span && quote.speaker_span.text !== speaker ? `as “${quote.speaker_span.text}”` : '',
        quote.cue ? `cue “${quote.cue.text}”` : '',
      ].filter(Boolean).join(' · ');
      const preview = quote.text.length > QUOTE_PREVIEW
        ? `${quote.text.slice(0, QUOTE_PREVIEW)}…`
        : quote.text;
      const button = this.#entry(speaker, via, 0, 'nmQuote', [index]);
      const text = document.createElement('span');
      text.className = 'nm-entry-quote';
      text.textContent = preview;
      button.append(text);
      list.append(item(button));
    }
    fill(this.lists.quotes, quotes.length ? [list, more(quotes.length)] : [], 'No quotes found yet.');
  }

  #terms(terms) {
    const sections = CATEGORIES.map(({ key, plural }) => {
      const groups = new Map();
      for (const [index, term] of terms.entries()) {
        if (term.category !== key) continue;
        const group = groups.get(term.name) ?? { name: term.name, ref: term.ref, indexes: [] };
        group.indexes.push(index);
        groups.set(term.name, group);
      }
      const sorted = [...groups.values()].sort((a, b) => b.indexes.length - a.indexes.length);
      return this.#section(plural, `nm-c-${key}`, sorted, (group) =>
        this.#entry(group.name, group.ref ?? '', group.indexes.length, 'nmTerm', group.indexes),
      );
    });
    fill(this.lists.terms, sections, 'No cyber-attack terms found yet.');
  }

  /** A heading and a list of entries for one kind or category, or nothing when it is empty. */
  #section(title, swatchClass, values, entry) {
    if (values.length === 0) return null;
    const section = document.createElement('div');
    section.className = `nm-panel-group ${swatchClass}`;
    const heading = document.createElement('h3');
    const swatch = document.createElement('span');
    swatch.className = 'nm-swatch';
    swatch.setAttribute('aria-hidden', 'true');
    heading.append(swatch, `${title} (${formatCount(values.length)})`);
    const list = document.createElement('ul');
    list.className = 'nm-list';
    for (const value of values.slice(0, LIST_LIMIT)) list.append(item(entry(value)));
    section.append(heading, list, more(values.length));
    return section;
  }

  /** A button naming one entry; clicking it marks its highlights. */
  #entry(name, detail, count, attribute, values) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'nm-entry-button';
    const title = document.createElement('span');
    title.className = 'nm-entry-name';
    title.textContent = name;
    button.append(title);
    if (count > 0) {
      const times = document.createElement('span');
      times.className = 'nm-entry-count';
      times.textContent = `${count}×`;
      times.title = `${count} in the text`;
      button.append(times);
    }
    if (detail) {
      const small = document.createElement('span');
      small.className = 'nm-entry-detail';
      small.textContent = detail;
      button.append(small);
    }
    const set = new Set(values);
    button.addEventListener('click', () => {
      for (const pressed of document.querySelectorAll('.nm-entry-button[aria-current]')) {
        pressed.removeAttribute('aria-current');
      }
      if (this.focus(attribute, set) > 0) button.setAttribute('aria-current', 'true');
    });
    return button;
  }
}

function item(child) {
  const li = document.createElement('li');
  li.append(child);
  return li;
}

/** A note saying how many entries were left out, or nothing. */
function more(total) {
  if (total <= LIST_LIMIT) return '';
  const note = document.createElement('p');
  note.className = 'nm-note';
  note.textContent = `…and ${formatCount(total - LIST_LIMIT)} more.`;
  return note;
}

function fill(container, children, emptyMessage) {
  const present = children.filter(Boolean);
  if (present.length === 0) {
    const note = document.createElement('p');
    note.className = 'nm-note';
    note.textContent = emptyMessage;
    present.push(note);
  }
  container.replaceChildren(...present);
}
