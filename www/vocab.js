// The names the page shows for actor kinds and term categories, in the order it lists them.
// The keys are the JSON values of the analysis (src/analysis.rs); CSS classes derive from them.

/** @type {ReadonlyArray<{key: string, label: string, plural: string}>} */
export const KINDS = Object.freeze([
  { key: 'person', label: 'Person', plural: 'People' },
  { key: 'organization', label: 'Organisation', plural: 'Organisations' },
  { key: 'place', label: 'Place', plural: 'Places' },
]);

/** @type {ReadonlyArray<{key: string, label: string, plural: string}>} */
export const CATEGORIES = Object.freeze([
  { key: 'attack', label: 'Attack', plural: 'Attacks' },
  { key: 'malware', label: 'Malware', plural: 'Malware' },
  { key: 'threat-actor', label: 'Threat actor', plural: 'Threat actors' },
  { key: 'vulnerability', label: 'Vulnerability', plural: 'Vulnerabilities' },
  { key: 'technique', label: 'Technique', plural: 'Techniques' },
  { key: 'indicator', label: 'Indicator', plural: 'Indicators' },
  { key: 'influence', label: 'Influence operation', plural: 'Influence operations' },
]);

const labels = new Map([...KINDS, ...CATEGORIES].map(({ key, label }) => [key, label]));

/** The label of a kind or category, or the raw key for one this page does not know yet. */
export function labelOf(key) {
  return labels.get(key) ?? key;
}
