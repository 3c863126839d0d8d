/* tusach document status: whether a document is in force depends on today,
   which the build never reads (two builds are byte-identical), so the
   reader's browser settles it here.

   Contract: any element with data-status="code" (the status known at build
   time: "in-force", "partly-expired", "expired", "not-yet" or "") and
   data-effective / data-expires ("YYYY-MM-DD" or "") gets the status of
   today as its text, the classes "status" and "status-<code>" (others kept), data-current="<code>",
   and is shown (hidden when no status can be told), with the enclosing
   [data-status-row] if any. Labels come from the
   body's data-status-<code> attributes (from templates/i18n), else
   Vietnamese. Without JavaScript the build-time status and the dates stay
   readable. window.tusachStatus(code, effective, expires) gives the code
   for other scripts (the register's status filter). */
(function () {
  "use strict";
  var FALLBACK = {
    "in-force": "Còn hiệu lực",
    "partly-expired": "Hết hiệu lực một phần",
    "expired": "Hết hiệu lực",
    "not-yet": "Chưa có hiệu lực"
  };

  // day turns "YYYY-MM-DD" into a comparable number, 0 when absent.
  function day(s) {
    return /^\d{4}-\d{2}-\d{2}$/.test(s || "") ? Number(s.replace(/-/g, "")) : 0;
  }

  // today is the reader's local date, as day() writes it.
  function today() {
    var d = new Date();
    return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
  }

  // settle returns the status of today. Dates are facts and win over a
  // stated status that they contradict: a document is expired from its
  // expiry date on, not yet in force before its effective date, and a
  // stated "expired" with an expiry still to come is in force until then.
  function settle(code, effective, expires, now) {
    var eff = day(effective), exp = day(expires);
    if (exp && now >= exp) return "expired";
    if (eff && now < eff) return "not-yet";
    if ((code === "expired" && exp) || (code === "not-yet" && eff)) code = "";
    if (code) return code;
    return eff || exp ? "in-force" : "";
  }

  function label(code) {
    var attr = document.body && document.body.getAttribute("data-status-" + code);
    return attr || FALLBACK[code] || "";
  }

  function apply(el, now) {
    var code = settle(el.getAttribute("data-status") || "", el.getAttribute("data-effective"),
      el.getAttribute("data-expires"), now);
    el.setAttribute("data-current", code);
    for (var c in FALLBACK) el.classList.remove("status-" + c);
    el.classList.add("status");
    if (code) el.classList.add("status-" + code);
    el.textContent = code ? label(code) : "";
    el.hidden = !code;
    var row = el.closest && el.closest("[data-status-row]");
    if (row) row.hidden = !code;
  }

  function start() {
    var now = today();
    var els = document.querySelectorAll("[data-status]");
    for (var i = 0; i < els.length; i++) apply(els[i], now);
  }

  window.tusachStatus = function (code, effective, expires) {
    return settle(code || "", effective, expires, today());
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
