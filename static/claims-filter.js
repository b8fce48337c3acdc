// Claims filter: on the claims page, selects for verdict, speaker and
// source hide the claims that do not match and say how many are shown.
// Without the script the page lists the claims grouped by verdict, by
// speaker and by source, so nothing here is needed to find them.
(function () {
  "use strict";
  var form = document.querySelector("form.claims-filter");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("#by-verdict li.claim-row"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("#by-verdict .claim-group"));
  var status = form.querySelector(".claims-count");
  var folds = document.querySelectorAll(".claims-by");

  function fill(template, a, b) {
    return template.replace("%d", String(a)).replace("%d", String(b));
  }

  function apply() {
    var verdict = form.elements.verdict.value;
    var speaker = form.elements.speaker.value;
    var source = form.elements.source.value;
    var shown = 0;
    rows.forEach(function (li) {
      var ok = (!verdict || li.dataset.verdict === verdict) &&
        (!speaker || li.dataset.speaker === speaker) &&
        (!source || (" " + li.dataset.sources + " ").indexOf(" " + source + " ") >= 0);
      li.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector("li.claim-row:not([hidden])");
    });
    var filtering = verdict || speaker || source;
    status.textContent = filtering ? fill(form.dataset.shown, shown, rows.length) : fill(form.dataset.all, rows.length);
    // The lists by speaker and by source say what the filter does; while
    // it narrows the list they would only repeat claims it hides.
    Array.prototype.forEach.call(folds, function (s) { s.hidden = !!filtering; });
    var params = new URLSearchParams();
    if (verdict) params.set("verdict", verdict);
    if (speaker) params.set("speaker", speaker);
    if (source) params.set("source", source);
    var q = params.toString();
    history.replaceState(null, "", q ? "?" + q + location.hash : location.pathname + location.hash);
  }

  // A link may come with a filter: ?verdict=false&speaker=donald-trump.
  var given = new URLSearchParams(location.search);
  ["verdict", "speaker", "source"].forEach(function (name) {
    var v = given.get(name), sel = form.elements[name];
    if (v && sel.querySelector('option[value="' + CSS.escape(v) + '"]')) sel.value = v;
  });
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();
