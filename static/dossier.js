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
})();
