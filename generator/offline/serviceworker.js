/* tusach service worker, written by `tusach build`: do not edit.
   Its scope is the site root (this file's folder), so the same files work
   under any sub-path. It downloads nothing the reader did not ask for:
   - on install, the shell (theme assets, home, search and 404 pages,
     manifest), skipping the files whose hash it already holds;
   - then what the reader opens or searches, as it is fetched, in a cache of
     this VERSION that the next version drops: pages network-first (fresh
     when the server is there, from the cache when it is gone), other files
     cache-first;
   - the whole site only when the reader presses the save button: the list
     offline.json ([path, size, hash] per file) is fetched then, and every
     file is kept by content hash in the STORE cache, the list itself under
     SAVED;
   - after a rebuild the new worker, while it installs (the old one still
     serving the old copy), fetches the new list and only the files whose
     hash the saved copy lacks; once it takes over it removes every file
     the new list and shell no longer name. */
"use strict";
var VERSION = __VERSION__;
var SHELL = __SHELL__;
var FILES = __FILES__;
var BYTES = __BYTES__;
var LIST = "offline.json";
var SCOPE = self.registration.scope;
var PREFIX = "tusach " + SCOPE + " ";
var RUN = PREFIX + VERSION;
var STORE = PREFIX + "files";
var TIMEOUT = 4000;
var PARALLEL = 4;

function abs(rel) { return new URL(rel, SCOPE).href; }
function byHash(href, hash) { return href + "?tusach=" + hash; }
var SAVED = abs(LIST + "?saved");
var SAVING = abs(LIST + "?saving");
var WANT = abs(LIST + "?want");
var SHELL_HASH = new Map(SHELL.map(function (f) { return [abs(f[0]), f[1]]; }));

var saving = null; // the running save
var savedList = null; // promise of the saved list: {version, hash: Map href → hash}

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

function json(text) {
  return new Response(text, { headers: { "Content-Type": "application/json" } });
}

/* readList reads a list kept in the STORE cache, or null. */
function readList(c, name) {
  return c.match(name).then(function (r) { return r ? r.json() : null; });
}

/* saved returns the saved copy's list: its version and, by address, the hash
   of each file. */
function saved() {
  if (!savedList) {
    savedList = caches.open(STORE).then(function (c) { return readList(c, SAVED); }).then(function (list) {
      if (!list) return null;
      return { version: list.version, hash: new Map(list.files.map(function (f) { return [abs(f[0]), f[2]]; })) };
    }).catch(function () { return null; });
  }
  return savedList;
}

/* stored returns the file kept by hash at address k: a shell file, or a file
   of the saved copy of this version (of any version when anyVersion, the
   network being gone). */
function stored(k, anyVersion) {
  var h = SHELL_HASH.get(k);
  var hash = h ? Promise.resolve(h) : saved().then(function (s) {
    return s && (anyVersion || s.version === VERSION) ? s.hash.get(k) : undefined;
  });
  return hash.then(function (h) {
    return h ? caches.open(STORE).then(function (c) { return c.match(byHash(k, h)); }) : undefined;
  });
}

/* fetchList fetches offline.json: {version, bytes, files, text}. */
function fetchList() {
  return fetch(abs(LIST), { cache: "no-cache" }).then(function (res) {
    if (!res.ok) throw new Error(LIST + ": HTTP " + res.status);
    return res.text();
  }).then(function (text) {
    var list = JSON.parse(text);
    list.text = text;
    return list;
  });
}

/* store keeps, in cache c by hash, every file of entries ([path, hash]) it
   does not hold yet, PARALLEL at a time, calling step(done, total) after
   each; total counts only the missing files. It resolves to the number that
   failed; it rejects when the browser has no room left. */
function store(c, entries, step) {
  return c.keys().then(function (reqs) {
    var have = new Set(reqs.map(function (r) { return r.url; }));
    var missing = entries.filter(function (f) { return !have.has(byHash(abs(f[0]), f[1])); });
    var next = 0, done = 0, failed = 0, full = null;
    function one() {
      if (next >= missing.length || full) return Promise.resolve();
      var f = missing[next++], url = abs(f[0]);
      return fetch(url, { cache: "no-cache" }).then(function (res) {
        if (!res.ok) throw new Error(url + ": HTTP " + res.status);
        return c.put(byHash(url, f[1]), res);
      }).catch(function (err) {
        failed++;
        if (err && err.name === "QuotaExceededError") full = err;
      }).then(function () {
        done++;
        if (step) step(done, missing.length);
        return one();
      });
    }
    var runs = [];
    for (var i = 0; i < PARALLEL; i++) runs.push(one());
    return Promise.all(runs).then(function () {
      if (full) throw full;
      return failed;
    });
  });
}

/* progress returns a step function telling the pages how far a save or an
   update has come, at most ten times a second. */
function progress(kind) {
  var last = 0;
  return function (done, total) {
    var now = Date.now();
    if (now - last > 100 || done === total) {
      last = now;
      broadcast({ type: "tusach-progress", kind: kind, done: done, total: total });
    }
  };
}

