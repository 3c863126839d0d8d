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
 * word, quoted phrases, facets. A query loads at most meta's "tq" term
 * shards, chosen by the idf known from meta's table of common terms ("df"),
 * so a long pasted question loads about as much as a few typed words.
 *
 * window.tusachSearch is the API the page and the tests use:
 *   tokenize(text) → [{word, exact, fold, start, end}]
 *   search(query, filters) → Promise<{total, hits, scores, facets, plan}>
 *   doc(id) → Promise<document head: {id, u, t, s, n, d, h, x, k}>
 *   snippet(head, plan) → Promise<{anchor, parts: [{text, mark}]}>
 *   highlight(text, plan) → [{text, mark}]
 *   sigProbes(term, m) → [bit], sigHas(signature, term) → bool (chunk
 *     signatures; testdata/chunksig.json is the table Go and JS share)
 *
 * A result's text comes in chunks of about 6 KB (see the "Files" section of
 * generator/search's package doc): the head d/N.js holds the first and a
 * Bloom filter of the folded terms of each other, d/N-K.js chunk K. A result
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
  var loaded = Object.create(null);
  var waiting = Object.create(null);
  window.__tusachSearch = {
    add: function (name, data) {
      loaded[name] = data;
      var ws = waiting[name];
      if (ws) {
        delete waiting[name];
        for (var i = 0; i < ws.length; i++) ws[i](data);
      }
    }
  };

  function siteRoot() {
    if (window.__tusachSearchRoot) return window.__tusachSearchRoot;
    if (script && script.src) return new URL("../", script.src).href;
    var form = document.querySelector("[data-root]");
    return new URL(form ? form.getAttribute("data-root") || "./" : "./", location.href).href;
  }
  var root = siteRoot();

  function load(name) {
    if (name in loaded) return Promise.resolve(loaded[name]);
    return new Promise(function (resolve) {
      if (waiting[name]) { waiting[name].push(resolve); return; }
      waiting[name] = [resolve];
      var s = document.createElement("script");
      s.src = root + "search/" + name + ".js";
      s.async = true;
      s.onload = function () {
        if (!(name in loaded)) window.__tusachSearch.add(name, null);
        s.remove();
      };
      s.onerror = function () { window.__tusachSearch.add(name, null); s.remove(); };
      document.head.appendChild(s);
    });
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
  // and İ is i (JavaScript would add a combining dot).
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
        m.facetDocs = m.f.map(function (f) {
          // per document, the indexes of its values
          var per = new Array(m.n);
          f.d.forEach(function (s, vi) {
            var ds = decode(s, false).d;
            for (var i = 0; i < ds.length; i++) (per[ds[i]] || (per[ds[i]] = [])).push(vi);
          });
          return per;
        });
        return m;
      });
    }
    return metaPromise;
  }

  function termShard(m, term) { return shardName("t", hash(term), m.ts); }
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

  // ---- Queries ----------------------------------------------------------

  var MAX_QUERY = 1000;     // characters of a query read
  var MAX_TERMS = 64;       // tokens of a query used
  var K1 = 1.2;
  var W_EXACT = 0.5;        // share of a term's weight given to its exact form, when marks are typed
  var W_BIGRAM = 1.0;       // weight of an adjacent pair relative to a syllable
  var W_STOP = 0.2;         // weight of a stopword
  var W_PREFIX = 0.6;       // weight of a completion of the last word
  var MAX_COMPLETIONS = 6;
  var MAX_TERM_SHARDS = 24; // term shards one query loads, phrases aside, unless meta says (tq)

  // parse turns a query into a plan: the terms to score and the phrases
  // required. It never throws.
  function parse(query) {
    var q = String(query == null ? "" : query).slice(0, MAX_QUERY).normalize("NFC");
    var toks = tokenize(q).slice(0, MAX_TERMS);
    var marked = toks.some(function (t) { return fold(t.word) !== t.word; });
    // Quoted phrases: tokens between a pair of double quotes (an unclosed
    // quote runs to the end).
    var phrases = [], re = /["“”]([^"“”]*)["“”]?/g, m;
    while ((m = re.exec(q)) !== null) {
      var pt = tokenize(m[1]).slice(0, MAX_TERMS);
      if (pt.length) phrases.push(pt);
      if (m[0].length === 0) re.lastIndex++;
    }
    var last = toks.length ? toks[toks.length - 1] : null;
    var prefix = last && last.end === q.length && Array.from(last.fold).length >= 2 ? last.fold : "";
    return { query: q, tokens: toks, marked: marked, phrases: phrases, prefix: prefix };
  }

  function idf(n, df) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  // estimatedIdf is a folded syllable's idf as known before loading its
  // shard: from meta's table of common terms, or, for a term missing from
  // it, as if found in half the table's least frequency.
  function estimatedIdf(m, f) {
    var df = m.df && m.df[f];
    return idf(m.n, df !== undefined ? df : (m.dfm || 1) / 2);
  }

  // choose decides which terms a plan scores and so which term shards it
  // loads: at most m.tq (MAX_TERM_SHARDS) shards, given to the most
  // informative terms first. A syllable ranks by its estimated idf (a
  // stopword typed with marks by W_STOP of it); a pair of adjacent
  // syllables by the sum of theirs, the idf the pair would have if the two
  // occurred independently, so a pair of informative syllables comes before
  // either, and a pair with a stopword-like syllable just after the other
  // syllable. Quoted phrases are always loaded: they filter. A short
  // query gets every term; a long pasted question drops its most common
  // syllables and pairs, whose idf is negligible. plan.use gets the keys
  // ("u" + fold, "b" + pair) of the terms scored, whatever else happens to
  // be loaded, so that a query ranks the same whatever ran before it;
  // plan.shards gets the shards.
  function choose(m, plan) {
    var cands = [];
    var pri = plan.tokens.map(function (t) {
      var p = estimatedIdf(m, t.fold);
      return plan.marked && m.stopSet.has(t.exact) ? p * W_STOP : p;
    });
    plan.tokens.forEach(function (t, i) {
      cands.push({ key: "u" + t.fold, term: t.fold, pri: pri[i] });
      if (i > 0) {
        cands.push({ key: "b" + plan.tokens[i - 1].fold + " " + t.fold,
          term: plan.tokens[i - 1].fold + " " + t.fold, pri: pri[i - 1] + pri[i] });
      }
    });
    cands.forEach(function (c, i) { c.order = i; });
    cands.sort(function (a, b) { return b.pri - a.pri || a.order - b.order; });
    var must = [];
    plan.phrases.forEach(function (pt) {
      pt.forEach(function (t, i) {
        must.push({ key: "u" + t.fold, term: t.fold });
        if (i > 0) must.push({ key: "b" + pt[i - 1].fold + " " + t.fold, term: pt[i - 1].fold + " " + t.fold });
      });
    });
    plan.use = new Set();
    plan.shards = new Set();
    must.forEach(function (c) { take(m, plan, [c.term], [c.key], true); });
    cands.forEach(function (c) { take(m, plan, [c.term], [c.key], false); });
    return Array.from(plan.shards);
  }

  // take adds terms (all or none) to the plan when their shards fit in the
  // cap, or always when forced; it reports whether they were added.
  function take(m, plan, terms, keys, force) {
    var fresh = new Set();
    terms.forEach(function (term) {
      var s = termShard(m, term);
      if (!plan.shards.has(s)) fresh.add(s);
    });
    if (!force && plan.shards.size + fresh.size > (m.tq || MAX_TERM_SHARDS)) return false;
    fresh.forEach(function (s) { plan.shards.add(s); });
    keys.forEach(function (k) { plan.use.add(k); });
    return true;
  }

  // chooseCompletions keeps the completions of the last word whose shards
  // (the syllable's and the pair's with the word before) still fit in the
  // cap, in order, and returns the shards to load.
  function chooseCompletions(m, plan) {
    var prev = plan.tokens.length > 1 ? plan.tokens[plan.tokens.length - 2].fold : "";
    var before = new Set(plan.shards);
    plan.comps = completions(m, plan.prefix).filter(function (f) {
      var terms = [f], keys = ["u" + f];
      if (prev) { terms.push(prev + " " + f); keys.push("b" + prev + " " + f); }
      return take(m, plan, terms, keys, false);
    });
    return Array.from(plan.shards).filter(function (s) { return !before.has(s); });
  }

  // stopWeight is a term's weight as a stopword: judged on the exact form
  // when marks are typed, else by how often the folded form is a stopword.
  function stopWeight(m, t, plan, u) {
    if (plan.marked) return m.stopSet.has(t.exact) ? W_STOP : 1;
    if (!u) return 1;
    var stop = 0, all = 0;
    u.variants.forEach(function (v) {
      all += v.d.length;
      if (m.stopSet.has(v.exact)) stop += v.d.length;
    });
    return all ? 1 - (1 - W_STOP) * (stop / all) : 1;
  }

  function addList(scores, list, weight) {
    var d = list.d, w = list.w;
    for (var i = 0; i < d.length; i++) scores[d[i]] += weight * w[i];
  }

  // completions returns the folded terms that complete prefix, most
  // frequent first.
  function completions(m, prefix) {
    var shard = loaded[prefixShard(m, prefix)] || {};
    var out = [];
    for (var f in shard) {
      if (f.length > prefix.length && f.lastIndexOf(prefix, 0) === 0) out.push([f, shard[f]]);
    }
    out.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    return out.slice(0, MAX_COMPLETIONS).map(function (x) { return x[0]; });
  }

  function rank(m, plan) {
    var n = m.n, scores = new Float64Array(n), scale = (K1 + 1) / 63;
    var weights = new Map(); // fold → weight, for snippets
    var exactWeights = new Map(); // exact form → weight, for snippets
    var termWeights = new Map(); // fold → weight, for scoring pairs
    var seen = new Map();
    plan.tokens.forEach(function (t) {
      var key = plan.marked ? t.exact : t.fold;
      seen.set(key, (seen.get(key) || 0) + 1);
    });
    var done = new Set();
    plan.tokens.forEach(function (t) {
      var key = plan.marked ? t.exact : t.fold;
      if (done.has(key)) return;
      done.add(key);
      var u = plan.use.has("u" + t.fold) ? unigram(m, t.fold) : null;
      var qw = (1 + Math.log(seen.get(key))) * stopWeight(m, t, plan, u);
      termWeights.set(t.fold, Math.max(termWeights.get(t.fold) || 0, qw));
      // a syllable a long query left out is among its commonest: in
      // snippets it shows as a stopword does
      var sw = plan.marked || plan.use.has("u" + t.fold) ? qw : Math.min(qw, W_STOP);
      weights.set(t.fold, Math.max(weights.get(t.fold) || 0, sw));
      exactWeights.set(t.exact, Math.max(exactWeights.get(t.exact) || 0, sw));
      if (!u) return;
      var wf = plan.marked ? 1 - W_EXACT : 1;
      addList(scores, u, qw * wf * idf(n, u.df) * scale);
      if (plan.marked) {
        u.variants.forEach(function (v) {
          if (v.exact === t.exact) addList(scores, v, qw * W_EXACT * idf(n, v.d.length) * scale);
        });
      }
    });
    var pairs = new Map();
    for (var i = 1; i < plan.tokens.length; i++) {
      var a = plan.tokens[i - 1], b = plan.tokens[i], k = a.fold + " " + b.fold;
      if (pairs.has(k) || !plan.use.has("b" + k)) continue;
      pairs.set(k, ((termWeights.get(a.fold) || 1) + (termWeights.get(b.fold) || 1)) / 2);
    }
    pairs.forEach(function (qw, k) {
      var list = bigram(m, k);
      if (list) addList(scores, list, qw * W_BIGRAM * idf(n, list.df) * scale);
    });
    var extra = [];
    if (plan.prefix) {
      var best = new Float64Array(n);
      extra = plan.comps || [];
      var prev = plan.tokens.length > 1 ? plan.tokens[plan.tokens.length - 2].fold : "";
      extra.forEach(function (f) {
        // a completion scores as a syllable and, with the word before it,
        // as a pair; a document counts only its best completion
        var u = unigram(m, f), b = prev ? bigram(m, prev + " " + f) : null, got = new Map();
        if (u) {
          var w = W_PREFIX * idf(n, u.df) * scale;
          for (var i = 0; i < u.d.length; i++) got.set(u.d[i], w * u.w[i]);
        }
        if (b) {
          var wb = W_PREFIX * W_BIGRAM * idf(n, b.df) * scale;
          for (var k = 0; k < b.d.length; k++) got.set(b.d[k], (got.get(b.d[k]) || 0) + wb * b.w[k]);
        }
        got.forEach(function (v, d) { if (v > best[d]) best[d] = v; });
      });
      for (var j = 0; j < n; j++) scores[j] += best[j];
    }
    return { scores: scores, weights: weights, exactWeights: exactWeights, completions: extra };
  }

  // phraseFilter returns the set of documents holding every quoted phrase
  // (all its adjacent pairs), or null when there is no phrase.
  function phraseFilter(m, plan) {
    if (!plan.phrases.length) return null;
    var keep = null;
    plan.phrases.forEach(function (pt) {
      var lists = [];
      if (pt.length === 1) {
        var u = unigram(m, pt[0].fold);
        lists.push(u ? u.d : []);
      }
      for (var i = 1; i < pt.length; i++) {
        var l = bigram(m, pt[i - 1].fold + " " + pt[i].fold);
        lists.push(l ? l.d : []);
      }
      lists.forEach(function (d) {
        var s = new Set(d);
        keep = keep === null ? s : new Set(Array.from(keep).filter(function (x) { return s.has(x); }));
      });
    });
    return keep || new Set();
  }

  // facetFilter returns, for each facet, the set of selected value indexes
  // (null when none is selected).
  function facetFilter(m, filters) {
    return m.f.map(function (f) {
      var want = filters && filters[f.k];
      if (!want || !want.length) return null;
      var s = new Set();
      want.forEach(function (v) {
        var i = f.v.indexOf(String(v));
        if (i >= 0) s.add(i);
      });
      return s;
    });
  }

  function passes(m, sel, doc, skip) {
    for (var k = 0; k < sel.length; k++) {
      if (k === skip || !sel[k]) continue;
      var vals = m.facetDocs[k][doc];
      if (!vals || !vals.some(function (v) { return sel[k].has(v); })) return false;
    }
    return true;
  }

  // search runs a query with facet filters ({type: ["Luật"], year: ["2020"]}).
  function search(query, filters) {
    var plan = parse(query);
    return meta().then(function (m) {
      var names = choose(m, plan);
      var pre = plan.prefix ? [load(prefixShard(m, plan.prefix))] : [];
      return Promise.all(names.map(load).concat(pre)).then(function () {
        if (!plan.prefix) return null;
        return Promise.all(chooseCompletions(m, plan).map(load));
      }).then(function () { return run(m, plan, filters); });
    });
  }

  function run(m, plan, filters) {
    var sel = facetFilter(m, filters);
    var anyFilter = sel.some(function (s) { return s; });
    var r = plan.tokens.length ? rank(m, plan) : null;
    var phr = phraseFilter(m, plan);
    var matched = [];
    for (var d = 0; d < m.n; d++) {
      if (r ? r.scores[d] > 0 : anyFilter) {
        if (!phr || phr.has(d)) matched.push(d);
      }
    }
    var facets = m.f.map(function (f, k) {
      var counts = new Array(f.v.length).fill(0);
      var pool = r || anyFilter ? matched : allDocs(m.n);
      pool.forEach(function (doc) {
        if (!passes(m, sel, doc, k)) return;
        var vals = m.facetDocs[k][doc];
        if (vals) vals.forEach(function (v) { counts[v]++; });
      });
      return {
        key: f.k,
        values: f.v.map(function (name, i) {
          return { name: name, count: counts[i], selected: !!(sel[k] && sel[k].has(i)) };
        }).filter(function (v) { return v.count > 0 || v.selected; })
      };
    });
    var hits = matched.filter(function (doc) { return passes(m, sel, doc, -1); });
    if (r) hits.sort(function (a, b) { return r.scores[b] - r.scores[a] || a - b; });
    plan.weights = r ? r.weights : new Map();
    plan.exactWeights = r ? r.exactWeights : new Map();
    plan.completions = r ? r.completions : [];
    return {
      total: hits.length,
      hits: hits,
      scores: r ? hits.map(function (d) { return r.scores[d]; }) : [],
      facets: facets,
      plan: plan
    };
  }

  function allDocs(n) {
    var a = new Array(n);
    for (var i = 0; i < n; i++) a[i] = i;
    return a;
  }

  // ---- Documents ------------------------------------------------------------

  // doc returns the head of document id, with its id, for snippet to load
  // the document's further chunks.
  function doc(id) {
    return load("d/" + id).then(function (d) {
      if (d) d.id = id;
      return d;
    });
  }

  // docParts returns the parts of a document as [anchor, heading, text,
  // more, cont, next] from the loaded chunks (chunks[k], undefined until
  // loaded, starts at part and offset k of [[0, 0]].concat(d.k)), one entry
  // per run of consecutive chunks of a part: cont when it begins inside the
  // part, more when the part goes on in chunk next (else -1), not loaded.
  // A part with no text loaded has one empty entry, for its heading.
  function docParts(d, chunks) {
    var heads = d.h || [], starts = [[0, 0]].concat(d.k || []);
    var runs = heads.map(function () { return []; });
    for (var k = 0; k < starts.length; k++) {
      var texts = chunks[k] || [];
      for (var j = 0; j < texts.length; j++) {
        var list = runs[starts[k][0] + j];
        if (!list) continue;
        var last = list[list.length - 1];
        if (last && last.end === k - 1) { last.text += texts[j]; last.end = k; continue; }
        list.push({ text: texts[j], cont: j === 0 && starts[k][1] > 0, end: k });
      }
    }
    var out = [];
    heads.forEach(function (h, p) {
      if (!runs[p].length) runs[p].push({ text: "", cont: false, end: -1 });
      runs[p].forEach(function (r) {
        var next = r.end >= 0 ? starts[r.end + 1] : null;
        var more = !!next && next[0] === p && next[1] > 0 && !chunks[r.end + 1];
        out.push([h[0], h[1], r.text, more, r.cont, more ? r.end + 1 : -1]);
      });
    });
    return out;
  }

  // Chunk signatures, the head's "g" (see generator/search/signature.go):
  // Bloom filters of the folded terms of chunks 1, 2, …, 6 bits a digit,
  // least significant first; probe i of a term is bit (a + i·b) mod 2^32
  // mod m, where a = hash(term) and b = fmix32(a) | 1.
  var SIG_PROBES = 3;

  function fmix32(h) {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }

  // sigProbes returns the bit positions of a folded term in m bits (m > 0).
  function sigProbes(term, m) {
    var a = hash(term), b = (fmix32(a) | 1) >>> 0, out = [];
    for (var i = 0; i < SIG_PROBES; i++) out.push(((a + Math.imul(i, b)) >>> 0) % m);
    return out;
  }

  // sigHas tells whether a signature may hold a folded term.
  function sigHas(sig, term) {
    var m = typeof sig === "string" ? sig.length * 6 : 0;
    if (!m) return false;
    var ps = sigProbes(term, m);
    for (var i = 0; i < ps.length; i++) {
      var v = DV[sig.charCodeAt((ps[i] / 6) | 0)];
      if (!(v >= 0) || !(v & (1 << (ps[i] % 6)))) return false;
    }
    return true;
  }

  // knownTerms returns the folded query terms, stopwords aside, that the
  // postings the plan scored put in document id: the terms its snippet
  // should show.
  function knownTerms(m, plan, id) {
    var out = new Set(), folds = new Set(plan.completions || []);
    (plan.use || new Set()).forEach(function (key) {
      if (key.charAt(0) === "u" && (plan.weights.get(key.slice(1)) || 0) >= 0.5) folds.add(key.slice(1));
    });
    folds.forEach(function (f) {
      var u = unigram(m, f);
      if (u && sortedHas(u.d, id)) out.add(f);
    });
    return out;
  }

  function sortedHas(a, x) {
    var lo = 0, hi = a.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (a[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo < a.length && a[lo] === x;
  }

  // ---- Snippets -----------------------------------------------------------

  var SNIPPET_TOKENS = 32;

  // matcher returns, for a token, 2 for a query term, 1 for a stopword of
  // the query, 0 otherwise. A strict matcher compares exact forms (when the
  // query has marks); the last word typed matches as a prefix.
  function matcher(plan, strict) {
    var comps = new Set(plan.completions || []);
    var byExact = strict && plan.marked;
    return function (t) {
      var w = byExact ? plan.exactWeights.get(t.exact) : plan.weights.get(t.fold);
      if (w !== undefined) return w >= 0.5 ? 2 : 1;
      if (comps.has(t.fold) || (plan.prefix && t.fold.lastIndexOf(plan.prefix, 0) === 0)) return 2;
      return 0;
    };
  }

  // marks returns which tokens to highlight: query terms, and query
  // stopwords next to another highlighted token.
  function marks(toks, match) {
    var kind = toks.map(match);
    return kind.map(function (k, i) {
      if (k === 2) return true;
      return k === 1 && ((i > 0 && kind[i - 1] > 0) || (i + 1 < kind.length && kind[i + 1] > 0));
    });
  }

  // pieces splits text[from:to] into runs, marked or not.
  function pieces(text, toks, on, from, to) {
    var out = [], pos = from;
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i];
      if (!on[i] || t.start < from || t.end > to) continue;
      if (t.start > pos) out.push({ text: text.slice(pos, t.start), mark: false });
      out.push({ text: text.slice(t.start, t.end), mark: true });
      pos = t.end;
    }
    if (pos < to) out.push({ text: text.slice(pos, to), mark: false });
    return out;
  }

  // highlight returns the runs of a short text (a title) with query terms
  // marked.
  function highlight(text, plan) {
    text = String(text || "").normalize("NFC");
    var toks = tokenize(text);
    var on = marks(toks, matcher(plan, true));
    if (on.indexOf(true) < 0) on = marks(toks, matcher(plan, false));
    return pieces(text, toks, on, 0, text.length);
  }

  var MAX_CHUNK_LOADS = 2; // further chunks one snippet loads, search.SnippetChunkLoads

  // snippet chooses the part of a document that best matches the plan and
  // the window of it with the most query terms, from the head's text and,
  // while the window lacks a term it should show (see wanted), at most
  // MAX_CHUNK_LOADS chunks chosen by bestChunk.
  function snippet(d, plan) {
    return meta().then(function (m) {
      var known = d.id === undefined ? new Set() : knownTerms(m, plan, d.id);
      var shown = new Set(tokenize((d.t || "") + " " + (d.n || "")).map(function (t) { return t.fold; }));
      var chunks = [d.x || []], loads = 0;
      function step() {
        var s = bestSnippet(docParts(d, chunks), plan);
        var want = wanted(s.terms, known, shown);
        var k = loads < MAX_CHUNK_LOADS && want.size ? bestChunk(d.g || [], chunks, known, want, s) : -1;
        if (k < 0) return s.snippet;
        loads++;
        return load("d/" + d.id + "-" + k).then(function (c) {
          if (!c) return s.snippet;
          chunks[k] = c;
          return step();
        });
      }
      return step();
    });
  }

  // wanted returns the known terms (folded) a window showing terms leaves
  // out and that are worth looking further for: those the title does not
  // already show, or all of them when the window shows no query term.
  function wanted(terms, known, shown) {
    var out = new Set();
    known.forEach(function (f) {
      if (!terms.has(f) && (!terms.size || !shown.has(f))) out.add(f);
    });
    return out;
  }

  // bestChunk returns the chunk to load next for snippet s, -1 for none:
  // of the chunks not loaded whose signature may hold a wanted term, the
  // one whose signature may hold the most known terms (the first of
  // equals), if that count beats the terms s's window shows (counted on
  // the loaded text) or the chunk goes on with s's part (s.next). A chunk
  // that cannot beat the window would leave the snippet where it is.
  function bestChunk(sigs, chunks, known, want, s) {
    var best = -1, top = -1;
    for (var k = 1; k <= sigs.length; k++) {
      if (chunks[k]) continue;
      var n = 0, useful = false;
      known.forEach(function (f) {
        if (!sigHas(sigs[k - 1], f)) return;
        n++;
        if (want.has(f)) useful = true;
      });
      if (useful && (n > s.terms.size || k === s.next) && n > top) { best = k; top = n; }
    }
    return best;
  }

  // bestSnippet returns the snippet of parts, the folded query terms its
  // window shows and the chunk its part goes on in when not loaded (-1).
  function bestSnippet(parts, plan) {
    var s = bestPart(parts, plan, true);
    if (!(s.score > 0 || !plan.marked)) s = bestPart(parts, plan, false);
    var match = matcher(plan, false), terms = new Set();
    s.window.forEach(function (t) { if (match(t) === 2) terms.add(t.fold); });
    return { snippet: s.snippet, terms: terms, next: s.next };
  }

  function bestPart(parts, plan, strict) {
    var match = matcher(plan, strict), best = null;
    parts.forEach(function (p) {
      var text = String(p[2] || "").normalize("NFC"), toks = tokenize(text), on = marks(toks, match);
      var distinct = new Set();
      toks.forEach(function (t, i) { if (on[i]) distinct.add(t.fold); });
      var head = tokenize(p[1] || "").filter(function (t) { return match(t) === 2; }).length;
      var score = distinct.size + head;
      if (!best || score > best.score) best = { score: score, part: p, text: text, toks: toks, on: on };
    });
    if (!best) return { score: 0, window: [], next: -1, snippet: { anchor: "", parts: [] } };
    var toks = best.toks, on = best.on, start = 0, top = -1, sum = 0;
    for (var i = 0; i < toks.length; i++) {
      sum += on[i] ? 1 : 0;
      if (i >= SNIPPET_TOKENS) sum -= on[i - SNIPPET_TOKENS] ? 1 : 0;
      if (sum > top) { top = sum; start = Math.max(0, i - SNIPPET_TOKENS + 1); }
    }
    var end = Math.min(toks.length, start + SNIPPET_TOKENS);
    var from = toks.length ? toks[start].start : 0;
    var to = toks.length ? toks[end - 1].end : Math.min(best.text.length, 200);
    var parts = pieces(best.text, toks, on, from, to);
    if (from > 0 || best.part[4]) parts.unshift({ text: "… ", mark: false });
    if (to < best.text.length || best.part[3]) parts.push({ text: " …", mark: false });
    return {
      score: best.score, window: toks.slice(start, end), next: best.score > 0 ? best.part[5] : -1,
      snippet: { anchor: best.score > 0 ? best.part[0] : "", parts: parts }
    };
  }

  window.tusachSearch = {
    tokenize: tokenize, fold: fold, exactForm: exactForm, parse: parse,
    search: search, doc: doc, snippet: snippet, highlight: highlight, root: root,
    sigProbes: sigProbes, sigHas: sigHas,
    // loadedFiles lists the index files loaded so far (for size tests).
    loadedFiles: function () { return Object.keys(loaded); }
  };

  // ---- User interface -------------------------------------------------------

  var LANG = (document.documentElement.lang || "vi").slice(0, 2) === "en" ? "en" : "vi";
  var TEXT = {
    vi: {
      none: "Không tìm thấy kết quả.", count: " kết quả", more: "Xem thêm", all: "Xem tất cả kết quả",
      loading: "Đang tìm…", failed: "Không tải được chỉ mục tìm kiếm.",
      type: "Loại văn bản", issuer: "Cơ quan ban hành", year: "Năm ban hành", topics: "Chủ đề", tags: "Thẻ"
    },
    en: {
      none: "No results.", count: " results", more: "More results", all: "See all results",
      loading: "Searching…", failed: "The search index could not be loaded.",
      type: "Type", issuer: "Issuer", year: "Year", topics: "Topics", tags: "Tags"
    }
  }[LANG];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function runs(parent, rs) {
    rs.forEach(function (r) {
      parent.appendChild(r.mark ? el("mark", null, r.text) : document.createTextNode(r.text));
    });
    return parent;
  }

  function hitURL(d, anchor) {
    return root + d.u + (anchor ? "#" + encodeURIComponent(anchor) : "");
  }

  // renderHit fills li with one result: title, link and metadata at once,
  // then the snippet and the link to its heading once snippet has the text
  // it needs. Everything from the index is set as text, never as HTML.
  function renderHit(li, d, plan) {
    var a = el("a", "search-hit-title");
    a.href = hitURL(d, "");
    runs(a, highlight(d.t, plan));
    li.appendChild(a);
    var meta = [d.s, d.n, d.d].filter(Boolean).join(" · ");
    if (meta) li.appendChild(el("div", "search-hit-meta", meta));
    return snippet(d, plan).then(function (sn) {
      if (sn.anchor) a.href = hitURL(d, sn.anchor);
      if (sn.parts.length) li.appendChild(runs(el("p", "search-hit-snippet"), sn.parts));
    });
  }

  // renderHits adds count results from from, each shown as soon as its
  // head arrives, in order; the promise settles when every snippet is in.
  function renderHits(list, result, from, count) {
    var ids = result.hits.slice(from, from + count);
    return Promise.all(ids.map(function (id) {
      var li = el("li", "search-hit");
      list.appendChild(li);
      return doc(id).then(function (d) { if (d) return renderHit(li, d, result.plan); });
    }));
  }

  function debounce(fn, ms) {
    var t = 0;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  // The search box on every page: results as you type, in a panel.
  function initBox(form) {
    var input = form.querySelector("input[name=q]");
    var panel = form.querySelector(".search-panel");
    if (!input || !panel) return;
    var seq = 0;
    var update = debounce(function () {
      var q = input.value, my = ++seq;
      if (!q.trim()) { panel.hidden = true; panel.textContent = ""; return; }
      search(q).then(function (res) {
        if (my !== seq) return;
        panel.textContent = "";
        panel.hidden = false;
        if (!res.total) { panel.appendChild(el("p", "search-status", TEXT.none)); return; }
        var list = el("ol", "search-hits");
        panel.appendChild(list);
        var all = el("a", "search-all", TEXT.all + " (" + res.total + ")");
        all.href = root + "search/index.html?q=" + encodeURIComponent(q).replace(/%20/g, "+");
        panel.appendChild(all);
        return renderHits(list, res, 0, 8);
      }).catch(function () {
        if (my !== seq) return;
        panel.hidden = false;
        panel.textContent = TEXT.failed;
      });
    }, 120);
    input.addEventListener("input", update);
    input.addEventListener("focus", update);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { panel.hidden = true; input.blur(); }
    });
    document.addEventListener("click", function (e) {
      if (!form.contains(e.target)) panel.hidden = true;
    });
  }

  function readParams() {
    var p = new URLSearchParams(location.search), filters = {};
    ["type", "issuer", "year", "topics", "tags"].forEach(function (k) {
      var v = p.getAll(k).filter(Boolean);
      if (v.length) filters[k] = v;
    });
    return { q: p.get("q") || "", filters: filters };
  }

  function writeParams(q, filters) {
    var p = new URLSearchParams();
    if (q) p.set("q", q);
    Object.keys(filters).forEach(function (k) {
      filters[k].forEach(function (v) { p.append(k, v); });
    });
    var s = p.toString();
    try {
      history.replaceState(null, "", location.pathname + (s ? "?" + s : ""));
    } catch (e) { /* some browsers refuse for file: URLs; the page still works */ }
  }

  // The search page: query and facets in the URL, paged results.
  function initPage(page) {
    var input = page.querySelector("input[name=q]");
    var status = page.querySelector(".search-status");
    var facetsBox = page.querySelector(".search-facets");
    var list = page.querySelector(".search-hits");
    var more = page.querySelector(".search-more");
    var state = readParams(), seq = 0, result = null, shown = 0;
    input.value = state.q;

    function showMore() {
      var from = shown;
      shown += 20;
      more.hidden = shown >= result.total;
      return renderHits(list, result, from, 20);
    }

    function renderFacets(res) {
      facetsBox.textContent = "";
      res.facets.forEach(function (f) {
        if (!f.values.length) return;
        var box = el("fieldset", "search-facet");
        box.setAttribute("data-facet", f.key);
        box.appendChild(el("legend", null, TEXT[f.key] || f.key));
        f.values.slice(0, 30).forEach(function (v) {
          var label = el("label");
          var cb = el("input");
          cb.type = "checkbox";
          cb.checked = v.selected;
          cb.value = v.name;
          cb.addEventListener("change", function () {
            var cur = state.filters[f.key] || [];
            cur = cb.checked ? cur.concat([v.name]) : cur.filter(function (x) { return x !== v.name; });
            if (cur.length) state.filters[f.key] = cur; else delete state.filters[f.key];
            run();
          });
          label.appendChild(cb);
          label.appendChild(document.createTextNode(" " + v.name + " "));
          label.appendChild(el("span", "search-facet-count", String(v.count)));
          box.appendChild(label);
        });
        facetsBox.appendChild(box);
      });
    }

    function run() {
      var my = ++seq;
      state.q = input.value;
      writeParams(state.q, state.filters);
      status.textContent = TEXT.loading;
      return search(state.q, state.filters).then(function (res) {
        if (my !== seq) return;
        result = res;
        shown = 0;
        list.textContent = "";
        renderFacets(res);
        var active = state.q.trim() || Object.keys(state.filters).length;
        status.textContent = active ? (res.total ? res.total + TEXT.count : TEXT.none) : "";
        more.hidden = true;
        if (res.total) return showMore();
      }).catch(function () {
        if (my === seq) status.textContent = TEXT.failed;
      });
    }

    input.addEventListener("input", debounce(run, 120));
    page.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      run();
    });
    more.addEventListener("click", showMore);
    run();
  }

  function init() {
    var page = document.querySelector("[data-search-page]");
    if (page) initPage(page);
    document.querySelectorAll("form.search-box").forEach(function (f) {
      if (!page) initBox(f);
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      var t = e.target, tag = t && t.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
      var box = document.querySelector("[data-search-page] input[name=q]") ||
        document.querySelector("form.search-box input[name=q]");
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
