/* tusach study features: reading progress, bookmarks, resume,
   self-check questions and the print button (the register's filter and
   sort are register.js). Everything is kept
   in this browser's localStorage (which works from file:// too) and nothing
   leaves the reader's machine. No modules, no dependencies; the site is
   complete without this script. */
(function () {
  "use strict";
  var menu = document.querySelector(".study-menu[data-study]");
  if (!menu) return;
  var L = function (k) { return menu.getAttribute("data-l-" + k) || ""; };
  var rootHref = new URL(menu.getAttribute("data-root") || "./", location.href).href;
  var here = menu.getAttribute("data-page") || "";
  var STORE = "tusach-study:" + rootHref; // one site per folder or sub-path
  var memory = null; // used when localStorage is off: lasts this page only

  function load() {
    var raw = memory;
    if (raw === null) {
      try { raw = localStorage.getItem(STORE); } catch (e) { memory = raw = ""; }
    }
    var d = null;
    try { d = raw ? JSON.parse(raw) : null; } catch (e) { d = null; }
    if (!d || typeof d !== "object") d = {};
    d.read = d.read && typeof d.read === "object" ? d.read : {};
    d.pos = d.pos && typeof d.pos === "object" ? d.pos : {};
    d.saved = Array.isArray(d.saved) ? d.saved : [];
    d.checks = d.checks && typeof d.checks === "object" ? d.checks : {};
    return d;
  }
  function save(d) {
    var raw = JSON.stringify(d);
    if (memory !== null) { memory = raw; return; }
    try { localStorage.setItem(STORE, raw); } catch (e) { memory = raw; }
  }
  function update(f) { var d = load(); f(d); save(d); refresh(); }

  // keyOf turns an href on this page into the site-root-relative URL used as key.
  function keyOf(href) {
    var u;
    try { u = new URL(href, location.href); } catch (e) { return ""; }
    u.hash = ""; u.search = "";
    var s = u.href;
    if (s.indexOf(rootHref) !== 0) return "";
    s = s.slice(rootHref.length);
    try { s = decodeURI(s); } catch (e) { /* keep as is */ }
    return s;
  }
  function hrefOf(key) { return menu.getAttribute("data-root") + key; }
  function isSaved(d, key) {
    for (var i = 0; i < d.saved.length; i++) if (d.saved[i].u === key) return i;
    return -1;
  }
  function pageTitle() {
    var h = document.querySelector("main h1");
    return (h ? h.textContent : document.title).replace(/\s+/g, " ").trim();
  }

  // Read marks in every list of documents, and section progress.
  function markLists(d) {
    var links = document.querySelectorAll("main a.doc-title");
    for (var i = 0; i < links.length; i++) {
      var item = links[i].closest("li, tr") || links[i].parentNode;
      var read = !!d.read[keyOf(links[i].getAttribute("href"))];
      item.classList.toggle("is-read", read);
      var badge = item.querySelector(".read-mark");
      if (read && !badge) {
        badge = document.createElement("span");
        badge.className = "read-mark";
        badge.textContent = "✓ " + L("read");
        links[i].insertAdjacentElement("afterend", badge);
      } else if (!read && badge) {
        badge.remove();
      }
    }
    var progress = document.querySelectorAll("[data-progress]");
    for (var j = 0; j < progress.length; j++) {
      var scope = progress[j].closest("section") || progress[j].parentNode;
      var docs = scope.querySelectorAll("a.doc-title");
      var n = 0;
      for (var k = 0; k < docs.length; k++) if (d.read[keyOf(docs[k].getAttribute("href"))]) n++;
      progress[j].textContent = L("progress").replace("{read}", n).replace("{total}", docs.length);
      progress[j].classList.toggle("is-done", docs.length > 0 && n === docs.length);
      progress[j].hidden = docs.length === 0;
    }
  }

  function setupActions() {
    var box = document.querySelector(".study-actions");
    if (!box) return;
    box.hidden = false;
    box.querySelector(".study-read").addEventListener("click", function () {
      update(function (d) { if (d.read[here]) delete d.read[here]; else d.read[here] = Date.now(); });
    });
    box.querySelector(".study-save").addEventListener("click", function () {
      update(function (d) {
        var i = isSaved(d, here);
        if (i >= 0) d.saved.splice(i, 1); else d.saved.unshift({ u: here, t: pageTitle() });
      });
    });
    // Read by scrolling to the end of the text (or staying a while when it all fits).
    var end = document.querySelector("main .prose") || document.querySelector("main");
    function atEnd() { return end.getBoundingClientRect().bottom <= window.innerHeight + 40; }
    function markRead() {
      if (!load().read[here]) update(function (d) { d.read[here] = Date.now(); });
    }
    window.addEventListener("scroll", function () { if (atEnd()) markRead(); }, { passive: true });
    if (document.documentElement.scrollHeight <= window.innerHeight + 40) setTimeout(markRead, 10000);
  }

  function showActions(d) {
    var box = document.querySelector(".study-actions");
    if (!box) return;
    var read = !!d.read[here], saved = isSaved(d, here) >= 0;
    var rb = box.querySelector(".study-read"), sb = box.querySelector(".study-save");
    rb.setAttribute("aria-pressed", String(read));
    rb.textContent = read ? "✓ " + L("read") : L("unread");
    sb.setAttribute("aria-pressed", String(saved));
    sb.textContent = saved ? "★ " + L("saved") : "☆ " + L("save");
  }

  function showBookmarks(d) {
    var list = document.querySelector("[data-bookmarks]");
    if (!list) return;
    list.textContent = "";
    for (var i = 0; i < d.saved.length; i++) {
      var b = d.saved[i], li = document.createElement("li"), a = document.createElement("a");
      a.className = "doc-title";
      a.href = hrefOf(b.u);
      a.textContent = b.t || b.u;
      var rm = document.createElement("button");
      rm.type = "button";
      rm.className = "bookmark-remove";
      rm.textContent = L("remove");
      rm.setAttribute("data-key", b.u);
      rm.addEventListener("click", function () {
        var key = this.getAttribute("data-key");
        update(function (d) { var j = isSaved(d, key); if (j >= 0) d.saved.splice(j, 1); });
      });
      li.appendChild(a); li.appendChild(document.createTextNode(" ")); li.appendChild(rm);
      list.appendChild(li);
    }
    var empty = document.querySelector(".bookmarks-empty");
    if (empty) empty.hidden = d.saved.length > 0;
  }

  function setupMenu() {
    var clear = menu.querySelector(".study-clear");
    clear.hidden = false;
    clear.querySelector("button").addEventListener("click", function () {
      if (!window.confirm(L("confirm"))) return;
      if (memory !== null) memory = "";
      else try { localStorage.removeItem(STORE); } catch (e) { memory = ""; }
      refresh();
      this.textContent = L("cleared");
    });
  }

  function showResume(d) {
    var li = menu.querySelector(".study-resume");
    var last = d.last;
    li.hidden = !(last && last.u && last.u !== here);
    if (!li.hidden) {
      var a = li.querySelector("a");
      a.href = hrefOf(last.u);
      a.title = last.t || "";
    }
  }

  // Resume: keep the scroll position of document pages, restore it on return.
  function setupResume() {
    if (!document.querySelector(".study-actions")) return;
    var d = load();
    var y = d.pos[here];
    if (!location.hash && typeof y === "number" && y > 0) window.scrollTo({ top: y, behavior: "instant" });
    var timer = 0;
    function remember() {
      timer = 0;
      update(function (d) { d.pos[here] = Math.round(window.scrollY); d.last = { u: here, t: pageTitle() }; });
    }
    window.addEventListener("scroll", function () { if (!timer) timer = setTimeout(remember, 400); }, { passive: true });
    window.addEventListener("pagehide", remember);
    if (!d.last || d.last.u !== here) update(function (d) { d.last = { u: here, t: pageTitle() }; });
  }

  function refresh() {
    var d = load();
    markLists(d); showActions(d); showBookmarks(d); showResume(d);
  }

  // Self-assessment: the check boxes of task lists ("- [ ] …", rendered
  // disabled) become the reader's own, each label its item's text, and
  // their state is kept with the read marks (d.checks[page][i]).
  function setupChecklists() {
    var boxes = document.querySelectorAll("main .prose li > input[type=checkbox][disabled]");
    if (!boxes.length) return;
    var mine = load().checks[here] || {};
    Array.prototype.forEach.call(boxes, function (box, i) {
      var li = box.parentNode, label = document.createElement("label");
      label.className = "self-check";
      while (li.firstChild) label.appendChild(li.firstChild);
      li.appendChild(label);
      li.classList.add("self-check-item");
      box.disabled = false;
      if (typeof mine[i] === "boolean") box.checked = mine[i];
      box.addEventListener("change", function () {
        var on = box.checked;
        update(function (d) {
          var c = d.checks[here] = d.checks[here] || {};
          c[i] = on;
        });
      });
    });
  }

  // showScore writes, under a list of review questions, how many of its
  // multiple-choice questions the reader answered and how many first time
  // right.
  function showScore(ol) {
    var out = ol.nextElementSibling;
    if (!out || !out.classList.contains("quiz-score")) {
      out = document.createElement("p");
      out.className = "quiz-score";
      out.setAttribute("role", "status");
      ol.insertAdjacentElement("afterend", out);
    }
    var qs = ol.querySelectorAll("li.question"), total = 0, done = 0, right = 0;
    for (var i = 0; i < qs.length; i++) {
      if (!qs[i].querySelector("li.choice")) continue;
      total++;
      var first = qs[i].getAttribute("data-first");
      if (first) { done++; if (first === "right") right++; }
    }
    out.textContent = L("score").replace("{done}", done).replace("{total}", total).replace("{right}", right);
    out.hidden = total === 0;
  }

  // Multiple-choice questions: each choice becomes a button that says right
  // or wrong; the first choice made in a question counts for the score.
  function setupQuestions() {
    var lists = document.querySelectorAll("ol.questions");
    Array.prototype.forEach.call(lists, function (ol) {
      var right = ol.getAttribute("data-right") || "✓", wrong = ol.getAttribute("data-wrong") || "✗";
      showScore(ol);
      Array.prototype.forEach.call(ol.querySelectorAll("li.choice"), function (li) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.className = "choice-button";
        while (li.firstChild) btn.appendChild(li.firstChild);
        li.appendChild(btn);
        btn.addEventListener("click", function () {
          var ok = li.getAttribute("data-correct") === "true";
          li.classList.add(ok ? "is-right" : "is-wrong");
          var q = li.closest("li.question");
          if (q && !q.getAttribute("data-first")) {
            q.setAttribute("data-first", ok ? "right" : "wrong");
            showScore(ol);
          }
          if (!li.querySelector(".choice-verdict")) {
            var v = document.createElement("span");
            v.className = "choice-verdict";
            v.setAttribute("role", "status");
            v.textContent = ok ? "✓ " + right : "✗ " + wrong;
            li.appendChild(v);
          }
        });
      });
    });
  }

  function setupPrint() {
    var b = document.querySelector(".print-button");
    if (!b) return;
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  }

  function start() {
    setupMenu(); setupActions(); setupQuestions(); setupChecklists(); setupPrint();
    refresh();
    setupResume();
    // lists rendered by other scripts (the register's filter) get read marks
    document.addEventListener("tusach:rows", function () { markLists(load()); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
