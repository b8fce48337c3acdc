// search.js: the search box. The form is hidden in the page and shown by
// this script, as search needs a script. The index (search-index.js) and
// the library (MiniSearch) are loaded when the reader first turns to the
// box, not with every page.
(function () {
  "use strict";

  // Tokens: words, and numbers as one token however they are written:
  // "300,000", "300 000" (with any space: thin, narrow, no-break) and
  // "300000" are all "300000"; "1.5" stays "1.5". The index and the query
  // go through the same function, so they always agree.
  // One number uses one separator throughout, so that "300,000 300 000"
  // is two numbers.
  var TOKEN = /\d{1,3}([,\u00a0\u2007\u2009\u202f ])\d{3}(?:\1\d{3})*(?:\.\d+)?(?!\d)|\d+(?:\.\d+)*|[\p{L}\p{M}\p{N}]+/gu;
  var GROUP = /[,\u00a0\u2007\u2009\u202f ]/g;
  var MARKS = /\p{M}/gu;

  // term is a token as the index holds it: without digit group
  // separators, in lower case, without accents ("México" finds "Mexico").
  function term(token) {
    return token.replace(GROUP, "").toLowerCase().normalize("NFD").replace(MARKS, "");
  }

  // tokens returns the tokens of text with where they are in it.
  function tokens(text) {
    var out = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      out.push({ term: term(m[0]), start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  function tokenize(text) {
    return tokens(text || "").map(function (t) { return t.term; });
  }

  // The tokenizer, for the tests; the rest stays inside.
  window.DossierSearch = { tokenize: tokenize };

  var me = document.currentScript;
  var form = document.querySelector("form.search");
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  var status = form && form.querySelector(".search-status");
  if (!me || !form || !input || !list || !status) return;
  var root = me.dataset.root || "";
  form.hidden = false;

  // The words are the template's: data-kind-KIND names a result's kind,
  // data-none says that nothing was found (%s: the query), data-found how
  // many were (%d), data-loading and data-failed what the index is doing.
  function said(name) { return form.getAttribute("data-" + name) || ""; }

  // Loading: both scripts at once, on the first focus or input.
  var index = null, loading = false, failed = false;
  function load() {
    if (loading) return;
    loading = true;
    var pending = 2;
    function done() {
      if (--pending > 0) return;
      if (!window.MiniSearch || !window.DOSSIER_SEARCH) { fail(); return; }
      index = new window.MiniSearch({
        fields: ["title", "text", "verdict"],
        storeFields: ["title", "text", "verdict", "kind", "url"],
        tokenize: tokenize,
        processTerm: function (t) { return t || null; },
        searchOptions: {
          boost: { title: 3 },
          // Only the word being typed is a prefix; numbers are never
          // prefixes nor fuzzy (3000 is neither 300000 nor 30000), nor
          // are short words fuzzy.
          prefix: function (t, i, all) { return i === all.length - 1 && !/\d/.test(t); },
          fuzzy: function (t) { return /\d/.test(t) || t.length < 4 ? false : 0.2; },
          // What the editors wrote about the evidence comes before the
          // evidence, all else equal.
          boostDocument: function (id, t, doc) { return doc && doc.kind === "claim" ? 1.3 : 1; }
        }
      });
      index.addAll(window.DOSSIER_SEARCH);
      update();
    }
    function fail() {
      if (failed) return;
      failed = true;
      say(said("failed"), true);
    }
    add(me.dataset.minisearch, me.dataset.minisearchIntegrity);
    add(me.dataset.index, "");
    function add(src, integrity) {
      var s = document.createElement("script");
      s.src = src;
      if (integrity) s.integrity = integrity;
      s.onload = done;
      s.onerror = fail;
      document.head.appendChild(s);
    }
  }
  input.addEventListener("focus", load);

  // The overlay.
  var results = [], active = -1, query = "";
  function say(text, shown) {
    status.textContent = text;
    status.classList.toggle("shown", !!shown && !!text);
  }
  function open(yes) {
    list.hidden = !yes;
    input.setAttribute("aria-expanded", yes ? "true" : "false");
    if (!yes) select(-1);
  }
  function close() {
    open(false);
    say("", false);
  }
  function select(i) {
    var options = list.querySelectorAll("[role=option]");
    if (active >= 0 && options[active]) {
      options[active].setAttribute("aria-selected", "false");
    }
    active = i;
    if (i >= 0 && options[i]) {
      options[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  // search runs the query: all its words first; when no document has
  // them all, any of them.
  function search(q) {
    var found = index.search(q, { combineWith: "AND" });
    if (!found.length) found = index.search(q);
    return found.slice(0, 12);
  }

  function update() {
    var q = input.value.trim();
    if (q === query && !list.hidden) return;
    query = q;
    list.textContent = "";
    results = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!tokenize(q).length) { close(); return; }
    if (failed) { open(false); say(said("failed"), true); return; }
    if (!index) { open(false); say(said("loading"), true); load(); return; }
    results = search(q);
    if (!results.length) {
      open(false);
      say(said("none").replace("%s", q), true);
      return;
    }
    results.forEach(function (r, i) { list.appendChild(option(r, i)); });
    open(true);
    say(results.length === 1 ? said("found-one") : said("found").replace("%d", results.length), false);
  }

  // option is a result as the listbox shows it: its kind, its title, the
  // words around the first match with the matches marked, and a claim's
  // verdict. Everything is text nodes: nothing of the query or the index
  // is parsed as HTML.
  function option(r, i) {
    var li = document.createElement("li");
    li.setAttribute("role", "none");
    var a = document.createElement("a");
    a.id = "search-option-" + i;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    a.href = root + r.url;
    a.className = "result result-" + r.kind;
    var matched = {};
    r.terms.forEach(function (t) { matched[t] = true; });
    var head = document.createElement("span");
    head.className = "head";
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = said("kind-" + r.kind) || r.kind;
    head.appendChild(kind);
    if (r.verdict) {
      var v = document.createElement("span");
      v.className = "verdict";
      v.textContent = r.verdict;
      head.appendChild(v);
    }
    a.appendChild(head);
    var title = document.createElement("span");
    title.className = "title";
    marked(title, r.title, matched);
    a.appendChild(title);
    if (r.text) {
      var snip = document.createElement("span");
      snip.className = "snippet";
      snippet(snip, r.text, matched);
      a.appendChild(snip);
    }
    li.appendChild(a);
    return li;
  }

  // marked appends text to el with the tokens whose terms are in matched
  // in <mark>.
  function marked(el, text, matched) {
    var at = 0;
    tokens(text).forEach(function (t) {
      if (!matched[t.term]) return;
      if (t.start > at) el.appendChild(document.createTextNode(text.slice(at, t.start)));
      var m = document.createElement("mark");
      m.textContent = text.slice(t.start, t.end);
      el.appendChild(m);
      at = t.end;
    });
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  }

  // snippet appends about 160 characters of text around its first match,
  // cut at spaces, with an ellipsis where it is cut.
  var BEFORE = 50, LENGTH = 160;
  function snippet(el, text, matched) {
    var first = tokens(text).find(function (t) { return matched[t.term]; });
    var start = 0, end = text.length;
    if (first && first.start > BEFORE) {
      start = text.indexOf(" ", first.start - BEFORE) + 1;
      if (start <= 0 || start > first.start) start = first.start;
    }
    if (end - start > LENGTH) {
      end = text.lastIndexOf(" ", start + LENGTH);
      if (end <= start || (first && end < first.end)) end = Math.max(start + LENGTH, first ? first.end : 0);
    }
    marked(el, (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : ""), matched);
  }

  input.addEventListener("input", function () { load(); update(); });
  input.addEventListener("focus", function () {
    if (results.length && input.value.trim() === query) open(true);
  });
  input.addEventListener("keydown", function (e) {
    var n = results.length;
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp":
        if (!n) return;
        e.preventDefault();
        if (list.hidden) { open(true); }
        if (e.key === "ArrowDown") select(active < n - 1 ? active + 1 : 0);
        else select(active > 0 ? active - 1 : n - 1);
        break;
      case "Enter":
        e.preventDefault();
        var options = list.querySelectorAll("[role=option]");
        var go = options[active >= 0 ? active : 0];
        if (go && !list.hidden) location.href = go.href;
        break;
      case "Escape":
        // The first Escape closes the results; with none open, the box's
        // own Escape clears it.
        if (!list.hidden || status.classList.contains("shown")) {
          e.preventDefault();
          close();
        }
        break;
    }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  // A press on a result must not take the focus from the box before the
  // click opens the result.
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
  // Closed when the reader goes elsewhere.
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target)) close();
  });
  form.addEventListener("focusout", function (e) {
    if (!e.relatedTarget || !form.contains(e.relatedTarget)) close();
  });
})();
