/*
 * tusach search: the browser half of the site's full-text search.
 *
 * Works opened from disk (file://) and under any sub-path: no fetch, no
 * modules, no workers. The index (written by generator/search) is a set of
 * plain scripts under <root>/search/ that call __tusachSearch.add(name, data);
 * this file loads them on demand with <script> tags. The site root is the
 * folder above this script's own folder (<root>/assets/search.*.js).
 *
 * Tokens and folding follow generator/search exactly (see its package doc and
 * testdata/tokens.json). All ranking is here: BM25 over folded syllables and
 * adjacent-syllable pairs, a bonus for the exact forms when marks are typed,
 * stopwords down-weighted on their exact forms, prefix completion of the last
 * word, quoted phrases, facets (facets.js, loaded only for the filter
 * panel). A query loads at most meta's "tq" term
 * shards, chosen by the idf known from the table of common terms (df.js,
 * loaded only by a query with more), so a long pasted question loads about
 * as much as a few typed words.
 *
 * The searcher is four plain scripts, loaded in this order with defer:
 *   search.js          registry and loader, tokens and folding, index access
 *   search-query.js    query plans, ranking, facets: search()
 *   search-snippets.js result documents, chunk signatures, snippets
 *   search-ui.js       the search box and the search page
 * Each later file builds on window.tusachSearch and its "lib", the shared
 * building blocks of search.js; a site may override any one of them.
 *
 * window.tusachSearch is the API the page and the tests use:
 *   tokenize(text) → [{word, exact, fold, start, end}]
 *   numbers(text) → [{start, end, text, keys, stem}] (document numbers;
 *     testdata/numbers.json is the table Go and JS share)
 *   normalizeNumber(number) → the key of xref.Normalize
 *   search(query, filters, withFacets) → Promise<{total, hits, scores,
 *     facets, plan}>: facets (the filter panel's values and counts) are
 *     counted, and search/facets.js loaded, only when withFacets is true
 *     or filters has a facet (any key but "dau"); else facets is []
 *   doc(id) → Promise<document head: {id, u, t, s, n, d, h, x, k}>
 *   snippet(head, plan) → Promise<{anchor, parts: [{text, mark}]}>
 *   highlight(text, plan) → [{text, mark}]
 *   sigProbes(term, m) → [bit], sigHas(signature, term) → bool (chunk
 *     signatures; testdata/chunksig.json is the table Go and JS share)
 *
 * A result's text comes in chunks of about 6 KB (see the "Files" section of
 * generator/search's package doc): the head (entry d/N) holds the first and
 * a Bloom filter of the folded terms of each other, entry d/N-K chunk K,
 * both in the pack file of 16 or more documents (meta's "dp"), read by Range
 * requests over http, run whole from disk. A result
 * shows as soon as its head arrives; while the best window found lacks a
 * query term the document has, snippet() loads the chunk whose filter may
 * hold the most such terms, then maybe the next best (at most two, none when
 * no filter matches).
 */
