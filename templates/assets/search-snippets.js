/*
 * tusach search: result documents and snippets (see search.js for the whole searcher).
 *
 * doc loads a result's head; snippet picks the window of its text that best
 * matches a plan, loading the chunks whose signatures promise the query
 * terms; highlight marks the terms in a short text.
 */
(function () {
  "use strict";
  var S = window.tusachSearch;
  if (!S || S.snippet) return;
  var L = S.lib, load = L.load, hash = L.hash, DV = L.DV, meta = L.meta, unigram = L.unigram;
  var tokenize = S.tokenize, fold = S.fold, exactForm = S.exactForm, root = S.root;

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
    var nf = numberFolds(plan);
    (plan.use || new Set()).forEach(function (key) {
      var f = key.slice(1);
      if (key.charAt(0) === "u" && (plan.weights.get(f) || 0) >= 0.5 && !nf.has(f)) folds.add(f);
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

  // numberFolds returns the folded tokens of the query that belong to one
  // of its document numbers ("21", "kl", "tu" of "21-KL/TW"): a text shows
  // them marked only where it has the whole number (see numberMarks), not
  // one by one ("tư", "tự").
  function numberFolds(plan) {
    if (plan.numberFolds) return plan.numberFolds;
    var out = new Set();
    (plan.numbers || []).forEach(function (n) {
      plan.tokens.forEach(function (t) { if (t.start >= n.start && t.end <= n.end) out.add(t.fold); });
    });
    plan.numberFolds = out;
    return out;
  }

  // numberMarks returns, for the tokens of text (NFC), whether each lies in
  // one of the query's document numbers written in text, in any of its
  // variants ("21-KL/TƯ" for "21 - kl/tw"); null when the query has none.
  function numberMarks(text, toks, plan) {
    if (!plan.numbers || !plan.numbers.length) return null;
    var want = new Set();
    plan.numbers.forEach(function (n) { (n.key ? [n.key] : n.keys).forEach(function (k) { want.add(k); }); });
    var spans = S.numbers(text).filter(function (o) { return o.keys.some(function (k) { return want.has(k); }); });
    if (!spans.length) return null;
    return toks.map(function (t) {
      return spans.some(function (o) { return t.start >= o.start && t.end <= o.end; });
    });
  }

  // plainFolds returns the folded forms of the words of the query typed
  // without marks: those match any form, even in a query with marks.
  function plainFolds(plan) {
    var out = new Set();
    (plan.tokens || []).forEach(function (t) { if (fold(t.word) === t.word) out.add(t.fold); });
    return out;
  }

  // matcher returns, for a token, 2 for a query term, 1 for a stopword of
  // the query, 0 otherwise. A strict matcher compares exact forms for the
  // words typed with marks ("chỉnh đốn Đảng" marks "Đảng", never "đang" or
  // "dạng"); the last word typed matches as a prefix. Tokens of the
  // query's document numbers count only within the whole number.
  function matcher(plan, strict) {
    var comps = new Set(plan.completions || []);
    var byExact = strict && plan.marked, nf = numberFolds(plan), plain = byExact ? plainFolds(plan) : null;
    var toks = plan.tokens || [], last = toks.length ? toks[toks.length - 1] : null;
    // the last word, typed with marks, completes only to words with them
    var exactPrefix = byExact && last && !plain.has(last.fold) ? last.exact : "";
    return function (t) {
      if (nf.has(t.fold)) return 0;
      var w = byExact ? plan.exactWeights.get(t.exact) : plan.weights.get(t.fold);
      if (w === undefined && byExact && plain.has(t.fold)) w = plan.weights.get(t.fold);
      if (w !== undefined) return w >= 0.5 ? 2 : 1;
      if (comps.has(t.fold) || (plan.prefix && t.fold.lastIndexOf(plan.prefix, 0) === 0)) {
        return exactPrefix && t.exact.lastIndexOf(exactPrefix, 0) !== 0 ? 0 : 2;
      }
      return 0;
    };
  }

  // marks returns which tokens of text to highlight: query terms, the
  // query's document numbers, and query stopwords next to another
  // highlighted token.
  function marks(text, toks, match, plan) {
    var num = numberMarks(text, toks, plan);
    var kind = toks.map(function (t, i) { return num && num[i] ? 2 : match(t); });
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
  // marked: only their exact forms when the query has marks.
  function highlight(text, plan) {
    text = String(text || "").normalize("NFC");
    var toks = tokenize(text);
    var on = marks(text, toks, matcher(plan, true), plan);
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
  // With marks typed, a document without the exact forms still gets the
  // window its other forms choose, but only exact forms are marked.
  function bestSnippet(parts, plan) {
    var s = bestPart(parts, plan, true);
    if (!(s.score > 0 || !plan.marked)) s = bestPart(parts, plan, false);
    var match = matcher(plan, false), terms = new Set();
    s.window.forEach(function (t) { if (match(t) === 2) terms.add(t.fold); });
    return { snippet: s.snippet, terms: terms, next: s.next };
  }

  // bestPart returns the part of parts whose window of SNIPPET_TOKENS
  // tokens shows the most query terms, matched strictly or not; the window
  // shown marks only what a strict matcher matches.
  function bestPart(parts, plan, strict) {
    var match = matcher(plan, strict), best = null;
    parts.forEach(function (p) {
      var text = String(p[2] || "").normalize("NFC"), toks = tokenize(text), on = marks(text, toks, match, plan);
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
    var shownOn = strict ? on : marks(best.text, toks, matcher(plan, true), plan);
    var parts = pieces(best.text, toks, shownOn, from, to);
    if (from > 0 || best.part[4]) parts.unshift({ text: "… ", mark: false });
    if (to < best.text.length || best.part[3]) parts.push({ text: " …", mark: false });
    return {
      score: best.score, window: toks.slice(start, end), next: best.score > 0 ? best.part[5] : -1,
      snippet: { anchor: best.score > 0 ? best.part[0] : "", parts: parts }
    };
  }

  S.doc = doc;
  S.snippet = snippet;
  S.highlight = highlight;
  S.numberMarks = numberMarks;
  S.sigProbes = sigProbes;
  S.sigHas = sigHas;
})();
