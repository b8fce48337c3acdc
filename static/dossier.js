// dossier.js: the reader's conveniences. Everything works without it:
// notes open through links and :target, and only search needs a script.
(function () {
  "use strict";
  var me = document.currentScript;
  var root = (me && me.dataset.root) || "";

  // Notes on passages. Wide screens show every note in the margin; the
  // script lights up the note of the passage under the pointer or focus.
  // Narrow screens hide notes until asked: focusing or tapping a passage
  // opens its note under it, like a popover.
  var wide = window.matchMedia("(min-width: 1100px)");
  function noteOf(el) {
    var mark = el.closest && el.closest("mark.hl[data-q]");
    return mark ? document.getElementById("note-" + mark.dataset.q) : null;
  }
  var active = null;
  function show(note, open) {
    if (active && active !== note) active.classList.remove("active", "open");
    active = note;
    if (!note) return;
    note.classList.add("active");
    if (open && !wide.matches) note.classList.add("open");
  }
  document.addEventListener("mouseover", function (e) { var n = noteOf(e.target); if (n) show(n, false); });
  document.addEventListener("focusin", function (e) {
    var n = noteOf(e.target);
    if (n) show(n, true);
    else if (active && !active.contains(e.target)) show(null);
  });
  document.addEventListener("click", function (e) {
    var n = noteOf(e.target);
    if (n) { show(n, true); return; }
    if (active && !active.contains(e.target) && !wide.matches) { active.classList.remove("open"); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && active) { active.classList.remove("open"); }
  });

  // Search: MiniSearch over the index the build wrote as a script.
  var form = document.querySelector("form.search");
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  if (!form || !input || !list || !window.MiniSearch || !window.DOSSIER_SEARCH) return;
  var index = new window.MiniSearch({
    fields: ["title", "text"],
    storeFields: ["title", "kind", "url"],
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 3 } }
  });
  index.addAll(window.DOSSIER_SEARCH);
  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  // The words are the template's: data-kind-KIND names a result's kind,
  // and data-none says that nothing was found, %s standing for the query.
  function said(name) { return form.getAttribute("data-" + name) || ""; }
  input.addEventListener("input", function () {
    var q = input.value.trim();
    list.textContent = "";
    if (q.length < 2) return;
    var results = index.search(q).slice(0, 12);
    if (!results.length) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = said("none").replace("%s", q);
      list.appendChild(none);
      return;
    }
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + r.url;
      a.textContent = r.title;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = said("kind-" + r.kind) || r.kind;
      li.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
  });
})();
