// The editor: a plain <textarea> in front of a highlighted copy of its text (the backdrop).
//
// Why this design: a contenteditable with highlights inside loses the caret, the selection and
// the undo history whenever the highlights are rebuilt, and re-parses whatever the browser
// decides to paste. A textarea keeps all of that natively and only ever holds text. The
// backdrop behind it has the same box, font, padding, wrapping and scrollbar gutter, so each
// highlight sits exactly under its words; it only paints backgrounds, underlines and labels
// in the gaps between lines (its own glyphs are transparent), and follows the textarea's scroll.
// Rebuilding it never touches the textarea, so the caret and the scroll position stay put.
//
// While the next analysis is pending, each keystroke is applied to the one text node of the
// backdrop it falls in, so the highlights stay aligned with the text without a rebuild.

import { pieces, renderPieces } from './render.js';

/**
 * Above this many quotes the speaker labels are left out of the backdrop (the tooltips and the
 * panel still name the speakers): each label is an absolutely positioned box, and thousands of
 * them multiply the layout time of a long text several times over.
 */
const LABELLED_QUOTES = 400;

/** Input types of an edit that brings a whole text at once, which need not wait for typing to pause. */
const WHOLE = /^insertFrom(Paste|Drop)/;

export class HighlightEditor {
  /** @param {HTMLTextAreaElement} input @param {HTMLElement} backdrop */
  constructor(input, backdrop) {
    this.input = input;
    this.backdrop = backdrop;
    /** The text the backdrop holds, and its text nodes with their ranges. */
    this.shown = '';
    this.runs = [];
    /** Called with the new text, and whether it arrived whole (see `WHOLE`) rather than typed. */
    this.onChange = () => {};
    input.addEventListener('input', (event) => this.#followEdit(WHOLE.test(event.inputType)));
    input.addEventListener('scroll', () => this.#syncScroll(), { passive: true });
    new ResizeObserver(() => this.#syncScroll()).observe(input);
    this.#renderPlain('');
  }

  get text() {
    return this.input.value;
  }

  /** Replaces the whole text, as a paste would, and reports the change. */
  setText(text) {
    this.input.value = text;
    this.input.scrollTop = 0;
    this.#followEdit(true);
  }

  /** Draws `analysis` if it is the analysis of the current text. */
  show(text, analysis) {
    if (text !== this.input.value) return;
    const { fragment, runs } = renderPieces(text, analysis, pieces(text, analysis));
    this.backdrop.classList.toggle('nm-unlabelled', analysis.quotes.length > LABELLED_QUOTES);
    this.#replace(text, fragment, runs);
  }

  /**
   * Marks every highlight whose data attribute `key` (`nmActor`, `nmQuote`, `nmTerm`) holds one
   * of `values`, scrolls the first into view, and returns how many there are.
   */
  focusMarks(key, values) {
    for (const old of this.backdrop.querySelectorAll('.nm-focus')) old.classList.remove('nm-focus');
    const attribute = `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const marks = [...this.backdrop.querySelectorAll(`[${attribute}]`)].filter((mark) =>
      values.has(Number(mark.dataset[key])),
    );
    for (const mark of marks) mark.classList.add('nm-focus');
    const first = marks[0];
    if (!first) return 0;
    const top = first.getBoundingClientRect().top - this.backdrop.getBoundingClientRect().top;
    this.input.scrollTop += top - this.input.clientHeight / 3;
    this.#syncScroll();
    this.input.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    return marks.length;
  }

  /** The quote, actor and term highlighted under a viewport point (indexes; -1 for none). */
  hitTest(x, y) {
    const hit = { quote: -1, actor: -1, term: -1 };
    for (const element of document.elementsFromPoint(x, y)) {
      if (!this.backdrop.contains(element) || !(element instanceof HTMLElement)) continue;
      const { nmQuote, nmActor, nmTerm } = element.dataset;
      if (nmQuote !== undefined && hit.quote < 0) hit.quote = Number(nmQuote);
      if (nmActor !== undefined && hit.actor < 0) hit.actor = Number(nmActor);
      if (nmTerm !== undefined && hit.term < 0) hit.term = Number(nmTerm);
    }
    return hit;
  }

  /** Applies the difference between the shown text and the textarea to the backdrop. */
  #followEdit(whole) {
    const next = this.input.value;
    const old = this.shown;
    let start = 0;
    const shorter = Math.min(old.length, next.length);
    while (start < shorter && old.charCodeAt(start) === next.charCodeAt(start)) start++;
    let tail = 0;
    while (
      tail < shorter - start &&
      old.charCodeAt(old.length - 1 - tail) === next.charCodeAt(next.length - 1 - tail)
    ) tail++;
    const removed = old.length - tail - start;
    const inserted = next.slice(start, next.length - tail);
    if (!this.#patch(start, removed, inserted)) this.#renderPlain(next);
    this.shown = next;
    this.#syncScroll();
    this.onChange(next, whole);
  }

  /** Edits the single text node holding `[start, start + removed)`; false if there is none. */
  #patch(start, removed, inserted) {
    const runs = this.runs;
    if (runs.length === 0) return false;
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid].start <= start) lo = mid;
      else hi = mid - 1;
    }
    const run = runs[lo];
    if (start + removed > run.end) return false;
    // A block of the rendering must end with its newline (see render.js): removing one means
    // rebuilding.
    const at = start - run.start;
    if (run.node.data.slice(at, at + removed).includes('\n')) return false;
    run.node.data = run.node.data.slice(0, at) + inserted + run.node.data.slice(at + removed);
    const delta = inserted.length - removed;
    run.end += delta;
    for (let i = lo + 1; i < runs.length; i++) {
      runs[i].start += delta;
      runs[i].end += delta;
    }
    return true;
  }

  #renderPlain(text) {
    const node = document.createTextNode(text);
    const fragment = document.createDocumentFragment();
    fragment.append(node);
    this.#replace(text, fragment, [{ start: 0, end: text.length, node }]);
  }

  #replace(text, fragment, runs) {
    // A final space gives a trailing newline its own line, as the textarea shows it.
    (fragment.lastElementChild ?? fragment).append(document.createTextNode(' '));
    this.backdrop.replaceChildren(fragment);
    this.shown = text;
    this.runs = runs;
    this.#syncScroll();
  }

  #syncScroll() {
    this.backdrop.scrollTop = this.input.scrollTop;
    this.backdrop.scrollLeft = this.input.scrollLeft;
  }
}
