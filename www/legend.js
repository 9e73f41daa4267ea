// The legend: what each highlight means, how many there are, and a toggle for each layer,
// actor kind and term category. The toggles only flip classes on the highlighted view (see
// style.css), so hiding and showing never rebuilds it.

import { formatCount } from './describe.js';
import { CATEGORIES, KINDS } from './vocab.js';

/** What is shown; the export of the HTML snippet follows it too. */
export class Visibility {
  constructor() {
    this.hidden = new Set();
  }

  /** Whether the layer ('actors', 'quotes', 'terms') and the kind or category are both shown. */
  shows(layer, key) {
    return !this.hidden.has(layer) && (key === undefined || !this.hidden.has(key));
  }
}

export class Legend {
  /**
   * @param {HTMLElement} root where the legend goes
   * @param {HTMLElement} view the element whose classes hide highlights
   * @param {Visibility} visibility
   */
  constructor(root, view, visibility) {
    this.view = view;
    this.visibility = visibility;
    /** Count elements by key: 'actors', 'person', …, 'quotes', 'terms', 'attack', … */
    this.counts = new Map();
    root.replaceChildren(
      this.#group('actors', 'Actors', KINDS.map((k) => [k.key, k.label, `nm-k-${k.key}`])),
      this.#group('quotes', 'Quotes', []),
      this.#group('terms', 'Cyber terms', CATEGORIES.map((c) => [c.key, c.label, `nm-c-${c.key}`])),
    );
  }

  /** Shows the number of highlights of each sort in `analysis`. */
  update(analysis) {
    const counts = new Map([...this.counts.keys()].map((key) => [key, 0]));
    const add = (key, n) => counts.set(key, (counts.get(key) ?? 0) + n);
    for (const actor of analysis.actors) {
      add('actors', actor.mentions.length);
      add(actor.kind, actor.mentions.length);
    }
    add('quotes', analysis.quotes.length);
    for (const term of analysis.terms) {
      add('terms', 1);
      add(term.category, 1);
    }
    for (const [key, element] of this.counts) {
      const n = counts.get(key) ?? 0;
      element.textContent = formatCount(n);
      element.closest('button')?.classList.toggle('nm-empty', n === 0);
    }
  }

  #group(layer, label, entries) {
    const group = document.createElement('div');
    group.className = 'nm-legend-group';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', label);
    group.append(this.#toggle(layer, label, `nm-layer nm-layer-${layer}`));
    for (const [key, entryLabel, swatchClass] of entries) {
      group.append(this.#toggle(key, entryLabel, `nm-entry ${swatchClass}`));
    }
    return group;
  }

  #toggle(key, label, className) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `nm-toggle ${className}`;
    button.setAttribute('aria-pressed', 'true');
    button.dataset.nmToggle = key;
    const swatch = document.createElement('span');
    swatch.className = 'nm-swatch';
    swatch.setAttribute('aria-hidden', 'true');
    const name = document.createElement('span');
    name.textContent = label;
    const count = document.createElement('span');
    count.className = 'nm-count';
    count.textContent = '0';
    this.counts.set(key, count);
    button.append(swatch, name, count);
    button.title = `Show or hide: ${label}`;
    button.addEventListener('click', () => {
      const showing = button.getAttribute('aria-pressed') === 'true';
      button.setAttribute('aria-pressed', String(!showing));
      if (showing) this.visibility.hidden.add(key);
      else this.visibility.hidden.delete(key);
      this.view.classList.toggle(`nm-hide-${key}`, showing);
    });
    return button;
  }
}
