/*
 * Kaizen LMS service worker: lets trainers and owners reopen what they opened before when the
 * network is gone (app/offline/README.md). Plain JavaScript, no build step.
 * - /assets/* (hashed, never change): cache first.
 * - pages, their .data, route discovery and the texts: network first, the cache when offline.
 * - a .data request with nothing cached answers 204 + X-Remix-Reload-Document, so the router
 *   falls back to a full page load, which may be cached.
 * - a page precached on a page's request is kept with what it needs to start: the scripts and
 *   styles its head links and the texts file it names (data-texts).
 * - POSTs are never touched: the outbox in the page keeps them.
 * - an answer marked `X-Kaizen-Offline: never` (invitation codes and other secrets; a route's
 *   `handle.neverOffline`, app/offline/handle.ts) is never kept.
 * - an answer marked `X-Kaizen-Forget-Pages: 1` (the person signed out, or their session was
 *   revoked: app/auth/session.server.ts) empties the page cache before anything new is kept.
 */
const ASSETS = "kaizen-assets-v1";
const PAGES = "kaizen-pages-v1";

/** Whether an answer may be kept for offline use; forgets every kept page when the server says so. */
async function mayKeep(response) {
  if (response.headers.get("X-Kaizen-Forget-Pages") === "1") await caches.delete(PAGES);
  return response.ok && response.status === 200 && response.headers.get("X-Kaizen-Offline") !== "never";
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (![ASSETS, PAGES].includes(key)) await caches.delete(key);
      await self.clients.claim();
      // The page that installed us loaded before we could see it: ask it what it loaded.
      for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage({ type: "report-resources" });
    })(),
  );
});

function isPageLike(url, request) {
  return (
    request.mode === "navigate" ||
    url.pathname.endsWith(".data") ||
    url.pathname === "/__manifest" ||
    url.pathname.startsWith("/locales/")
  );
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (await mayKeep(response)) await (await caches.open(PAGES)).put(request, response.clone());
    else if (response.headers.get("X-Kaizen-Offline") === "never") await (await caches.open(PAGES)).delete(request);
    return response;
  } catch (error) {
    const cache = await caches.open(PAGES);
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    const url = new URL(request.url);
    if (url.pathname.endsWith(".data")) {
      return new Response(null, { status: 204, headers: { "X-Remix-Reload-Document": "true" } });
    }
    if (request.mode === "navigate") return offlinePage();
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function offlinePage() {
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kaizen LMS</title></head>
<body style="font-family:system-ui,sans-serif;padding:1rem;font-size:1.1rem;line-height:1.5">
<h1>Kaizen LMS</h1>
<p>No network, and this page was not saved on this phone. Go back to a page you opened before, or try again when you have a network.</p>
<p lang="sw">Hakuna mtandao, na ukurasa huu haukuhifadhiwa kwenye simu hii.</p>
<p lang="am">ኔትወርክ የለም፤ ይህ ገጽ በዚህ ስልክ ላይ አልተቀመጠም።</p>
<p lang="vi">Không có mạng, và trang này chưa được lưu trên điện thoại.</p>
<p><a href="javascript:history.back()" style="font-size:1.1rem">&larr;</a></p>
</body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === "/sw.js" || url.pathname === "/healthz") return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request));
  } else if (isPageLike(url, request)) {
    event.respondWith(networkFirst(request));
  }
});

async function precache(urls) {
  const pages = await caches.open(PAGES);
  const assets = await caches.open(ASSETS);
  // Each file once per call, however many pages name it.
  const kept = new Map();
  const keep = (cache, href) => {
    if (!kept.has(href)) {
      kept.set(
        href,
        (async () => {
          const url = new URL(href, self.location.origin);
          if (await cache.match(url)) return;
          const response = await fetch(url, { credentials: "same-origin" });
          if (response.ok && response.status === 200) await cache.put(url, response);
        })().catch(() => undefined),
      );
    }
    return kept.get(href);
  };
  await Promise.all(
    urls.map(async (href) => {
      try {
        const url = new URL(href, self.location.origin);
        if (url.origin !== self.location.origin) return;
        if (url.pathname.startsWith("/assets/")) return await keep(assets, url.href);
        const response = await fetch(url, { credentials: "same-origin" });
        if (!(await mayKeep(response))) return;
        if ((response.headers.get("Content-Type") || "").includes("text/html")) {
          // What the page needs to start without a network is kept before the page itself: its
          // scripts and styles (the links in its head) and its texts (data-texts).
          const html = await response.clone().text();
          const needs = [];
          for (const [, asset] of html.matchAll(/<link[^>]+href="(\/assets\/[^"]+)"/g)) needs.push(keep(assets, asset));
          const texts = /data-texts="([^"]+)"/.exec(html);
          if (texts) needs.push(keep(pages, texts[1].replace(/&amp;/g, "&")));
          await Promise.all(needs);
        }
        await (await caches.open(PAGES)).put(url, response);
      } catch {
        // Offline or refused: it will be cached the next time it is opened.
      }
    }),
  );
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "precache" && Array.isArray(message.urls)) {
    event.waitUntil(precache(message.urls).then(() => event.source && event.source.postMessage({ type: "precached", urls: message.urls })));
  } else if (message.type === "claim") {
    // A page that started loading while this worker was being activated is not controlled
    // (claiming in "activate" came before it existed); it asks, and is taken over now.
    event.waitUntil(self.clients.claim());
  } else if (message.type === "forget-pages") {
    // Signing out on a shared phone: the next person must not find this person's pages.
    event.waitUntil(caches.delete(PAGES));
  }
});