/* prune removes from STORE every file that neither the shell nor the saved
   copy (or a save under way) names. */
function prune(c) {
  return Promise.all([readList(c, SAVED), readList(c, SAVING)]).then(function (lists) {
    var keep = new Set([SAVED, SAVING, WANT]);
    SHELL.forEach(function (f) { keep.add(byHash(abs(f[0]), f[1])); });
    lists.forEach(function (list) {
      if (list) list.files.forEach(function (f) { keep.add(byHash(abs(f[0]), f[2])); });
    });
    return c.keys().then(function (reqs) {
      return Promise.all(reqs.filter(function (r) { return !keep.has(r.url); }).map(function (r) { return c.delete(r); }));
    });
  });
}

/* update brings a saved copy of an older build up to this one while this
   worker installs, the old one still serving the old copy: only the files
   whose hash the copy lacks are fetched, and the new list replaces the old
   one once every file is there. If that fails (the network went, a file is
   missing) this worker takes over all the same, and carries on as a save
   cut short does, on the next page: what was fetched stays, named by the
   list under SAVING. */
function update(c) {
  return Promise.all([readList(c, SAVED), legacy()]).then(function (m) {
    var old = m[0], before = m[1];
    if (!before && (!old || old.version === VERSION)) return;
    return fetchList().then(function (list) {
      if (list.version !== VERSION) throw new Error(LIST + " is of another build: " + list.version);
      var files = list.files.map(function (f) { return [f[0], f[2]]; });
      return Promise.all([c.put(SAVING, json(list.text)), c.put(WANT, new Response("1"))]).then(function () {
        return store(c, files, progress("update"));
      }).then(function (failed) {
        if (failed) throw new Error(failed + " files of the new build could not be saved");
        return c.put(SAVED, json(list.text));
      }).then(function () {
        return c.delete(SAVING);
      }).then(function () {
        return broadcast({ type: "tusach-saved", kind: "update", total: list.files.length, failed: 0 });
      });
    }).catch(function (err) {
      var msg = { type: "tusach-saved", kind: "update", total: 0, failed: -1,
        code: err && err.name === "QuotaExceededError" ? "quota" : "", error: String(err && err.message || err) };
      /* A copy saved by an older tusach lives in a cache this worker deletes
         when it takes over: it does not take over before the new copy is
         complete. */
      return broadcast(msg).then(function () { if (before) throw err; });
    });
  });
}

/* legacy tells whether the reader saved the site with a worker of an older
   tusach, which kept it, unhashed, in the cache of its version (marked by
   the list, or by the wish to save it). */
function legacy() {
  return caches.keys().then(function (keys) {
    var old = keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== RUN && k !== STORE; });
    return Promise.all(old.map(function (k) {
      return caches.open(k).then(function (c) {
        return Promise.all([c.match(abs(LIST)), c.match(abs(LIST + "?save-all"))]);
      }).then(function (m) { return !!(m[0] || m[1]); });
    }));
  }).then(function (saved) { return saved.indexOf(true) >= 0; });
}

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(STORE).then(function (c) {
    return store(c, SHELL, null).then(function (failed) {
      if (failed) throw new Error(failed + " files of the shell could not be fetched");
      return update(c);
    });
  }).then(function () { return self.skipWaiting(); }));
});

/* activate deletes the caches of older versions of this site (other sites
   on the same server have other scopes, so other names) and the files no
   longer named. localStorage (reading progress, bookmarks) is not touched. */
