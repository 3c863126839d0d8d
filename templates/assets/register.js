/*
 * tusach register: filter and sort the document register (so-van-ban/).
 *
 * Each page of the register is complete without this script: fifty rows,
 * newest first, and links to the other pages. This script shows the
 * filter form and the sort buttons; when the reader uses them (or opens an
 * address that carries them: ?q=205&type=Luật&year=2015&status=in-force
 * &sort=number&dir=asc&p=2) it loads the register's data, the plain
 * scripts search/r/K.js (no fetch, so it works from file://), filters and
 * sorts every row and shows fifty a page, keeping the view in the address.
 * Words and numbers are folded as the search does (search.js's tokenize):
 * "21-kl/tw" finds "21-KL/TƯ", "chinh don" finds "chỉnh đốn". A row's
 * status is settled from today's date by status.js's rules when it is
 * loaded (window.tusachStatus), else the status known at build time.
 * Everything from the data is put in the page with textContent.
 */
(function () {
  "use strict";
  var form = document.querySelector("form.register-filter");
  var table = document.querySelector("table[data-register]");
  var S = window.tusachSearch;
  if (!form || !table || !S || !S.lib) return;

  var PAGE = 50;
  var FILTERS = ["q", "type", "issuer", "year", "status", "field"];
  var DEFAULT_DIR = { date: "descending", number: "ascending", title: "ascending" };
  var L = function (k) { return form.getAttribute("data-l-" + k) || ""; };
  var root = new URL(form.getAttribute("data-root") || "./", location.href).href;
  var lang = document.documentElement.lang || "vi";
  var coll = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  var body = table.tBodies[0];
  var staticRows = Array.prototype.slice.call(body.rows);
  var pager = document.querySelector(".register-pager");
  var range = document.querySelector(".register-range");
  var count = form.querySelector(".register-count");
  var heads = table.querySelectorAll("th[data-sort]");
  var state = readState();
  var rows = null, loading = null, seq = 0;

  // ---- The address ---------------------------------------------------------

  function readState() {
    var p = new URLSearchParams(location.search), st = {};
    FILTERS.forEach(function (k) { st[k] = (p.get(k) || "").trim(); });
    st.sort = DEFAULT_DIR[p.get("sort")] ? p.get("sort") : "date";
    st.dir = p.get("dir") === "asc" ? "ascending" : p.get("dir") === "desc" ? "descending" : DEFAULT_DIR[st.sort];
    st.p = Math.max(1, parseInt(p.get("p"), 10) || 1);
    return st;
  }

  // query returns the address's query string for a state ("" for the
  // register's own order unfiltered, page 1).
  function query(st, page) {
    var p = new URLSearchParams();
    FILTERS.forEach(function (k) { if (st[k]) p.set(k, st[k]); });
    if (st.sort !== "date" || st.dir !== DEFAULT_DIR.date) {
      p.set("sort", st.sort);
      p.set("dir", st.dir === "ascending" ? "asc" : "desc");
    }
    if (page > 1) p.set("p", String(page));
    var s = p.toString();
    return s ? "?" + s : "";
  }

  function active(st) {
    return FILTERS.some(function (k) { return st[k]; }) || st.sort !== "date" || st.dir !== DEFAULT_DIR.date;
  }

  function writeState() {
    try {
      history.replaceState(null, "", location.pathname + query(state, state.p) + location.hash);
    } catch (e) { /* some browsers refuse for file: URLs; the view still shows */ }
  }

  // ---- Data ------------------------------------------------------------------

  // loadRows loads every shard of the register's data once: shard 0 says
  // how many there are.
  function loadRows() {
    if (loading) return loading;
    loading = S.lib.load("r/0").then(function (first) {
      if (!first) throw new Error("register data not found");
      var names = [];
      for (var k = 1; k * first.s < first.n; k++) names.push("r/" + k);
      return Promise.all(names.map(S.lib.load)).then(function (rest) {
        var all = [];
        [first].concat(rest).forEach(function (sh) {
          if (!sh) throw new Error("register data incomplete");
          sh.r.forEach(function (r) { all.push(row(r, all.length)); });
        });
        rows = all;
        return all;
      });
    });
    return loading;
  }

  function row(r, order) {
    return {
      order: order, id: r[0], url: r[1], number: r[2], title: r[3], type: r[4], issuer: r[5],
      date: r[6], field: r[7], status: r[8], effective: r[9], expires: r[10], words: null
    };
  }

  // words returns the folded words of a row's number and title, each
  // after a space ("digits" without their leading zeros), for prefix tests.
  function words(text) {
    return " " + S.tokenize(text).map(function (t) { return digitsFold(t.fold); }).join(" ");
  }
  function digitsFold(f) { return /^[0-9]+$/.test(f) ? f.replace(/^0+(?=[0-9])/, "") : f; }

  // statusOf is a row's status today: status.js's rules when loaded, else
  // the status known at build time.
  function statusOf(r) {
    var T = window.tusachStatus;
    return typeof T === "function" ? T(r.status, r.effective, r.expires) : r.status;
  }

  // ---- Filter and sort -------------------------------------------------------

  function matches(st) {
    var want = st.q ? S.tokenize(st.q).map(function (t) { return " " + digitsFold(t.fold); }) : [];
    return rows.filter(function (r) {
      if (st.type && r.type !== st.type) return false;
      if (st.issuer && r.issuer !== st.issuer) return false;
      if (st.field && r.field !== st.field) return false;
      if (st.year && r.date.slice(0, 4) !== st.year) return false;
      if (st.status && statusOf(r) !== st.status) return false;
      if (want.length) {
        if (r.words === null) r.words = words(r.number + " " + r.title);
        for (var i = 0; i < want.length; i++) if (r.words.indexOf(want[i]) < 0) return false;
      }
      return true;
    });
  }

  // The site's natural order (generator/viet/collate.go): numbers as
  // numbers, and what comes before the first letter or digit ignored.
  var LEAD = /^[^\p{L}\p{N}]+(?=[\p{L}\p{N}])/u;
  function trimLead(s) { return s.replace(LEAD, ""); }

  function sortRows(list, st) {
    var sign = st.dir === "ascending" ? 1 : -1, key = st.sort;
    return list.sort(function (a, b) {
      var x = a[key] || "", y = b[key] || "";
      if (!x !== !y) return x ? -1 : 1; // empty values last either way
      var c = key === "date" ? (x < y ? -1 : x > y ? 1 : 0) : coll.compare(trimLead(x), trimLead(y)) || coll.compare(x, y);
      return c * sign || a.order - b.order;
    });
  }

  // ---- Showing -----------------------------------------------------------------

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function shortDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? +m[3] + "/" + +m[2] + "/" + m[1] : "";
  }

  function rowElement(r) {
    var tr = el("tr");
    tr.appendChild(el("td", "col-number doc-number", r.number));
    var td = el("td", "col-title"), a = el("a", "doc-title", r.title);
    a.href = root + r.url;
    td.appendChild(a);
    tr.appendChild(td);
    tr.appendChild(el("td", "col-type", r.type));
    tr.appendChild(el("td", "col-issuer", r.issuer));
    var dt = el("td", "col-date");
    if (r.date) {
      var t = el("time", null, shortDate(r.date));
      t.setAttribute("datetime", r.date);
      dt.appendChild(t);
    }
    tr.appendChild(dt);
    var stc = el("td", "col-status"), code = statusOf(r);
    if (code || r.effective || r.expires) {
      var sp = el("span", "doc-status status" + (code ? " status-" + code : ""), code ? statusLabel(code) : "");
      sp.setAttribute("data-status", r.status || "");
      sp.setAttribute("data-effective", r.effective || "");
      sp.setAttribute("data-expires", r.expires || "");
      sp.setAttribute("data-current", code || "");
      stc.appendChild(sp);
    }
    tr.appendChild(stc);
    return tr;
  }

  // statusLabel is the label status.js gives a code (the body's
  // data-status-<code>).
  function statusLabel(code) {
    return document.body.getAttribute("data-status-" + code) || code;
  }

  function pageLink(st, n, text, current) {
    var a = el("a", null, text);
    a.href = location.pathname + query(st, n);
    if (current) a.setAttribute("aria-current", "page");
    a.addEventListener("click", function (e) {
      e.preventDefault();
      state.p = n;
      show();
      table.scrollIntoView({ block: "start" });
    });
    return a;
  }

  // renderPager replaces the static pager with one over the filtered rows.
  function renderPager(st, pages) {
    if (!pager) {
      pager = el("nav", "list-pager register-pager");
      pager.setAttribute("aria-label", L("pages"));
      table.insertAdjacentElement("afterend", pager);
    }
    pager.textContent = "";
    pager.hidden = pages <= 1;
    if (pages <= 1) return;
    if (st.p > 1) pager.appendChild(pageLink(st, st.p - 1, "← " + L("prev"))).className = "pager-prev";
    var ol = el("ol"), last = 0;
    for (var i = 1; i <= pages; i++) {
      if (i !== 1 && i !== pages && Math.abs(i - st.p) > 2) continue;
      if (last && i > last + 1) ol.appendChild(el("li", "gap", "…"));
      var li = el("li");
      li.appendChild(pageLink(st, i, String(i), i === st.p));
      ol.appendChild(li);
      last = i;
    }
    pager.appendChild(ol);
    if (st.p < pages) pager.appendChild(pageLink(st, st.p + 1, L("next") + " →")).className = "pager-next";
  }

  function setSortHeads(st) {
    Array.prototype.forEach.call(heads, function (th) {
      if (th.getAttribute("data-sort") === st.sort) th.setAttribute("aria-sort", st.dir);
      else th.removeAttribute("aria-sort");
    });
  }

  function busy(on) {
    table.setAttribute("aria-busy", on ? "true" : "false");
    table.classList.toggle("is-busy", on);
    form.classList.toggle("is-busy", on);
  }

  // show renders the current state: the static page when it is the
  // register's own order unfiltered, else the rows that pass, sorted.
  function show() {
    var my = ++seq, st = state;
    writeState();
    setSortHeads(st);
    if (!active(st) && !rows) { restoreStatic(); return Promise.resolve(); }
    busy(true);
    if (!rows) count.textContent = L("loading");
    return loadRows().then(function () {
      // let the busy state paint before a long sort
      return new Promise(function (r) { setTimeout(r, 0); });
    }).then(function () {
      if (my !== seq) return;
      if (!active(st)) { restoreStatic(); busy(false); return; }
      var list = sortRows(matches(st), st);
      var pages = Math.max(1, Math.ceil(list.length / PAGE));
      if (st.p > pages) st.p = pages;
      var frag = document.createDocumentFragment();
      list.slice((st.p - 1) * PAGE, st.p * PAGE).forEach(function (r) { frag.appendChild(rowElement(r)); });
      body.textContent = "";
      body.appendChild(frag);
      count.textContent = list.length ? L("count").replace("{shown}", list.length).replace("{total}", rows.length) +
        (pages > 1 ? " · " + L("page").replace("{page}", st.p).replace("{pages}", pages) : "") : L("none");
      if (range) range.hidden = true;
      renderPager(st, pages);
      writeState();
      busy(false);
      document.dispatchEvent(new Event("tusach:rows")); // study.js marks the rows read
    }).catch(function () {
      if (my !== seq) return;
      busy(false);
      count.textContent = L("failed");
    });
  }

  var staticPager = pager ? pager.cloneNode(true) : null;
  function restoreStatic() {
    body.textContent = "";
    staticRows.forEach(function (r) { body.appendChild(r); });
    if (range) range.hidden = false;
    if (pager && staticPager) {
      var fresh = staticPager.cloneNode(true);
      pager.replaceWith(fresh);
      pager = fresh;
    }
    count.textContent = "";
    document.dispatchEvent(new Event("tusach:rows"));
  }

  // ---- Controls ----------------------------------------------------------------

  function setupSort() {
    Array.prototype.forEach.call(heads, function (th) {
      var btn = el("button", "sort-button");
      btn.type = "button";
      btn.title = table.getAttribute("data-l-sort") || "";
      while (th.firstChild) btn.appendChild(th.firstChild);
      th.appendChild(btn);
      btn.addEventListener("click", function () {
        var key = th.getAttribute("data-sort");
        if (state.sort === key) state.dir = state.dir === "ascending" ? "descending" : "ascending";
        else { state.sort = key; state.dir = DEFAULT_DIR[key]; }
        state.p = 1;
        show();
      });
    });
  }

  function setupForm() {
    FILTERS.forEach(function (k) {
      var c = form.elements[k];
      if (!c) return;
      c.value = state[k];
      if (c.tagName === "SELECT" && c.value !== state[k]) {
        c.add(new Option(state[k], state[k])); // a value the lists lack still shows
        c.value = state[k];
      }
      var t = 0;
      c.addEventListener(c.tagName === "SELECT" ? "change" : "input", function () {
        clearTimeout(t);
        t = setTimeout(function () {
          state[k] = c.value.trim();
          state.p = 1;
          show();
        }, c.tagName === "SELECT" ? 0 : 150);
      });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        FILTERS.forEach(function (k) { state[k] = ""; });
        state.p = 1;
        show();
      }, 0);
    });
    form.hidden = false;
  }

  setupSort();
  setupForm();
  window.addEventListener("popstate", function () { state = readState(); show(); });
  if (active(state)) show(); else setSortHeads(state);
})();
