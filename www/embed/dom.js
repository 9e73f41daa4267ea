// Reads the host page's elements through the DOM's own getters and methods.
//
// A <form> exposes its controls as properties that shadow the DOM's: inside
// `<form><input name="nextSibling"></form>`, `form.nextSibling` is the input, and a walk that
// follows it goes round for ever (the reader's tab hangs); `<input name="closest">` makes
// `form.closest(…)` throw. The page's markup, not the embed, picks those names (a site may wrap
// its whole content in one form), so every element of the page is read through the
// prototypes' accessors, which no control can shadow, as DOMPurify does. Text nodes and the
// embed's own spans have no named properties and are read directly.

const getter = (prototype, name) => {
  const get = Object.getOwnPropertyDescriptor(prototype, name).get;
  return (node) => get.call(node);
};
const method = (prototype, name) => {
  const call = prototype[name];
  return (node, ...args) => call.apply(node, args);
};

export const firstChild = getter(Node.prototype, 'firstChild');
export const nextSibling = getter(Node.prototype, 'nextSibling');
export const parentNode = getter(Node.prototype, 'parentNode');
export const parentElement = getter(Node.prototype, 'parentElement');
export const nodeType = getter(Node.prototype, 'nodeType');
export const ownerDocument = getter(Node.prototype, 'ownerDocument');
export const localName = getter(Element.prototype, 'localName');
export const contains = method(Node.prototype, 'contains');
export const dispatchEvent = method(EventTarget.prototype, 'dispatchEvent');
export const matches = method(Element.prototype, 'matches');
export const closest = method(Element.prototype, 'closest');
export const getAttribute = method(Element.prototype, 'getAttribute');
export const hasAttribute = method(Element.prototype, 'hasAttribute');
export const querySelector = method(Element.prototype, 'querySelector');