self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    var old = keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== RUN && k !== STORE; });
    return Promise.all(old.map(function (k) { return caches.delete(k); }));
  }).then(function () {
    return caches.open(STORE).then(prune);
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET" || req.url.indexOf(SCOPE) !== 0) return;
  var url = new URL(req.url);
  if (req.headers.has("range")) {
    if (/\/search\/[^?#]*\.bin$/.test(url.pathname)) e.respondWith(cachedRange(e, req, key(url)));
    return;
  }
  if (req.mode === "navigate" || /(\.html?|\/)$/.test(url.pathname)) e.respondWith(networkFirst(e, req, key(url)));
  else e.respondWith(cacheFirst(e, req, key(url)));
});

/* keep extends the fetch event e until p settles. Once the page that asked
   has gone (Firefox cancels a favicon load when the reader moves on), the
   event may refuse (InvalidStateError): the copy is then made unwatched,
   and the answer still goes back. A failed copy is no failed answer. */
function keep(e, p) {
  p = p.catch(function () {});
  try { e.waitUntil(p); } catch (err) { /* the event is over */ }
  return p;
}

function networkFirst(e, req, k) {
  var net = fetch(req).then(function (res) {
    if (res.ok && res.type === "basic") {
      var copy = res.clone();
      keep(e, caches.open(RUN).then(function (c) { return c.put(k, copy); }));
    }
    return res;
  });
  var cached = function () {
    return caches.open(RUN).then(function (c) { return c.match(k); }).then(function (hit) {
      return hit || stored(k, true);
    });
  };
  var slow = new Promise(function (resolve) { setTimeout(resolve, TIMEOUT); }).then(cached);
  return Promise.race([net, slow.then(function (hit) { return hit || net; })]).catch(function () {
    return cached().then(function (hit) { return hit || Response.error(); });
  });
}

/* cachedRange answers a Range request for a part of a search pack (the
   searcher reads over http only the entries a query needs): from the saved
   copy, cut to the range; else from the run's cache, by file and range;
   else from the network, keeping the part, so that a search made online
   works offline; else from an older saved copy. The cache takes no 206
   answer, so a part is kept as a 200 and given back as a 206. Offsets
   change with the build, and so does the run's cache. */
function cachedRange(e, req, k) {
  var want = /^bytes=(\d+)-(\d+)$/.exec(req.headers.get("range") || "");
  if (!want) return fetch(req);
  var rk = k + "?bytes=" + want[1] + "-" + want[2];
  var part = function (b, total) {
    var start = +want[1], end = Math.min(+want[2] + 1, b.byteLength);
    return new Response(b.slice(start, end), { status: 206, headers: {
      "Content-Range": "bytes " + start + "-" + (end - 1) + "/" + (total || "*") } });
  };
  var cut = function (hit) {
    return hit && hit.arrayBuffer().then(function (b) { return part(b, b.byteLength); });
  };
  return stored(k, false).then(cut).then(function (hit) {
    if (hit) return hit;
    return caches.open(RUN).then(function (c) {
      return c.match(rk).then(function (hit) {
        if (hit) {
          return hit.arrayBuffer().then(function (b) {
            return new Response(b, { status: 206, headers: { "Content-Range": hit.headers.get("X-Range") || "" } });
          });
        }
        return fetch(req).then(function (res) {
          if (res.status === 206 && res.type === "basic") {
            keep(e, res.clone().arrayBuffer().then(function (b) {
              return c.put(rk, new Response(b, { headers: { "X-Range": res.headers.get("Content-Range") || "" } }));
            }));
          }
          return res;
        }, function () {
          return stored(k, true).then(cut).then(function (hit) { return hit || Response.error(); });
        });
      });
    });
  });
}

function cacheFirst(e, req, k) {
  return stored(k, false).then(function (hit) {
    if (hit) return hit;
    return caches.open(RUN).then(function (c) {
      return c.match(k).then(function (hit) {
        return hit || fetch(req).then(function (res) {
          if (res.ok && res.type === "basic") keep(e, c.put(k, res.clone()));
          return res;
        }, function () {
          /* The network failed (or the page that asked went away, as a
             favicon load does when the reader moves on): an older saved
             copy, else the network error the page would have had. */
          return stored(k, true).then(function (hit) { return hit || Response.error(); });
        });
      });
    });
  });
}

/* saveAll keeps every file of the site, telling the pages its progress. The
   reader's wish is noted first (WANT), so a save cut short resumes on the
   next page. */
function saveAll() {
  if (saving) return saving;
  var total = 0;
  saving = caches.open(STORE).then(function (c) {
    return c.put(WANT, new Response("1")).then(fetchList).then(function (list) {
      if (list.version !== VERSION) {
        self.registration.update();
        throw { code: "changed" };
      }
      total = list.files.length;
      var files = list.files.map(function (f) { return [f[0], f[2]]; });
      return c.put(SAVING, json(list.text)).then(function () {
        return store(c, files, progress("save"));
      }).then(function (failed) {
        if (failed) return broadcast({ type: "tusach-saved", kind: "save", total: total, failed: failed });
        return c.put(SAVED, json(list.text)).then(function () {
          savedList = null;
          return c.delete(SAVING);
        }).then(function () { return prune(c); }).then(function () {
          return broadcast({ type: "tusach-saved", kind: "save", total: total, failed: 0 });
        });
      });
    }).catch(function (err) {
      if (err && err.name === "QuotaExceededError") {
        /* No retry on every page, and the room the partial copy took back. */
        return Promise.all([c.delete(WANT), c.delete(SAVING)]).then(function () { return prune(c); }).then(function () {
          throw { code: "quota" };
        });
      }
      throw err;
    });
  }).catch(function (err) {
    return broadcast({ type: "tusach-saved", kind: "save", total: total, failed: -1,
      code: err && err.code || "", error: String(err && err.message || err && err.code || err) });
  }).then(function () { saving = null; });
  return saving;
}

/* status tells a page the state of the saved copy. */
function status() {
  return caches.open(STORE).then(function (c) {
    return Promise.all([readList(c, SAVED), c.match(WANT)]);
  }).then(function (m) {
    return { type: "tusach-status", version: VERSION, files: FILES, bytes: BYTES,
      saved: !!(m[0] && m[0].version === VERSION), wanted: !!m[1], saving: !!saving };
  });
}

self.addEventListener("message", function (e) {
  var type = e.data && e.data.type;
  if (type === "tusach-save") {
    e.waitUntil(saveAll());
  } else if (type === "tusach-status" && e.source) {
    /* A save the reader asked for and that was cut short resumes here. */
    var source = e.source;
    e.waitUntil(status().then(function (s) {
      source.postMessage(s);
      if (s.wanted && !s.saved) return saveAll();
    }));
  }
});