(function () {
  "use strict";
  if (window.tusachSearch) return;

  // ---- Registry and loader -------------------------------------------

  var script = document.currentScript;
  var loaded = Object.create(null);  // index entry name → its data (null: none)
  var asked = [];                    // entry names asked for, in order (for tests)
  var transfers = [];                // files read: {file, start, end} (end 0: whole)
  var scripts = Object.create(null); // file → promise: the script has run
  var pending = Object.create(null); // entry name → promise of its data, while loading
  window.__tusachSearch = {
    add: function (name, data) { loaded[name] = data; },
    // pack registers the entries of a pack's script (see generator/search,
    // "Files"): term shards, or per document its further chunks, then its
    // head.
    pack: function (name, entries) {
      var m = loaded.meta || {}, p = +name.slice(2);
      entries.forEach(function (e, i) {
        if (name.charAt(0) === "t") { loaded[shardName("t", p * m.tp + i, m.ts)] = e; return; } // null: empty
        var id = p * m.dp + i, n = e.length - 1;
        for (var k = 0; k < n; k++) loaded["d/" + id + "-" + (k + 1)] = e[k];
        loaded["d/" + id] = e[n];
      });
    }
  };

  function siteRoot() {
    if (window.__tusachSearchRoot) return window.__tusachSearchRoot;
    if (script && script.src) return new URL("../", script.src).href;
    var form = document.querySelector("[data-root]");
    return new URL(form ? form.getAttribute("data-root") || "./" : "./", location.href).href;
  }
  var root = siteRoot();
  // Over http a document's entries are read from its pack's binary by Range
  // requests, each inflated on its own; from disk the pack's script runs.
  var ranged = /^https?:$/.test(new URL(root).protocol) && typeof fetch === "function" &&
    typeof DecompressionStream === "function";

  // runScript runs the index file search/<file>.js once, with a <script>
  // tag (which works from file://); the promise settles when it has run or
  // failed.
  function runScript(file) {
    if (!scripts[file]) {
      transfers.push({ file: file + ".js", start: 0, end: 0 });
      scripts[file] = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = root + "search/" + file + ".js";
        s.async = true;
        s.onload = s.onerror = function () { s.remove(); resolve(); };
        document.head.appendChild(s);
      });
    }
    return scripts[file];
  }

  // load returns the data of the index entry name ("meta", "t/3f" a term
  // shard, "d/12" a document's head, "d/12-1" its first further chunk),
  // null when the index has none.
  function load(name) {
    asked.push(name);
    if (name in loaded) return Promise.resolve(loaded[name]);
    if (!pending[name]) {
      pending[name] = fetchEntry(name).then(function () {
        delete pending[name];
        if (!(name in loaded)) loaded[name] = null;
        return loaded[name];
      });
    }
    return pending[name];
  }

  // fetchEntry loads entry name. Term shards and documents live in packs:
  // over http only the entry is read from the pack's binary (a head by
  // its two numbers of the table, a chunk by its head's "o"); from disk,
  // or when the server answers no range, the pack's script runs whole.
  function fetchEntry(name) {
    var m = loaded.meta, d = /^d\/(\d+)(-\d+)?$/.exec(name), t = name.slice(0, 2) === "t/";
    if (!m || !m.dp || !(d || t)) return runScript(name);
    var n = d ? +d[1] : parseInt(name.slice(2).replace("/", ""), 16), per = d ? m.dp : m.tp;
    var pack = name.charAt(0) + "/" + Math.floor(n / per), bin = pack + ".bin";
    var read = !ranged ? Promise.reject() : !(d && d[2]) ? fromBin(bin, n % per) :
      load("d/" + n).then(function (h) {
        var r = h && h.o && h.o[+d[2].slice(1) - 1];
        return r && range(bin, r[0], r[1]).then(inflate).then(JSON.parse);
      });
    return read.then(function (v) { loaded[name] = v || null; }, function () { return runScript(pack); });
  }

  var TABLE_DIGITS = 5; // search.packTableDigits

  // fromBin reads entry slot of the binary file search/<file>: its two
  // numbers of the table, then the entry, inflated; null when empty.
  function fromBin(file, slot) {
    var at = 2 * TABLE_DIGITS * slot;
    return range(file, at, at + 2 * TABLE_DIGITS).then(function (buf) {
      var t = new Uint8Array(buf), start = 0, end = 0;
      for (var i = 0; i < TABLE_DIGITS; i++) {
        start = start * 64 + DV[t[i]];
        end = end * 64 + DV[t[TABLE_DIGITS + i]];
      }
      if (end <= start) return null;
      return range(file, start, end).then(inflate).then(JSON.parse);
    });
  }

  // range returns bytes [start, end) of search/<file>; it rejects unless
  // the server answers the range itself.
  function range(file, start, end) {
    return fetch(root + "search/" + file, { headers: { Range: "bytes=" + start + "-" + (end - 1) } })
      .then(function (res) {
        if (res.status !== 206) throw new Error("no range: " + res.status);
        transfers.push({ file: file, start: start, end: end });
        return res.arrayBuffer();
      });
  }

  // inflate returns the text of a zlib-compressed buffer.
  function inflate(buf) {
    var s = new Blob([buf]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(s).text();
  }

  // ---- Text: folding, exact forms, tokens ----------------------------

  var MAX_TOKEN_RUNES = 32;
  var TOKEN_RE = /[\p{L}\p{M}\p{Nd}]+/gu;
  var MN_RE = /^\p{Mn}$/u;
  var ASCII_RE = /^[\x00-\x7f]*$/;
  var TONES = { "\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5" };
  var foldCache = new Map();

  // foldChar mirrors viet.FoldRune: ASCII lowercased; precomposed Latin
  // letters of U+00C0..U+1EFF to their ASCII base; đ/ð → d; combining marks
  // dropped; anything else lowercased.
  function foldChar(ch) {
    var c = ch.codePointAt(0);
    if (c < 0x80) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
    if (c === 0x111 || c === 0x110 || c === 0xf0 || c === 0xd0) return "d";
    if (c >= 0xc0 && c <= 0x1eff) {
      var b = ch.normalize("NFD").codePointAt(0);
      if (b !== c && ((b >= 65 && b <= 90) || (b >= 97 && b <= 122))) {
        return String.fromCharCode(b | 32);
      }
    }
    if (MN_RE.test(ch)) return "";
    return ch.toLowerCase();
  }

  // fold mirrors viet.Fold.
  function fold(s) {
    var out = "";
    for (var ch of s) out += foldChar(ch);
    return out;
  }

  // foldForm mirrors search.FoldForm: fold, and "tw" (TƯ) reads as "tu".
  function foldForm(word) {
    var f = foldCache.get(word);
    if (f === undefined) {
      f = fold(word);
      if (f === "tw") f = "tu";
      if (foldCache.size > 50000) foldCache.clear();
      foldCache.set(word, f);
    }
    return f;
  }

  // exactForm mirrors search.ExactForm: the tone moved to a final digit.
  function exactForm(word) {
    word = word.toLowerCase();
    if (ASCII_RE.test(word)) return word;
    var out = "", tone = "";
    for (var ch of word.normalize("NFD")) {
      var t = TONES[ch];
      if (t) tone = t; else out += ch;
    }
    return out.normalize("NFC") + tone;
  }

  // lower lowercases a token as Go's strings.ToLower does: one character at
  // a time, so Σ is σ even at the end of a word (JavaScript would write ς)
  // and İ is i (JavaScript would add a combining dot). These are the only
  // two places where toLowerCase departs from per-character mapping (the
  // final-sigma rule and the one unconditional lowercase entry of Unicode's
  // SpecialCasing), so the two are mapped first and toLowerCase does the rest.
  function lower(s) {
    if (/[\u03A3\u0130]/.test(s)) s = s.replace(/\u03A3/g, "\u03C3").replace(/\u0130/g, "i");
    return s.toLowerCase();
  }

  // tokenize mirrors search.Tokenize, with each token's offsets in the NFC
  // form of text (text itself when it is NFC, as stored text is).
  function tokenize(text) {
    text = String(text).normalize("NFC");
    var out = [], m;
    TOKEN_RE.lastIndex = 0;
    while ((m = TOKEN_RE.exec(text)) !== null) {
      var word = lower(m[0]);
      if (word.length > MAX_TOKEN_RUNES) {
        var runes = Array.from(word);
        if (runes.length > MAX_TOKEN_RUNES) word = runes.slice(0, MAX_TOKEN_RUNES).join("");
      }
      out.push({
        word: word, exact: exactForm(word), fold: foldForm(word),
        start: m.index, end: m.index + m[0].length
      });
    }
    return out;
  }

  // ---- Document numbers -------------------------------------------------

  // normalizeNumber mirrors xref.Normalize: NFC, upper case, no white
  // space, dashes as "-", the serial's leading zeros dropped, "TƯ" as "TW",
  // other letters without their marks.
  function normalizeNumber(number) {
    var out = "", prev = "", serial = true, zeros = false;
    for (var ch of String(number).normalize("NFC")) {
      if (/^\s$/u.test(ch)) continue;
      if (DASH_RE.test(ch)) ch = "-";
      if (serial) {
        if (ch === "0") { zeros = true; continue; }
        serial = false;
        if (zeros && !(ch >= "1" && ch <= "9")) out += "0";
      }
      var up = ch.toUpperCase();
      if (Array.from(up).length !== 1) up = ch;
      var o = up;
      if (up.codePointAt(0) >= 0x80) {
        if (up === "\u01af" && prev === "T") o = "W";
        else {
          o = foldChar(up);
          if (!o) continue; // a combining mark
          o = o.toUpperCase();
        }
      }
      out += o;
      prev = up;
    }
    if (serial && zeros) out += "0";
    return out;
  }

  var DASH_RE = /^[-\u2010\u2011\u2013]$/;
  var CODE_PART_RE = /^[a-z\u0111\u01b0][a-z0-9\u0111\u01b0]*$/;

  // numberGap mirrors search.gap: "/" or "-" when the text between two
  // tokens is one slash or dash with optional spaces, else "".
  function numberGap(text, a, b) {
    var sep = "";
    for (var ch of text.slice(a.end, b.start)) {
      if (ch === " " || ch === "\t" || ch === "\u00a0") continue;
      if (!sep && ch === "/") sep = "/";
      else if (!sep && DASH_RE.test(ch)) sep = "-";
      else return "";
    }
    return sep;
  }

  function letterCount(w) { return w.replace(/[0-9]/g, "").length; }

  // numbers mirrors search.FindNumbers: the document numbers of a text,
  // each {start, end, text, keys (normalized, longest first), stem}, with
  // offsets in the NFC text (testdata/numbers.json is the shared table).
  function numbers(text) {
    text = String(text).normalize("NFC");
    var w = [], m, out = [];
    TOKEN_RE.lastIndex = 0;
    while ((m = TOKEN_RE.exec(text)) !== null) w.push({ start: m.index, end: m.index + m[0].length, word: lower(m[0]) });
    for (var i = 0; i < w.length; i++) {
      var n = numberAt(text, w, i);
      if (n) { out.push(n.match); i = n.last; }
    }
    return out;
  }

  function numberAt(text, w, i) {
    if (!/^[0-9]{1,5}$/.test(w[i].word) || i + 1 >= w.length) return null;
    if (i > 0 || w[i].start > 0) {
      var before = Array.from(text.slice(0, w[i].start)).pop();
      if (before === "/" || before === "." || before === "_" || DASH_RE.test(before)) return null;
    }
    var stemEnd, minEnd, k = i + 1, sep = numberGap(text, w[i], w[k]);
    if (sep === "/") {
      if (/^(19|20)[0-9]{2}$/.test(w[k].word) && k + 1 < w.length && numberGap(text, w[k], w[k + 1]) === "/") k++;
      if (!CODE_PART_RE.test(w[k].word) || letterCount(w[k].word) < 2) return null;
      stemEnd = minEnd = k;
    } else if (sep === "-") {
      if (!CODE_PART_RE.test(w[k].word) || k + 1 >= w.length || numberGap(text, w[k], w[k + 1]) !== "/" ||
        !CODE_PART_RE.test(w[k + 1].word)) return null;
      stemEnd = k; minEnd = k + 1;
    } else return null;
    var end = minEnd;
    while (end + 1 < w.length && numberGap(text, w[end], w[end + 1]) && CODE_PART_RE.test(w[end + 1].word)) end++;
    var start = w[i].start, keys = [];
    for (var e = end; e >= minEnd; e--) keys.push(normalizeNumber(text.slice(start, w[e].end)));
    return {
      last: end,
      match: {
        start: start, end: w[end].end, text: text.slice(start, w[end].end), keys: keys,
        stem: normalizeNumber(text.slice(start, w[stemEnd].end))
      }
    };
  }

  // ---- Index access ---------------------------------------------------

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DV = new Int8Array(128).fill(-1);
  for (var di = 0; di < DIGITS.length; di++) DV[DIGITS.charCodeAt(di)] = di;
  var encoder = new TextEncoder();

  function hash(s) {
    var b = encoder.encode(s), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) {
      h ^= b[i];
      h = Math.imul(h, 16777619);
    }
    return h >>> 0;
  }

  function shardName(family, h, n) {
    var width = 1;
    for (var m = 16; m < n; m *= 16) width++;
    var x = (h & (n - 1)).toString(16);
    while (x.length < width) x = "0" + x;
    if (width > 3) x = x.slice(0, width - 2) + "/" + x.slice(width - 2); // search.shardName
    return family + "/" + x;
  }

  // decode reads a posting list: {d: doc numbers, w: weights 1–63}.
  function decode(s, weighted) {
    var d = [], w = [], doc = 0, i = 0, first = true, len = s.length;
    while (i < len) {
      var n = 0, shift = 0, v;
      do {
        v = DV[s.charCodeAt(i++)];
        if (v < 0 || v === undefined) return { d: d, w: w };
        n += (v & 31) * Math.pow(2, shift);
        shift += 5;
      } while (v >= 32 && i < len);
      doc = first ? n : doc + n;
      first = false;
      d.push(doc);
      if (weighted) w.push(DV[s.charCodeAt(i++)] || 1);
    }
    return { d: d, w: w };
  }

  var metaPromise = null;
  function meta() {
    if (!metaPromise) {
      metaPromise = load("meta").then(function (m) {
        if (!m) throw new Error("search index not found at " + root + "search/");
        m.stopSet = new Set(m.stop);
        m.f = []; // the facets, once facets() has loaded them
        m.facetDocs = [];
        return m;
      });
    }
    return metaPromise;
  }

  var facetsPromise = null;
  // facets loads search/facets.js into meta m (m.f, m.facetDocs and the
  // status facet): only the filter panel needs them, so a query loads
  // them only when the reader opens it or the address carries a filter.
  function facets(m) {
    if (!facetsPromise) {
      facetsPromise = load("facets").then(function (fs) {
        if (!fs) throw new Error("search facets not found at " + root + "search/");
        m.facetDocs = fs.f.map(function (f) {
          // per document, the indexes of its values
          var per = new Array(m.n);
          f.d.forEach(function (s, vi) {
            var ds = decode(s, false).d;
            for (var i = 0; i < ds.length; i++) (per[ds[i]] || (per[ds[i]] = [])).push(vi);
          });
          return per;
        });
        m.f = fs.f;
        statusFacet(m, fs.lc);
        m.facetsLoaded = true;
        return m;
      });
    }
    return facetsPromise;
  }

  var STATUS_CODES = ["in-force", "partly-expired", "expired", "not-yet"];

  // statusFacet adds the status facet to meta from the lifecycle groups
  // lc (facets.js's "lc"): each group's status of today, settled by
  // status.js's rules (window.tusachStatus) when loaded, else the status
  // known at build time. Its values are the codes, in STATUS_CODES order.
  function statusFacet(m, lc) {
    if (!lc || !lc.length) return;
    var settle = window.tusachStatus, per = new Array(m.n), used = {};
    lc.forEach(function (g) {
      var code = typeof settle === "function" ? settle(g[0], g[1], g[2]) : g[0];
      var vi = STATUS_CODES.indexOf(code);
      if (vi < 0) return;
      used[vi] = true;
      var ds = decode(g[3], false).d;
      for (var i = 0; i < ds.length; i++) per[ds[i]] = [vi];
    });
    var values = STATUS_CODES.filter(function (c, i) { return used[i]; });
    per = per.map(function (v) { return v && [values.indexOf(STATUS_CODES[v[0]])]; });
    var at = 0; // after the year facet, else after type and issuer
    m.f.forEach(function (f, i) { if (f.k === "type" || f.k === "issuer" || f.k === "year") at = i + 1; });
    m.f.splice(at, 0, { k: "status", v: values, d: [] });
    m.facetDocs.splice(at, 0, per);
  }

  function termShard(m, term) { return shardName("t", hash(term), m.ts); }
  // numberShard names the number shard of a number's stem; "" when the
  // index has no numbers.
  function numberShard(m, stem) { return m.ns ? shardName("n", hash(stem), m.ns) : ""; }
  function prefixShard(m, f) {
    var two = Array.from(f).slice(0, 2).join("");
    return shardName("p", hash(two), m.ps);
  }

  var termCache = new Map();
  // unigram returns the folded term's postings: {variants: [{exact, d, w}],
  // d, w (union, best weight), df}; null when absent.
  function unigram(m, f) {
    var key = "u" + f;
    if (termCache.has(key)) return termCache.get(key);
    var name = termShard(m, f);
    if (!(name in loaded)) return null; // not loaded: not known yet, not cached
    var shard = loaded[name];
    var list = shard && shard[f];
    var res = null;
    if (Array.isArray(list)) {
      var variants = [], all = new Map();
      for (var i = 0; i + 1 < list.length; i += 2) {
        var p = decode(list[i + 1], true);
        variants.push({ exact: list[i], d: p.d, w: p.w });
        for (var j = 0; j < p.d.length; j++) {
          var old = all.get(p.d[j]);
          if (old === undefined || old < p.w[j]) all.set(p.d[j], p.w[j]);
        }
      }
      var docs = Array.from(all.keys()).sort(function (a, b) { return a - b; });
      res = { variants: variants, d: docs, w: docs.map(function (x) { return all.get(x); }), df: docs.length };
    }
    termCache.set(key, res);
    return res;
  }

  function bigram(m, key) {
    var ck = "b" + key;
    if (termCache.has(ck)) return termCache.get(ck);
    var name = termShard(m, key);
    if (!(name in loaded)) return null;
    var shard = loaded[name];
    var s = shard && shard[key];
    var res = typeof s === "string" ? decode(s, true) : null;
    if (res) res.df = res.d.length;
    termCache.set(ck, res);
    return res;
  }

  window.tusachSearch = {
    tokenize: tokenize, fold: fold, exactForm: exactForm, root: root,
    numbers: numbers, normalizeNumber: normalizeNumber,
    // loadedFiles lists the index entries asked for so far, transfers the
    // files read: {file, start, end}, end 0 for a whole file (size tests).
    loadedFiles: function () { return asked.filter(function (n, i) { return asked.indexOf(n) === i; }); },
    transfers: function () { return transfers.slice(); },
    // lib: the building blocks the other searcher files use.
    lib: {
      loaded: loaded, load: load, hash: hash, DV: DV, decode: decode, meta: meta, facets: facets,
      unigram: unigram, bigram: bigram, termShard: termShard, prefixShard: prefixShard,
      numberShard: numberShard
    }
  };
})();
