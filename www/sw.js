// The page's service worker: after a first visit the page, its modules and the wasm analyser
// load from a cache, so the page keeps working with no network. Analysis never needs the
// network; only loading does, and that is what is cached.
//
// Cache-first: a cached file is served without asking the server. Updates come with a new
// version: pkg/offline-manifest.js (written by scripts/build-wasm from the files' contents)
// names the version and the files. When it changes, the browser installs this worker again,
// which fills a new cache in full before it takes over; the old cache is deleted only then, so a
// page never mixes the glue of one build with the wasm of another.

importScripts('pkg/offline-manifest.js');

/** @type {{version: string, files: string[]}} */
const { version, files } = self.NEWSMARK_OFFLINE;
const PREFIX = 'newsmark-shell-';
const CACHE = `${PREFIX}${version}`;
const scope = new URL(self.registration.scope);
const PAGE = new URL('./', scope).href;

self.addEventListener('install', (event) => {
  // `reload`: fill the cache from the server, not from the HTTP cache, which may hold files of
  // an older build.
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(files.map((file) => new Request(file, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))),
    ),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== scope.origin) return;
  event.respondWith(cacheFirst(request));
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  // The page itself, whatever its query string or whether it is named: the cached index.
  const isPage = request.mode === 'navigate' && (url.href.split(/[?#]/)[0] === PAGE || url.pathname === `${scope.pathname}index.html`);
  const cached = await cache.match(isPage ? PAGE : request);
  if (cached) return cached;
  const response = await fetch(request);
  // A same-origin file not in the manifest (a module added since) is kept for the next visit.
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}
