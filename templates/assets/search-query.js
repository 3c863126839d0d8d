/*
 * tusach search: query plans and ranking (see search.js for the whole searcher).
 *
 * parse turns a query into a plan; search loads the term shards the plan
 * chose and ranks: BM25 over folded syllables and adjacent pairs, exact
 * forms, stopwords, prefix completion, phrases and facets.
 */
(function () {
  "use strict";
  var S = window.tusachSearch;
  if (!S || S.search) return;
  var L = S.lib, loaded = L.loaded, load = L.load, meta = L.meta, loadFacets = L.facets, unigram = L.unigram, bigram = L.bigram;
  var termShard = L.termShard, prefixShard = L.prefixShard, numberShard = L.numberShard;
  var tokenize = S.tokenize, fold = S.fold;

  // ---- Queries ----------------------------------------------------------

  var MAX_QUERY = 1000;     // characters of a query read
  var MAX_TERMS = 64;       // tokens of a query used
  var K1 = 3;              // generator/search bm25K1: a posting weight of 63 is K1 + 1
  var W_EXACT = 0.5;        // share of a term's weight given to its exact form, when marks are typed
  var W_BIGRAM = 0.7;       // weight of an adjacent pair relative to a syllable
  var W_STOP = 0.2;         // weight of a stopword
  var W_PREFIX = 0.6;       // weight of a completion of the last word
  var W_PREFIX_WORD = 0.15; // the same when the last word is a word of the index: maybe finished
  var MAX_COMPLETIONS = 6;
  var MAX_TERM_SHARDS = 32; // term shards one query loads, phrases aside, unless meta says (tq)

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
    toks = expandAbbreviations(q, toks).slice(0, MAX_TERMS);
    return { query: q, tokens: toks, marked: marked, phrases: phrases, prefix: prefix, numbers: S.numbers(q) };
  }

  // ABBREVIATIONS are the usual abbreviations of Vietnamese administrative
  // and legal writing, by their folded form, with what they stand for.
  var ABBREVIATIONS = {
    ubnd: "ủy ban nhân dân", hdnd: "hội đồng nhân dân", tw: "trung ương", qh: "quốc hội",
    cp: "chính phủ", ttg: "thủ tướng", mttq: "mặt trận tổ quốc", bch: "ban chấp hành",
    tand: "tòa án nhân dân", vksnd: "viện kiểm sát nhân dân", cnxh: "chủ nghĩa xã hội",
    xhcn: "xã hội chủ nghĩa", blds: "bộ luật dân sự", blhs: "bộ luật hình sự",
    blld: "bộ luật lao động", bltths: "bộ luật tố tụng hình sự", blttds: "bộ luật tố tụng dân sự",
    thcs: "trung học cơ sở", thpt: "trung học phổ thông"
  };

  var CODE_JOIN_RE = /^[\/\-\u2010\u2011\u2013]$/;

  // expandAbbreviations puts, before each abbreviation of query q, the
  // words it stands for, so that "UBND tỉnh" also finds "Ủy ban nhân dân
  // tỉnh"; not an abbreviation joined to a neighbour by "/" or "-", part
  // of a document number or its code ("205/KH-UBND", "kh-ubnd"). The added
  // tokens carry the abbreviation's offsets; the query's marks
  // (plan.marked) are judged on what the reader typed.
  function expandAbbreviations(q, toks) {
    var out = [];
    toks.forEach(function (t) {
      var full = ABBREVIATIONS[fold(t.word)];
      var inCode = CODE_JOIN_RE.test(q.charAt(t.start - 1)) || CODE_JOIN_RE.test(q.charAt(t.end));
      if (full && !inCode) {
        tokenize(full).forEach(function (x) {
          out.push({ word: x.word, exact: x.exact, fold: x.fold, start: t.start, end: t.end });
        });
      }
      out.push(t);
    });
    return out;
  }

  // idf is BM25's inverse document frequency raised to IDF_POW: below 1,
  // a term a little more common than another is not worth so much less,
  // so a document holding more of the query's words, not only its rarest
  // one many times, comes first (on the corpus's dev questions cut to four
  // keywords, hit@10 0.733 → 0.747; full questions unchanged: README).
  var IDF_POW = 0.75;
  function idf(n, df) { return Math.pow(Math.log(1 + (n - df + 0.5) / (df + 0.5)), IDF_POW); }

  // estimatedIdf is a folded syllable's idf as known before loading its
  // shard: from the table of common terms (df.js), or, for a term missing from
  // it, as if found in half the table's least frequency.
  function estimatedIdf(m, f) { return idf(m.n, estimatedDF(m, f)); }
  function estimatedDF(m, f) {
    var df = m.df && m.df[f];
    return df !== undefined ? df : (m.dfm || 1) / 2;
  }

  // A long query loads the postings of its most informative terms up to
  // MAX_POSTINGS of them (a byte or two each, compressed), estimated from
  // the table of common terms: a syllable's by its frequency, a pair's as
  // PAIR_COST of its rarer syllable's. A common term's postings are long
  // and weigh little in the ranking; a pasted question's rare words and
  // pairs carry it (on the generated 10,000, whose words are all common,
  // a pasted text's term shards 180 → 87 KB; the corpus's questions rank
  // the same). On a site of more than FULL_BUDGET_DOCS documents the bound
  // shrinks in proportion (30,000 at 10,000 documents), where a common
  // word's postings grow with the site while the reader's bytes should
  // not: on the generated 10,000 a pasted text's term shards 90 → 48 KB
  // a query on average, its p90 205 / 178 → 158 / 129 KB (as downloaded /
  // gzip).
  // The real 5,000-document corpus keeps the whole bound: 30,000 there
  // costs its full questions hit@10 0.967 → 0.960.
  var MAX_POSTINGS = 60000, PAIR_COST = 0.5, FULL_BUDGET_DOCS = 5000;

  // postingsBudget is the bound on the postings of a long query.
  function postingsBudget(m) {
    return MAX_POSTINGS * Math.min(1, FULL_BUDGET_DOCS / Math.max(1, m.n));
  }

  // choose decides which terms a plan scores and so which term shards it
  // loads: at most m.tq (MAX_TERM_SHARDS) shards, given to the most
  // informative terms first. A syllable ranks by its estimated idf (a
  // stopword typed with marks by W_STOP of it); a pair of adjacent
  // syllables by the sum of theirs (the idf the pair would have if the two
  // occurred independently) times W_BIGRAM, its weight in the ranking, so
  // a pair of informative syllables comes before either, and a syllable
  // rarer than its neighbours before their pairs (full questions: hit@10
  // 0.960 → 0.967 with the cap at 32, README). Quoted phrases are always
  // loaded: they filter. A short query gets every term; a long pasted
  // question drops its most common syllables and pairs, whose idf is
  // negligible, and stops at MAX_POSTINGS. plan.use gets the keys
  // ("u" + fold, "b" + pair) of the terms scored, whatever else happens to
  // be loaded, so that a query ranks the same whatever ran before it;
  // plan.shards gets the shards.
  function choose(m, plan) {
    var cands = [];
    var pri = plan.tokens.map(function (t) {
      var p = estimatedIdf(m, t.fold);
      return plan.marked && m.stopSet.has(t.exact) ? p * W_STOP : p;
    });
    var cost = plan.tokens.map(function (t) { return estimatedDF(m, t.fold); });
    plan.tokens.forEach(function (t, i) {
      cands.push({ key: "u" + t.fold, term: t.fold, pri: pri[i], cost: cost[i] });
      if (i > 0) {
        cands.push({ key: "b" + plan.tokens[i - 1].fold + " " + t.fold,
          term: plan.tokens[i - 1].fold + " " + t.fold, pri: (pri[i - 1] + pri[i]) * W_BIGRAM,
          cost: Math.min(cost[i - 1], cost[i]) * PAIR_COST });
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
    var budget = plan.long ? postingsBudget(m) : Infinity;
    cands.forEach(function (c) {
      if (c.cost <= budget && take(m, plan, [c.term], [c.key], false)) budget -= c.cost;
    });
    return Array.from(plan.shards);
  }

  // planShards returns how many term shards the plan's terms and phrases
  // are in. A plan with more than a query loads is long: choose picks its
  // terms by idf, from the table of common terms (search/df.js, loaded
  // then, once), and within a budget of postings; a few typed words load no
  // table and get every term.
  function planShards(m, plan) {
    var shards = new Set();
    var add = function (toks) {
      toks.forEach(function (t, i) {
        shards.add(termShard(m, t.fold));
        if (i > 0) shards.add(termShard(m, toks[i - 1].fold + " " + t.fold));
      });
    };
    add(plan.tokens);
    plan.phrases.forEach(add);
    return shards.size;
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
      // a last word the index holds as typed ("đốn", "do") is likely
      // finished: its completions ("do" → "doanh", "don") count less (four
      // keywords: hit@10 0.747 → 0.760, marks removed 0.707 → 0.720)
      var lastWord = plan.use.has("u" + plan.prefix) && unigram(m, plan.prefix);
      var wp = lastWord ? W_PREFIX_WORD : W_PREFIX;
      extra.forEach(function (f) {
        // a completion scores as a syllable and, with the word before it,
        // as a pair; a document counts only its best completion
        var u = unigram(m, f), b = prev ? bigram(m, prev + " " + f) : null, got = new Map();
        if (u) {
          var w = wp * idf(n, u.df) * scale;
          for (var i = 0; i < u.d.length; i++) got.set(u.d[i], w * u.w[i]);
        }
        if (b) {
          var wb = wp * W_BIGRAM * idf(n, b.df) * scale;
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

  // exactFilter returns, when the reader asks for exact marks only (the
  // option "dau": ["1"], kept in the address as dau=1), the set of
  // documents holding the exact form of every word of the query typed with
  // marks whose term shard was loaded; null when not asked or no word has
  // marks.
  function exactFilter(m, plan, filters) {
    if (!plan.marked || !filters || !filters.dau || filters.dau[0] !== "1") return null;
    var keep = null;
    plan.tokens.forEach(function (t) {
      if (fold(t.word) === t.word) return;
      var u = plan.use.has("u" + t.fold) ? unigram(m, t.fold) : null;
      if (!u) return;
      var s = new Set();
      u.variants.forEach(function (v) { if (v.exact === t.exact) v.d.forEach(function (d) { s.add(d); }); });
      keep = keep === null ? s : new Set(Array.from(keep).filter(function (x) { return s.has(x); }));
    });
    return keep;
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

  // hasFacetFilter tells whether filters selects a facet value ("dau",
  // exact diacritics, is no facet).
  function hasFacetFilter(filters) {
    return !!filters && Object.keys(filters).some(function (k) {
      return k !== "dau" && filters[k] && filters[k].length > 0;
    });
  }

  // search runs a query with facet filters ({type: ["Luật"], year: ["2020"]}).
  // The facets are loaded (search/facets.js) and counted only when
  // withFacets is true or a filter selects a facet value.
  function search(query, filters, withFacets) {
    var plan = parse(query);
    withFacets = !!withFacets || hasFacetFilter(filters);
    return meta().then(function (m) {
      return withFacets ? loadFacets(m) : m;
    }).then(function (m) {
      plan.long = planShards(m, plan) > (m.tq || MAX_TERM_SHARDS);
      if (!plan.long || m.df) return m;
      return load("df").then(function (df) { m.df = df || {}; return m; });
    }).then(function (m) {
      var names = choose(m, plan);
      var pre = plan.prefix ? [load(prefixShard(m, plan.prefix))] : [];
      plan.numbers.forEach(function (n) { if (m.ns) pre.push(load(numberShard(m, n.stem))); });
      return Promise.all(names.map(load).concat(pre)).then(function () {
        if (!plan.prefix) return null;
        return Promise.all(chooseCompletions(m, plan).map(load));
      }).then(function () { return run(m, plan, filters, withFacets); });
    });
  }

  // lookNumbers finds the documents of each number of the plan: the
  // first of its keys (longest first) that the index has. It sets
  // n.key and n.docs on each number ([] and no key when none has it).
  function lookNumbers(m, plan) {
    plan.numbers.forEach(function (n) {
      var shard = m.ns ? loaded[numberShard(m, n.stem)] : null;
      n.key = ""; n.docs = [];
      for (var i = 0; i < n.keys.length; i++) {
        var s = shard && shard[n.keys[i]];
        if (typeof s === "string") { n.key = n.keys[i]; n.docs = L.decode(s, false).d; return; }
      }
    });
  }

  function run(m, plan, filters, withFacets) {
    var sel = facetFilter(m, filters);
    var anyFilter = sel.some(function (s) { return s; });
    var r = plan.tokens.length ? rank(m, plan) : null;
    var phr = phraseFilter(m, plan), exact = exactFilter(m, plan, filters);
    lookNumbers(m, plan);
    var numbered = new Set();
    plan.numbers.forEach(function (n) { n.docs.forEach(function (d) { numbered.add(d); }); });
    var matched = [];
    for (var d = 0; d < m.n; d++) {
      if (numbered.has(d) || (r ? r.scores[d] > 0 : anyFilter) && (!phr || phr.has(d)) && (!exact || exact.has(d))) matched.push(d);
    }
    var facets = !withFacets ? [] : m.f.map(function (f, k) {
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
    // Documents with a number of the query come first, then text matches;
    // each group by score.
    hits.sort(function (a, b) {
      return (numbered.has(b) ? 1 : 0) - (numbered.has(a) ? 1 : 0) ||
        (r ? r.scores[b] - r.scores[a] : 0) || a - b;
    });
    plan.weights = r ? r.weights : new Map();
    plan.exactWeights = r ? r.exactWeights : new Map();
    plan.completions = r ? r.completions : [];
    return {
      total: hits.length,
      hits: hits,
      // numbers: the document numbers of the query, each {text, key, docs}
      // (key "" and docs [] when no document has it)
      numbers: plan.numbers,
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

  S.parse = parse;
  S.search = search;
})();
