/* tusach service worker, written by `tusach build`: do not edit.
   Its scope is the site root (this file's folder), so the same files work
   under any sub-path. VERSION is a hash of every other file of the build: a
   new build gives a new worker, and its activation deletes the caches of the
   old one. Pages are network-first (fresh when the server is there, from the
   cache when it is gone); every other file is the same for the whole life of
   a version, so it is cache-first. */
"use strict";
var VERSION = __VERSION__;
var SHELL = __SHELL__;
var LIST = "offline.json";
var SCOPE = self.registration.scope;
var PREFIX = "tusach " + SCOPE + " ";
var CACHE = PREFIX + VERSION;
var TIMEOUT = 4000;
var saving = null;

function abs(rel) { return new URL(rel, SCOPE).href; }
var WANT = abs(LIST + "?save-all");

/* key names a file in the cache: no query, no fragment, folder → index.html. */
function key(url) {
  var p = url.origin + url.pathname;
  return p.charAt(p.length - 1) === "/" ? p + "index.html" : p;
}

function broadcast(msg) {
  return self.clients.matchAll({ includeUncontrolled: true }).then(function (list) {
    list.forEach(function (c) { c.postMessage(msg); });
  });
}

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return c.addAll(SHELL.map(function (f) { return new Request(abs(f), { cache: "no-cache" }); }));
  }).then(function () { return self.skipWaiting(); }));
});

/* activate deletes the caches of older versions of this site (other sites on
   the same server have other scopes, so other names), remembering whether
   the reader had saved the whole site, to save the new version too. */
self.addEventListener("activate", function (e) {
  var carried = false;
  e.waitUntil(caches.keys().then(function (keys) {
    var old = keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== CACHE; });
    return Promise.all(old.map(function (k) {
      return caches.open(k).then(function (c) { return c.match(abs(LIST)); }).then(function (saved) {
        if (!saved) return;
        carried = true;
        return caches.open(CACHE).then(function (c) { return c.put(WANT, new Response("1")); });
      }).then(function () { return caches.delete(k); });
    }));
  }).then(function () { return self.clients.claim(); }).then(function () {
    /* Not waited for: pages would wait for it. The pages' next "warm"
       message waits for the same save, and a save cut short resumes. */
    if (carried) saveAll();
  }));
});

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET" || req.url.indexOf(SCOPE) !== 0 || req.headers.has("range")) return;
  var url = new URL(req.url);
  if (req.mode === "navigate" || /(\.html?|\/)$/.test(url.pathname)) e.respondWith(networkFirst(e, req, url));
  else e.respondWith(cacheFirst(e, req, url));
});

function networkFirst(e, req, url) {
  var k = key(url);
  var net = fetch(req).then(function (res) {
    if (res.ok && res.type === "basic") {
      var copy = res.clone();
      e.waitUntil(caches.open(CACHE).then(function (c) { return c.put(k, copy); }));
    }
    return res;
  });
  var cached = function () {
    return caches.open(CACHE).then(function (c) { return c.match(k); });
  };
  var slow = new Promise(function (resolve) { setTimeout(resolve, TIMEOUT); }).then(cached);
  return Promise.race([net, slow.then(function (hit) { return hit || net; })]).catch(function () {
    return cached().then(function (hit) { return hit || Response.error(); });
  });
}

function cacheFirst(e, req, url) {
  var k = key(url);
  return caches.open(CACHE).then(function (c) {
    return c.match(k).then(function (hit) {
      return hit || fetch(req).then(function (res) {
        if (res.ok && res.type === "basic") e.waitUntil(c.put(k, res.clone()));
        return res;
      });
    });
  });
}

/* fetchList returns the files of this version, from offline.json. */
function fetchList() {
  return fetch(abs(LIST), { cache: "no-cache" }).then(function (res) {
    if (!res.ok) throw new Error(LIST + ": HTTP " + res.status);
    return res.clone().json().then(function (list) {
      if (list.version !== VERSION) throw new Error("the site has changed: reload to save the new version");
      return { files: list.files, response: res };
    });
  });
}

/* store caches every file of paths that is not cached yet, four at a time,
   calling step after each; it resolves to the number that failed. */
function store(c, paths, step) {
  var next = 0, failed = 0;
  function one() {
    if (next >= paths.length) return Promise.resolve();
    var url = abs(paths[next++]);
    return c.match(url).then(function (hit) {
      if (hit) return;
      return fetch(url, { cache: "no-cache" }).then(function (res) {
        if (!res.ok) throw new Error(url + ": HTTP " + res.status);
        return c.put(url, res);
      });
    }).catch(function () { failed++; }).then(function () { step(); return one(); });
  }
  return Promise.all([one(), one(), one(), one()]).then(function () { return failed; });
}

/* saveAll caches every file of the site, telling the pages its progress. */
function saveAll() {
  if (saving) return saving;
  var last = 0;
  saving = caches.open(CACHE).then(function (c) {
    return c.put(WANT, new Response("1")).then(fetchList).then(function (list) {
      var done = 0, total = list.files.length;
      return store(c, list.files, function () {
        done++;
        var now = Date.now();
        if (now - last > 100 || done === total) {
          last = now;
          broadcast({ type: "tusach-progress", done: done, total: total });
        }
      }).then(function (failed) {
        var mark = failed ? Promise.resolve() : c.put(abs(LIST), list.response);
        return mark.then(function () { return broadcast({ type: "tusach-saved", total: total, failed: failed }); });
      });
    });
  }).catch(function (err) {
    return broadcast({ type: "tusach-saved", total: 0, failed: -1, error: String(err && err.message || err) });
  }).then(function () { saving = null; });
  return saving;
}

/* warm runs on every page load: it finishes a save the reader asked for, or
   else caches the search index, so search works once the network is gone. */
function warm() {
  return caches.open(CACHE).then(function (c) {
    return Promise.all([c.match(WANT), c.match(abs(LIST))]).then(function (m) {
      if (m[0] && !m[1]) return saveAll();
      if (m[1]) return;
      return fetchList().then(function (list) {
        var search = list.files.filter(function (f) { return /^search\/.*\.js$/.test(f); });
        return store(c, search, function () {});
      });
    });
  }).catch(function () { /* offline or a newer build: try again on the next page */ });
}

self.addEventListener("message", function (e) {
  var type = e.data && e.data.type;
  if (type === "tusach-save") {
    e.waitUntil(saveAll());
  } else if (type === "tusach-warm") {
    e.waitUntil(warm());
  } else if (type === "tusach-status" && e.source) {
    e.waitUntil(caches.open(CACHE).then(function (c) { return c.match(abs(LIST)); }).then(function (saved) {
      e.source.postMessage({ type: "tusach-status", version: VERSION, saved: !!saved, saving: !!saving });
    }));
  }
});
