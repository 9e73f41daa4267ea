// Registers the service worker (sw.js) that keeps the page working offline after a first visit.
// Served pages only: a page opened from disk (the single-file build) has nothing to cache and
// cannot register one.

export function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  // After the load, so that caching the app shell never competes with the first analysis.
  addEventListener('load', () => {
    // updateViaCache 'none': the cache version lives in an imported script (pkg/offline-manifest.js),
    // which must be compared with the server's copy on every check, never with an HTTP-cached one.
    navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' }).catch((error) => {
      console.warn('newsmark: the page will not work offline:', error);
    });
  });
}
