// The tooltip of the marks: one element for the whole page, with its content and styles in a
// shadow root so that the host page's styles and the tooltip's never meet. It is in the page
// only while shown, so a highlighted element's markup (even <body>'s) holds nothing of it.
//
// It follows the pointer over a mark and the keyboard focus onto one (or onto a link holding
// one); Escape, scrolling, leaving or blurring hides it. The focused mark names it with
// aria-describedby, so a screen reader reads the description too.

import { describe } from '../describe.js';
import { closest, querySelector } from './dom.js';
import { layersAt, MARK_ATTRIBUTE } from './marks.js';
import { adoptTooltipStyles } from './styles.js';

export const TOOLTIP_ID = 'newsmark-tooltip';
const MARK = `[${MARK_ATTRIBUTE}]`;
/** Gap between the tooltip and what it describes, and the least distance to the viewport's edge. */
const GAP = 8;

export class Tooltip {
  /**
   * @param {Document} document
   * @param {(mark: Element) => import('../pkg/newsmark.js').Analysis | undefined} analysisOf
   *   the analysis a mark belongs to, if it is still highlighted
   */
  constructor(document, analysisOf) {
    this.document = document;
    this.analysisOf = analysisOf;
    this.host = document.createElement('newsmark-tooltip');
    this.host.id = TOOLTIP_ID;
    this.host.setAttribute('role', 'tooltip');
    const shadow = this.host.attachShadow({ mode: 'open' });
    adoptTooltipStyles(shadow);
    this.box = document.createElement('div');
    this.box.className = 'box';
    shadow.append(this.box);
    this.shownFor = null;
  }

  /** Starts following the pointer and the focus. */
  listen() {
    const document = this.document;
    document.addEventListener('mouseover', (event) => {
      const mark = markAround(event.target);
      if (mark) this.show(mark, { x: event.clientX, y: event.clientY });
    });
    document.addEventListener('mouseout', (event) => {
      if (!markAround(event.relatedTarget)) this.hide();
    });
    document.addEventListener('focusin', (event) => {
      const target = event.target;
      const mark = markAround(target) ?? (target instanceof Element ? querySelector(target, MARK) : null);
      if (mark) this.show(mark, null);
    });
    document.addEventListener('focusout', () => this.hide());
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.hide();
    });
    document.addEventListener('scroll', () => this.hide(), { capture: true, passive: true });
  }

  /**
   * Shows what `mark` means, beside the pointer when it came from one, else below the mark.
   * @param {Element} mark
   * @param {{x: number, y: number} | null} pointer
   */
  show(mark, pointer) {
    const analysis = this.analysisOf(mark);
    const lines = analysis ? describe(analysis, layersAt(mark)) : [];
    if (lines.length === 0) return this.hide();
    this.box.replaceChildren(
      ...lines.map((line) => {
        const p = this.document.createElement('p');
        p.textContent = line;
        return p;
      }),
    );
    if (!this.host.isConnected) this.document.body.append(this.host);
    this.shownFor = mark;
    this.#place(pointer ? { left: pointer.x + 14, below: pointer.y + 18, above: pointer.y - 12 } : anchorOf(mark));
  }

  hide() {
    this.shownFor = null;
    this.host.remove();
  }

  /** Puts the tooltip's top at `below`, or its bottom at `above` when there is no room below. */
  #place({ left, below, above }) {
    const { offsetWidth: width, offsetHeight: height } = this.host;
    const top = below + height + GAP > innerHeight ? above - height : below;
    this.host.style.left = `${Math.max(GAP, Math.min(left, innerWidth - width - GAP))}px`;
    this.host.style.top = `${Math.max(GAP, top)}px`;
  }
}

/**
 * The mark an event target is or is inside, if any. Targets are the page's elements, read
 * through dom.js: a form's controls can shadow their methods.
 */
function markAround(target) {
  return target instanceof Element ? closest(target, MARK) : null;
}

/** Where a focused mark's tooltip goes: under its first line. */
function anchorOf(mark) {
  const rect = mark.getClientRects()[0] ?? mark.getBoundingClientRect();
  return { left: rect.left, below: rect.bottom + GAP, above: rect.top - GAP };
}
