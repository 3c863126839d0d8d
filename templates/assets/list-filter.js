/*
 * tusach list filter: the quick filter of a long list (a section, a term
 * or a taxonomy of more than one page, 100 items a page).
 *
 * Each page of the list is complete without this script. The script shows
 * the filter box (form.list-filter); when the reader types in it (or opens
 * an address that carries ?q=…), it loads the list's data once, the plain
 * script <list folder>/list.js (see generator/theme/listdata.go; a
 * <script> tag, no fetch, so it works from file://), and shows, in place
 * of this page's share, the items of every page of the list whose number
 * or title has each typed word at the start of one of its words, in the
 * list's order and with their places in it, a hundred at a time. Words are
 * folded as the search does (search.js's tokenize: "chinh don" finds
 * "chỉnh đốn", "05/2022" finds "05/2022/QH15"). Emptying the box (or
 * Escape) brings the page back; the words stay in the address (?q=) so
 * that a filtered view can be bookmarked or shared. Everything from the
 * data goes in the page with textContent. The register's filter
 * (register.js) matches words the same way; it keeps its own copy of these
 * few lines, as the register page has no room in its byte budget for this
 * file.
 */
(function () {
  "use strict";
  var S = window.tusachSearch;
  if (!S || !S.tokenize) return;

  // digitsFold drops a number's leading zeros, so that "5" finds "05".
  function digitsFold(f) { return /^[0-9]+$/.test(f) ? f.replace(/^0+(?=[0-9])/, "") : f; }

  // words returns the folded words of text, each after a space.
  function words(text) {
    return " " + S.tokenize(text).map(function (t) { return digitsFold(t.fold); }).join(" ");
  }

  // matcher returns the test of a query's words against a text's words
  // (made by words, which the caller may keep), or null when the query has
  // no word.
  function matcher(query) {
    var want = S.tokenize(query || "").map(function (t) { return " " + digitsFold(t.fold); });
    if (!want.length) return null;
    return function (folded) {
      for (var i = 0; i < want.length; i++) if (folded.indexOf(want[i]) < 0) return false;
      return true;
    };
  }
  var form = document.querySelector("form.list-filter");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var count = form.querySelector("output");
  var holder = form.parentNode;
  var list = holder.querySelector(":scope > ol.doc-list, :scope > ul.terms");
  if (!input || !count || !list) return;
  // what the results stand in for: this page's share, its pager and range
  var hideWhile = [list].concat(Array.prototype.slice.call(document.querySelectorAll("main .list-pager, main .list-range")));
  var L = function (k) { return form.getAttribute("data-l-" + k) || ""; };
  var root = form.getAttribute("data-root") || "";
  var PAGE = 100;
  var items = null, loading = null, seq = 0, timer = 0, pending = false;
  var shown = null, more = null, current = []; // the results' list, its "more" button, the matches

  // ---- Data ------------------------------------------------------------

  // load loads the list's data once; a failed load may be tried again.
  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      window.__tusachListData = function (d) { resolve(d); };
      s.src = form.getAttribute("data-src");
      s.onerror = function () { reject(new Error("list data not found")); };
      s.onload = function () { setTimeout(function () { reject(new Error("list data unreadable")); }, 0); };
      document.head.appendChild(s);
    }).then(function (d) {
      // an item: [folder, file, title, headline or -1, length of the
      // ending its title shares with the item's before]
      var prev = "";
      items = d.i.map(function (r, k) {
        var h = r.length > 3 && r[3] >= 0 ? d.h[r[3]] : null;
        var title = r[2] + (r[4] ? prev.slice(prev.length - r[4]) : "");
        prev = title;
        return { place: k + 1, url: root + d.f[r[0]] + r[1] + d.x, title: title, head: h ? h[0] : "", number: h ? h[1] : "", words: null };
      });
      return items;
    }, function (e) {
      loading = null;
      throw e;
    });
    return loading;
  }

  // ---- Showing ---------------------------------------------------------

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // itemElement is an item as the list shows it: the headline ("Luật số
  // 05/2022/QH15") and the title of a numbered document, else the title.
  function itemElement(it) {
    var li = el("li"), a = el("a", list.tagName === "OL" ? "doc-title" : null);
    a.href = it.url;
    if (it.number) {
      var head = el("span", "doc-headline", it.head + "\u00a0");
      head.appendChild(el("span", "doc-number", it.number));
      a.appendChild(head);
      a.appendChild(document.createTextNode(" "));
      a.appendChild(el("span", "doc-summary", it.title));
    } else {
      a.textContent = it.title;
    }
    li.appendChild(a);
    if (list.tagName === "OL") li.value = it.place;
    return li;
  }

  // showMore adds the next hundred matches to the results.
  function showMore(matches) {
    var at = shown.children.length, frag = document.createDocumentFragment();
    matches.slice(at, at + PAGE).forEach(function (it) { frag.appendChild(itemElement(it)); });
    shown.appendChild(frag);
    var left = matches.length - shown.children.length;
    more.hidden = left <= 0;
    more.textContent = L("more").replace("{n}", Math.min(left, PAGE));
    document.dispatchEvent(new Event("tusach:rows")); // study.js marks the documents read
  }

  function restore() {
    if (shown) shown.hidden = more.hidden = true;
    hideWhile.forEach(function (e) { e.hidden = false; });
    count.textContent = "";
  }

  // run shows the items that match the box's words, or the page itself
  // when it has none.
  function run() {
    var my = ++seq, q = input.value;
    pending = false;
    writeAddress(q.trim());
    var test = matcher(q);
    if (!test) { restore(); busy(false); return Promise.resolve(); }
    busy(true);
    if (!items) count.textContent = L("loading");
    return load().then(function () {
      if (my !== seq) return;
      var matches = items.filter(function (it) {
        if (it.words === null) it.words = words(it.head + " " + it.number + " " + it.title);
        return test(it.words);
      });
      if (!shown) {
        shown = el(list.tagName === "OL" ? "ol" : "ul", list.className + " list-filter-results");
        shown.id = form.id + "-results";
        more = el("button", "list-filter-more");
        more.type = "button";
        more.addEventListener("click", function () {
          var first = shown.children.length;
          showMore(current);
          var a = shown.children[first] && shown.children[first].querySelector("a");
          if (a) a.focus();
        });
        list.insertAdjacentElement("afterend", shown);
        shown.insertAdjacentElement("afterend", more);
      }
      current = matches;
      hideWhile.forEach(function (e) { e.hidden = true; });
      shown.textContent = "";
      shown.hidden = false;
      showMore(matches);
      count.textContent = matches.length ?
        L("count").replace("{shown}", matches.length).replace("{total}", items.length) : L("none");
      if (!pending) busy(false);
    }, function () {
      if (my !== seq) return;
      count.textContent = L("failed");
      if (!pending) busy(false);
    });
  }

  // busy tells, on the form, whether the results are behind the box:
  // true from a keystroke until its results show.
  function busy(on) { form.setAttribute("aria-busy", on ? "true" : "false"); }

  // ---- The address -------------------------------------------------------

  function writeAddress(q) {
    var p = new URLSearchParams(location.search);
    if (q) p.set("q", q); else p.delete("q");
    var s = p.toString();
    try {
      history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash);
    } catch (e) { /* some browsers refuse for file: URLs; the view still shows */ }
  }

  // ---- Controls ----------------------------------------------------------

  input.addEventListener("input", function () {
    pending = true;
    busy(true);
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && input.value) {
      e.preventDefault();
      input.value = "";
      clearTimeout(timer);
      run();
    } else if (e.key === "ArrowDown" && shown && !shown.hidden) {
      var a = shown.querySelector("a");
      if (a) { e.preventDefault(); a.focus(); }
    }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  form.hidden = false;
  var start = new URLSearchParams(location.search).get("q");
  if (start) {
    input.value = start;
    run();
  }
})();
