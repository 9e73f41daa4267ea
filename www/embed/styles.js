// The embed's styles. They arrive as constructed style sheets (adoptedStyleSheets), which a
// host page's Content-Security-Policy does not govern: no <style> element, no style attribute,
// no 'unsafe-inline'. Marks use only classes prefixed `nm-` and keep the host's font and colour;
// their shading is translucent so that it reads on light and dark pages alike, with stronger
// tints when the reader prefers a dark scheme.

/** Marks in the host page. Actors are shaded by kind, quotes tinted and underlined, terms underlined by category. */
const MARK_CSS = `
.nm-mark { font: inherit; color: inherit; border-radius: 0.15em;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.nm-mark:focus-visible { outline: 2px solid currentColor; outline-offset: 1px; }
.nm-quote { background-color: rgb(124 77 255 / 0.10); box-shadow: inset 0 -0.1em rgb(107 63 201 / 0.6); }
.nm-person { background-color: rgb(38 110 235 / 0.18); }
.nm-organization { background-color: rgb(30 150 70 / 0.18); }
.nm-place { background-color: rgb(240 140 0 / 0.22); }
.nm-term { text-decoration-line: underline; text-decoration-thickness: 0.12em;
  text-underline-offset: 0.2em; text-decoration-color: #4f5a65; }
.nm-attack { text-decoration-color: #c4262e; }
.nm-malware { text-decoration-color: #9c2fae; }
.nm-threat-actor { text-decoration-color: #b3400b; }
.nm-vulnerability { text-decoration-color: #a2255b; }
.nm-technique { text-decoration-color: #0a6a8a; }
.nm-influence { text-decoration-color: #2a6b2a; }
@media (prefers-color-scheme: dark) {
  .nm-quote { background-color: rgb(169 139 240 / 0.16); box-shadow: inset 0 -0.1em rgb(169 139 240 / 0.8); }
  .nm-person { background-color: rgb(110 160 255 / 0.28); }
  .nm-organization { background-color: rgb(90 200 120 / 0.26); }
  .nm-place { background-color: rgb(255 170 60 / 0.28); }
  .nm-term { text-decoration-color: #aab4bf; }
  .nm-attack { text-decoration-color: #ff7b82; }
  .nm-malware { text-decoration-color: #e08cf0; }
  .nm-threat-actor { text-decoration-color: #f59a5f; }
  .nm-vulnerability { text-decoration-color: #f27fae; }
  .nm-technique { text-decoration-color: #5fc3e4; }
  .nm-influence { text-decoration-color: #7fcf7f; }
}
@media (forced-colors: active) {
  .nm-actor, .nm-quote { outline: 1px solid CanvasText; }
}
`;

/** The tooltip, inside its shadow root: only these rules reach it, and none of these leave it. */
const TOOLTIP_CSS = `
:host { all: initial; position: fixed; z-index: 2147483647; display: block; pointer-events: none;
  max-width: min(26rem, calc(100vw - 16px)); font-family: inherit; font-size: 0.875rem; line-height: 1.4; }
.box { padding: 0.45em 0.7em; border-radius: 6px; background: #1f2328; color: #f6f5f2;
  border: 1px solid #1f2328; box-shadow: 0 4px 14px rgb(0 0 0 / 0.25); }
p { margin: 0; }
p + p { margin-top: 0.2em; }
@media (prefers-color-scheme: dark) {
  .box { background: #f6f5f2; color: #1b1b1b; border-color: #c3c7cd; }
}
@media (forced-colors: active) {
  .box { border-color: CanvasText; }
}
`;

const sheets = new Map();

/** The constructed sheet for `css`, made once and shared. */
function sheet(css) {
  let made = sheets.get(css);
  if (!made) {
    made = new CSSStyleSheet();
    made.replaceSync(css);
    sheets.set(css, made);
  }
  return made;
}

/** Adds the marks' styles to `document`, once. */
export function adoptMarkStyles(document) {
  const marks = sheet(MARK_CSS);
  if (!document.adoptedStyleSheets.includes(marks)) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, marks];
  }
}

/** Gives a shadow root the tooltip's styles. */
export function adoptTooltipStyles(shadowRoot) {
  shadowRoot.adoptedStyleSheets = [sheet(TOOLTIP_CSS)];
}
