/*
 * tusach search: the search box of every page and the search page (see search.js).
 *
 * Results as you type in the header box ("/" focuses it), and the full
 * search page whose address carries the query and the facets. Everything
 * from the index is put in the page with textContent.
 */
(function () {
  "use strict";
  var S = window.tusachSearch;
  if (!S || !S.search || !S.snippet || S.ui) return;
  S.ui = true;
  var search = S.search, doc = S.doc, snippet = S.snippet, highlight = S.highlight, root = S.root;


  var LANG = (document.documentElement.lang || "vi").slice(0, 2) === "en" ? "en" : "vi";
  var TEXT = {
    vi: {
      none: "Không tìm thấy kết quả.", count: " kết quả", more: "Xem thêm", all: "Xem tất cả kết quả",
      loading: "Đang tìm…", failed: "Không tải được chỉ mục tìm kiếm.",
      noNumber: "Không có văn bản số {n}.",
      type: "Loại văn bản", issuer: "Cơ quan ban hành", year: "Năm ban hành", topics: "Chủ đề", tags: "Thẻ",
      status: "Hiệu lực"
    },
    en: {
      none: "No results.", count: " results", more: "More results", all: "See all results",
      loading: "Searching…", failed: "The search index could not be loaded.",
      noNumber: "No document is numbered {n}.",
      type: "Type", issuer: "Issuer", year: "Year", topics: "Topics", tags: "Tags", status: "Validity"
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
    var meta = el("div", "search-hit-meta");
    [d.s, d.n, d.d].forEach(function (v, i) {
      if (!v) return;
      if (meta.firstChild) meta.appendChild(document.createTextNode(" · "));
      if (i === 1 && numberOf(plan, v)) meta.appendChild(el("mark", "search-hit-number", v));
      else if (i === 1) meta.appendChild(el("span", "search-hit-number", v));
      else meta.appendChild(document.createTextNode(v));
    });
    if (meta.firstChild) li.appendChild(meta);
    return snippet(d, plan).then(function (sn) {
      if (sn.anchor) a.href = hitURL(d, sn.anchor);
      if (sn.parts.length) li.appendChild(runs(el("p", "search-hit-snippet"), sn.parts));
    });
  }

  // numberOf tells whether a document number is one the query looked up
  // and found.
  function numberOf(plan, number) {
    var key = S.normalizeNumber(number);
    return (plan.numbers || []).some(function (n) { return n.key && n.key === key; });
  }

  // missingNumbers returns the message for the query's document numbers
  // that no document has ("" when none): text matches follow it.
  function missingNumbers(res) {
    return (res.numbers || []).filter(function (n) { return !n.docs.length; }).map(function (n) {
      return TEXT.noNumber.replace("{n}", n.text);
    }).join(" ");
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
        var missing = missingNumbers(res);
        if (missing) panel.appendChild(el("p", "search-status search-no-number", missing));
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
    ["type", "issuer", "year", "status", "topics", "tags", "dau"].forEach(function (k) {
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

  // valueLabel is how a facet value shows: a status code as status.js
  // labels it (the body's data-status-<code>), any other value as it is.
  function valueLabel(key, name) {
    return key === "status" && document.body.getAttribute("data-status-" + name) || name;
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
    var exact = page.querySelector("input[name=dau]");
    if (exact) {
      exact.checked = !!state.filters.dau;
      exact.addEventListener("change", function () {
        if (exact.checked) state.filters.dau = ["1"]; else delete state.filters.dau;
        run();
      });
    }

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
          label.appendChild(document.createTextNode(" " + valueLabel(f.key, v.name) + " "));
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
        var missing = missingNumbers(res);
        status.textContent = (missing ? missing + " " : "") + (active ? (res.total ? res.total + TEXT.count : TEXT.none) : "");
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
