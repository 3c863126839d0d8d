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
      results: "Kết quả tìm kiếm",
      loading: "Đang tìm…", failed: "Không tải được chỉ mục tìm kiếm.",
      noNumber: "Không có văn bản số {n}.",
      type: "Loại văn bản", issuer: "Cơ quan ban hành", year: "Năm ban hành", topics: "Chủ đề", tags: "Thẻ",
      status: "Hiệu lực"
    },
    en: {
      none: "No results.", count: " results", more: "More results", all: "See all results",
      results: "Search results",
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
  // it needs. Everything from the index is set as text, never as HTML. On
  // the search page (heading) the title is an h2 to jump between; in the
  // header's list the item is an option named by its title and metadata.
  function renderHit(li, d, plan, heading) {
    var a = el("a", "search-hit-title");
    a.href = hitURL(d, "");
    runs(a, highlight(d.t, plan));
    if (heading) {
      var h = el("h2", "search-hit-heading");
      h.appendChild(a);
      li.appendChild(h);
    } else {
      li.appendChild(a);
    }
    var meta = el("div", "search-hit-meta");
    [d.s, d.n, d.d].forEach(function (v, i) {
      if (!v) return;
      if (meta.firstChild) meta.appendChild(document.createTextNode(" · "));
      if (i === 1 && numberOf(plan, v)) meta.appendChild(el("mark", "search-hit-number", v));
      else if (i === 1) meta.appendChild(el("span", "search-hit-number", v));
      else meta.appendChild(document.createTextNode(v));
    });
    if (meta.firstChild) li.appendChild(meta);
    if (li.id) {
      a.id = li.id + "-t";
      a.tabIndex = -1;
      meta.id = li.id + "-m";
      li.setAttribute("aria-labelledby", a.id + (meta.firstChild ? " " + meta.id : ""));
    }
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
  // With an option id prefix (the header's listbox) each item is an
  // option with an id; without, a result whose title is a heading.
  function renderHits(list, result, from, count, option) {
    var ids = result.hits.slice(from, from + count);
    return Promise.all(ids.map(function (id, i) {
      var li = el("li", "search-hit");
      if (option) {
        li.id = option + (from + i);
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
      }
      list.appendChild(li);
      return doc(id).then(function (d) { if (d) return renderHit(li, d, result.plan, !option); });
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

  // The search box on every page: results as you type, in a panel. The
  // input is a WAI-ARIA combobox (1.2) over the listbox of results: the
  // arrow keys move the active option (aria-activedescendant; focus stays
  // in the input), Enter opens it, Escape closes the panel, then clears the
  // box. A polite live region says only how many results there are.
  function initBox(form) {
    var input = form.querySelector("input[name=q]");
    var panel = form.querySelector(".search-panel");
    if (!input || !panel) return;
    var listID = "ts-search-list";
    var live = el("p", "visually-hidden search-announce");
    live.setAttribute("role", "status");
    form.appendChild(live);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listID);
    var seq = 0, active = -1;

    function options() { return panel.querySelectorAll("[role=option]"); }

    function setActive(i) {
      var opts = options();
      if (active >= 0 && opts[active]) {
        opts[active].classList.remove("is-active");
        opts[active].setAttribute("aria-selected", "false");
      }
      active = i;
      if (i < 0 || !opts[i]) {
        active = -1;
        input.removeAttribute("aria-activedescendant");
        return;
      }
      opts[i].classList.add("is-active");
      opts[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", opts[i].id);
      opts[i].scrollIntoView({ block: "nearest" });
    }

    function show(open) {
      panel.hidden = !open;
      input.setAttribute("aria-expanded", String(open));
      if (!open) setActive(-1);
    }

    var update = debounce(function () {
      var q = input.value, my = ++seq;
      if (!q.trim()) { show(false); panel.textContent = ""; live.textContent = ""; return; }
      search(q).then(function (res) {
        if (my !== seq) return;
        active = -1;
        input.removeAttribute("aria-activedescendant");
        panel.textContent = "";
        show(true);
        var missing = missingNumbers(res);
        if (missing) panel.appendChild(el("p", "search-status search-no-number", missing));
        live.textContent = res.total ? res.total + TEXT.count : TEXT.none;
        if (!res.total) { panel.appendChild(el("p", "search-status", TEXT.none)); return; }
        var list = el("ol", "search-hits");
        list.id = listID;
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", TEXT.results);
        panel.appendChild(list);
        var all = el("a", "search-all", TEXT.all + " (" + res.total + ")");
        all.href = root + "search/index.html?q=" + encodeURIComponent(q).replace(/%20/g, "+");
        panel.appendChild(all);
        return renderHits(list, res, 0, 8, "ts-search-opt-");
      }).catch(function () {
        if (my !== seq) return;
        show(true);
        panel.textContent = TEXT.failed;
        live.textContent = TEXT.failed;
      });
    }, 120);
    input.addEventListener("input", update);
    input.addEventListener("focus", update);
    input.addEventListener("keydown", function (e) {
      var n = options().length;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (panel.hidden) { if (input.value.trim()) update(); return; }
        if (!n) return;
        var down = e.key === "ArrowDown";
        setActive(active < 0 ? (down ? 0 : n - 1) : (active + (down ? 1 : n - 1)) % n);
      } else if (e.key === "Enter" && openActive()) {
        e.preventDefault();
      } else if (e.key === "Escape") {
        if (!panel.hidden) { e.preventDefault(); seq++; show(false); }
        else if (input.value) { e.preventDefault(); input.value = ""; live.textContent = ""; }
      }
    });
    // openActive goes to the active option's page, if any; Enter without
    // one submits the form (the search page).
    function openActive() {
      var opt = !panel.hidden && active >= 0 && options()[active];
      var a = opt && opt.querySelector(".search-hit-title");
      if (a) location.href = a.href;
      return !!a;
    }
    form.addEventListener("submit", function (e) {
      if (openActive()) e.preventDefault();
    });
    panel.addEventListener("click", function (e) {
      var li = e.target.closest && e.target.closest("[role=option]");
      var a = li && li.querySelector(".search-hit-title");
      if (a && !e.target.closest("a")) location.href = a.href;
    });
    document.addEventListener("click", function (e) {
      if (!form.contains(e.target)) show(false);
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
    var filters = page.querySelector(".search-filters");
    var filterCount = page.querySelector(".search-filters-count");
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

    // withFacets: the filter panel's data is wanted: the panel is open
    // (or the theme shows the facets without one).
    function withFacets() { return !filters || filters.open; }

    function renderFacets(res) {
      facetsBox.textContent = "";
      var chosen = 0;
      Object.keys(state.filters).forEach(function (k) { chosen += state.filters[k].length; });
      if (filterCount) filterCount.textContent = chosen ? "(" + chosen + ")" : "";
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
      // the status is a polite live region: busy while searching, so a
      // screen reader says the count, not "Đang tìm…" at every key
      status.setAttribute("aria-busy", "true");
      status.textContent = TEXT.loading;
      return search(state.q, state.filters, withFacets()).then(function (res) {
        if (my !== seq) return;
        result = res;
        shown = 0;
        list.textContent = "";
        renderFacets(res);
        var active = state.q.trim() || Object.keys(state.filters).length;
        var missing = missingNumbers(res);
        status.textContent = (missing ? missing + " " : "") + (active ? (res.total ? res.total + TEXT.count : TEXT.none) : "");
        status.removeAttribute("aria-busy");
        more.hidden = true;
        if (res.total) return showMore();
      }).catch(function () {
        if (my !== seq) return;
        status.textContent = TEXT.failed;
        status.removeAttribute("aria-busy");
      });
    }

    input.addEventListener("input", debounce(run, 120));
    page.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      run();
    });
    more.addEventListener("click", showMore);
    if (filters) {
      // Closed until the reader opens it, so that a query loads no facet
      // data (search/facets.js) the reader did not ask for; open beside
      // the results on a wide screen when the address carries a filter.
      var narrow = window.matchMedia && window.matchMedia("(max-width: 48rem)").matches;
      filters.open = !narrow && Object.keys(state.filters).some(function (k) { return k !== "dau"; });
      filters.addEventListener("toggle", function () {
        if (!filters.open || facetsBox.firstChild) return;
        // opened: count the facets of the results shown (the query's
        // shards are loaded already), the results left as they are
        var my = seq;
        search(state.q, state.filters, true).then(function (res) {
          if (my === seq && filters.open) renderFacets(res);
        }).catch(function () { /* the results stay; the panel stays empty */ });
      });
    }
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
