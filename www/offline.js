// Registers the service worker (sw.js) that keeps the page working offline after a first visit.
// Served pages only: a page opened from disk (the single-file build) has nothing to cache and
// cannot register one.

export function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  // updateViaCache 'none': the cache version lives in an imported script (pkg/offline-manifest.js),
  // which must be compared with the server's copy on every check, never with an HTTP-cached one.
  const register = () =>
    navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' }).catch((error) => {
      console.warn('newsmark: the page will not work offline:', error);
    });
  // Not before the load: caching the page's files must not compete with loading them.
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
