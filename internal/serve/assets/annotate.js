// The preview's annotation panel: select a passage of a source's text, then
// write a new claim quoting it, or add it to a claim. Served by `dossier
// serve` only, on source pages; it posts to /_dossier/claims, and the
// preview reloads with the new highlight once the server has rebuilt.
(function () {
  "use strict";
  var dataEl = document.getElementById("dossier-annotate-data");
  var root = document.querySelector(".source-text");
  if (!dataEl || !root) return;
  var data = JSON.parse(dataEl.textContent);
  var plain = data.plain;

  // Elements whose text is not the source's: notes and their numbers, and
  // anything the preview or the theme marks as interface. One list, so
  // that a change in how notes are drawn is one edit here.
  var SKIP = ".ref, .note, .sidenote, .sidenotes, [data-dossier-ui], script, style, template, pre";

  function isWS(c) {
    return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x85 || c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
  }

  // textMap lines up the page's text nodes with the plain text: for each
  // node, the UTF-16 index in plain of each of its characters (-1 for a
  // character plain does not have, such as white space the page adds
  // between blocks). A node whose text is not next in plain (a block the
  // plain text leaves out) is mapped to nothing.
  function textMap() {
    var out = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        var skip = n.parentElement && n.parentElement.closest(SKIP);
        return skip && root.contains(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var p = 0;
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      var s = n.data, m = new Int32Array(s.length).fill(-1), q = p, ok = true;
      for (var i = 0; i < s.length; i++) {
        var c = s.charCodeAt(i);
        if (isWS(c)) {
          if (q < plain.length && isWS(plain.charCodeAt(q))) m[i] = q++;
          continue;
        }
        while (q < plain.length && isWS(plain.charCodeAt(q))) q++;
        if (q < plain.length && plain.charCodeAt(q) === c) m[i] = q++;
        else { ok = false; break; }
      }
      if (ok) p = q; else m.fill(-1);
      out.push({ node: n, map: m });
    }
    return out;
  }

  // codePoints converts a UTF-16 index of plain to code points, the unit
  // of the API (and of dossier.json).
  function codePoints(i) {
    var n = 0;
    for (var k = 0; k < i; k++) {
      var c = plain.charCodeAt(k);
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < i) k++;
      n++;
    }
    return n;
  }

  // passage returns the passage of plain that a range of the page covers,
  // white space at either end left out, or null.
  function passage(range) {
    var first = -1, last = -1, map = textMap();
    for (var j = 0; j < map.length; j++) {
      var rec = map[j];
      if (!range.intersectsNode(rec.node)) continue;
      var from = rec.node === range.startContainer ? range.startOffset : 0;
      var to = rec.node === range.endContainer ? range.endOffset : rec.node.data.length;
      for (var i = from; i < to; i++) {
        var q = rec.map[i];
        if (q < 0 || isWS(plain.charCodeAt(q))) continue;
        if (first < 0) first = q;
        last = q;
      }
    }
    if (first < 0) return null;
    var end = last + 1;
    var c = plain.charCodeAt(last);
    if (c >= 0xd800 && c <= 0xdbff) end++;
    return { start: codePoints(first), end: codePoints(end), exact: plain.slice(first, end) };
  }

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") e.textContent = attrs[k];
      else if (k in e && typeof attrs[k] !== "string") e[k] = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (kids || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  // slugify proposes an id from a title: its Latin letters and digits,
  // at most 60 characters of whole words (of the first word, if it alone
  // is longer), else "claim" for a title in another script, so that the
  // field is never left empty for a title given.
  function slugify(s) {
    var words = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim().split(" ").filter(Boolean);
    var out = "";
    for (var i = 0; i < words.length && (out + words[i]).length <= 60; i++) out += (out ? "-" : "") + words[i];
    if (!out && words.length) out = words[0].slice(0, 60);
    return out || (s.trim() ? "claim" : "");
  }

  function uniqueID(id) {
    var taken = {};
    data.claims.forEach(function (c) { taken[c.id] = true; });
    if (!taken[id]) return id;
    for (var n = 2; ; n++) if (!taken[id + "-" + n]) return id + "-" + n;
  }

  // The toolbar shown by a selection, and the panel.
  var bar = el("div", { id: "dossier-annotate-bar", "data-dossier-ui": "", hidden: true, role: "toolbar", "aria-label": "Annotate the selection" }, [
    el("button", { type: "button", "data-mode": "new", text: "New claim" }),
    el("button", { type: "button", "data-mode": "add", text: "Add to claim…" })
  ]);
  document.body.appendChild(bar);

  var sel = null; // the passage the panel is for: {start, end, exact, range}
  var panel = null;
  var highlight = null; // the pending passage, shown while the panel is open

  function currentPassage() {
    var s = window.getSelection();
    if (!s || s.rangeCount === 0 || s.isCollapsed) return null;
    var r = s.getRangeAt(0);
    if (!root.contains(r.commonAncestorContainer) && !r.intersectsNode(root)) return null;
    var p = passage(r);
    if (p) p.range = r.cloneRange();
    return p;
  }

  function showBar() {
    var p = currentPassage();
    if (!p || (panel && panel.contains(document.activeElement))) { if (!p) bar.hidden = true; return; }
    var rect = p.range.getBoundingClientRect();
    bar.hidden = false;
    var w = bar.offsetWidth;
    var x = Math.max(8, Math.min(window.innerWidth - w - 8, rect.left + rect.width / 2 - w / 2));
    bar.style.left = (x + window.scrollX) + "px";
    bar.style.top = (rect.bottom + window.scrollY + 8) + "px";
    bar.passage = p;
  }
  document.addEventListener("mouseup", function (e) { if (!bar.contains(e.target)) setTimeout(showBar, 0); });
  document.addEventListener("keyup", function (e) { if (e.shiftKey || e.key === "Shift") showBar(); });
  // A selection made by touch (a long press, then the handles) ends with
  // no mouseup: show the toolbar once the selection rests.
  var resting = 0;
  document.addEventListener("selectionchange", function () {
    var s = window.getSelection();
    clearTimeout(resting);
    if (!s || s.isCollapsed) { bar.hidden = true; return; }
    resting = setTimeout(showBar, 400);
  });
  bar.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep the selection
  bar.addEventListener("click", function (e) {
    var b = e.target.closest("button");
    if (b && bar.passage) open(bar.passage, b.getAttribute("data-mode"));
  });

  function field(label, input, name, hint) {
    input.id = input.id || "dossier-f-" + name.replace(/\./g, "-");
    input.setAttribute("data-field", name);
    return el("div", { class: "da-field", "data-for": name }, [
      el("label", { for: input.id, text: label }), input,
      hint ? el("small", { class: "da-hint", text: hint }) : null,
      el("small", { class: "da-error", id: input.id + "-error", hidden: true })
    ]);
  }

  function datalist(id, items) {
    return el("datalist", { id: id }, items.map(function (it) { return el("option", { value: it.id || it.key, label: it.label }); }));
  }

  var returnFocus = null;
  function open(p, mode) {
    close();
    returnFocus = document.activeElement;
    sel = p;
    bar.hidden = true;
    if (window.CSS && CSS.highlights && window.Highlight) {
      highlight = new Highlight(p.range);
      CSS.highlights.set("dossier-pending", highlight);
    }
    var title = el("textarea", { rows: 2, required: true });
    var id = el("input", { type: "text", spellcheck: false, autocomplete: "off", pattern: "[a-z0-9]+(-[a-z0-9]+)*" });
    var idTouched = false;
    id.addEventListener("input", function () { idTouched = true; });
    title.addEventListener("input", function () { if (!idTouched) id.value = uniqueID(slugify(title.value)); });
    var verdict = el("select", {}, [el("option", { value: "", text: "— none —" })].concat(
      data.verdicts.map(function (v) { return el("option", { value: v.id, text: v.label }); })));
    var rationale = el("textarea", { rows: 2 });
    var rationaleField = field("Rationale", rationale, "rationale", "Required with a verdict: why the evidence supports it.");
    rationaleField.hidden = true;
    verdict.addEventListener("change", function () { rationaleField.hidden = !verdict.value; });
    var speaker = el("input", { type: "text", list: "dossier-entities", autocomplete: "off", spellcheck: false });
    var date = el("input", { type: "text", placeholder: "YYYY-MM", autocomplete: "off" });
    var tags = el("input", { type: "text", autocomplete: "off" });

    var search = el("input", { type: "search", placeholder: "Search claims by title or id", autocomplete: "off" });
    var results = el("div", { class: "da-results", role: "radiogroup", "aria-label": "Claims" });
    function list() {
      var q = search.value.toLowerCase().trim(), n = 0;
      results.textContent = "";
      data.claims.forEach(function (c) {
        if (n >= 40 || (q && c.id.indexOf(q) < 0 && c.label.toLowerCase().indexOf(q) < 0)) return;
        n++;
        results.appendChild(el("label", { class: "da-claim" }, [
          el("input", { type: "radio", name: "dossier-claim", value: c.id }),
          el("span", { text: c.label }), el("code", { text: c.id })]));
      });
      if (!n) results.appendChild(el("p", { class: "da-hint", text: "No claim matches." }));
    }
    search.addEventListener("input", list);
    list();

    var figKey = el("input", { type: "text", list: "dossier-figures", autocomplete: "off", spellcheck: false });
    var figLabel = el("input", { type: "text" }), figNewUnit = el("input", { type: "text" });
    var newFig = el("div", { class: "da-new-figure", hidden: true }, [
      el("p", { class: "da-hint", text: "A new figure: its file is created with this label and unit." }),
      field("Label", figLabel, "figure.label"), field("Unit it counts", figNewUnit, "figure.unit-new")]);
    function known() { return data.figures.filter(function (f) { return f.key === figKey.value.trim(); })[0]; }
    var unitHint = el("small", { class: "da-hint" });
    figKey.addEventListener("input", function () {
      var k = known();
      newFig.hidden = !figKey.value.trim() || !!k;
      unitHint.textContent = k ? "Unit: " + k.unit + "." : "";
    });
    var value = el("input", { type: "text", inputmode: "decimal", autocomplete: "off" });
    var lo = el("input", { type: "text", inputmode: "decimal", autocomplete: "off" });
    var hi = el("input", { type: "text", inputmode: "decimal", autocomplete: "off" });
    var approx = el("input", { type: "checkbox", id: "dossier-f-figure-approx", "data-field": "figure.approx" });
    var words = el("input", { type: "text", autocomplete: "off" });
    var asOf = el("input", { type: "text", placeholder: "YYYY-MM", autocomplete: "off" });
    var figure = el("details", { class: "da-figure" }, [
      el("summary", { text: "Figure (optional)" }),
      field("Key", figKey, "figure.key", "An existing figure, or a new key (a slug)."), unitHint, newFig,
      el("div", { class: "da-row" }, [field("Value", value, "figure.value"), field("or at least", lo, "figure.min"), field("at most", hi, "figure.max")]),
      el("div", { class: "da-check" }, [approx, el("label", { for: "dossier-f-figure-approx", text: "Approximate (the source hedges: “about”, “roughly”)" }),
        el("small", { class: "da-error", id: "dossier-f-figure-approx-error", hidden: true })]),
      field("The source's words", words, "figure.words", "As the passage writes the value, e.g. “roughly 300,000”."),
      field("As of", asOf, "figure.asOf", "When the value holds: YYYY, YYYY-MM or YYYY-MM-DD.")
    ]);
    if (data.figures.length) figure.appendChild(datalist("dossier-figures", data.figures.map(function (f) { return { key: f.key, label: f.label }; })));

    var newPart = el("div", { class: "da-part", "data-part": "new" }, [
      field("Title", title, "title", "The proposition, in one sentence, in the editors' words."),
      field("Id", id, "id", "The file's name: claims/<id>.md."),
      field("Verdict", verdict, "verdict"), rationaleField,
      field("Speaker", speaker, "speaker", "An entity, who asserts the claim."),
      el("div", { class: "da-row" }, [field("Date", date, "date", "When it was said or happened."), field("Tags", tags, "tags", "Comma-separated words.")]),
      datalist("dossier-entities", data.entities)
    ]);
    var addPart = el("div", { class: "da-part", "data-part": "add" }, [field("Claim", search, "claim-search"), results]);

    var tabNew = el("button", { type: "button", role: "tab", text: "New claim" });
    var tabAdd = el("button", { type: "button", role: "tab", text: "Add to claim" });
    var status = el("p", { class: "da-status", role: "status", "aria-live": "polite" });
    var save = el("button", { type: "submit", class: "da-save", text: "Save" });
    var cancel = el("button", { type: "button", class: "da-cancel", text: "Cancel" });
    var form = el("form", { novalidate: true }, [
      el("div", { class: "da-tabs", role: "tablist" }, [tabNew, tabAdd]),
      newPart, addPart, figure, status,
      el("div", { class: "da-actions" }, [save, cancel])
    ]);
    var quote = el("blockquote", { class: "da-quote", text: p.exact });
    panel = el("div", { id: "dossier-annotate", "data-dossier-ui": "", role: "dialog", "aria-labelledby": "dossier-annotate-h" }, [
      el("div", { class: "da-head" }, [el("h2", { id: "dossier-annotate-h", text: "Annotate" }),
        el("button", { type: "button", class: "da-close", "aria-label": "Close", text: "×" })]),
      quote, form]);
    document.body.appendChild(panel);

    function setMode(m) {
      mode = m;
      tabNew.setAttribute("aria-selected", String(m === "new"));
      tabAdd.setAttribute("aria-selected", String(m === "add"));
      newPart.hidden = m !== "new";
      addPart.hidden = m !== "add";
      (m === "new" ? title : search).focus();
    }
    tabNew.addEventListener("click", function () { setMode("new"); });
    tabAdd.addEventListener("click", function () { setMode("add"); });
    cancel.addEventListener("click", close);
    panel.querySelector(".da-close").addEventListener("click", close);
    panel.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
    setMode(mode);
    // On a phone the panel covers the lower part of the window: keep the
    // passage in view above it.
    var top = p.range.getBoundingClientRect().top;
    if (panel.getBoundingClientRect().top > 0 && (top < 0 || top > panel.getBoundingClientRect().top - 40)) {
      window.scrollBy(0, top - 16);
    }

    function clearErrors() {
      panel.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); e.removeAttribute("aria-describedby"); });
      panel.querySelectorAll(".da-error").forEach(function (e) { e.hidden = true; e.textContent = ""; });
      status.className = "da-status";
      status.textContent = "";
    }
    function fail(msg, name) {
      status.className = "da-status da-bad";
      status.textContent = msg;
      var input = name && panel.querySelector('[data-field="' + name + '"]');
      if (name && name.indexOf("figure") === 0) figure.open = true;
      if (input && !input.closest("[hidden]")) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", input.id + "-error");
        var err = document.getElementById(input.id + "-error");
        if (err) { err.textContent = msg; err.hidden = false; }
        input.focus();
      }
    }
    function num(input, name) {
      var s = input.value.replace(/[,\s\u00a0]/g, "");
      if (!s) return undefined;
      var x = Number(s);
      if (!isFinite(x)) throw { msg: "Write a number, such as 300000 or 2.5.", field: name };
      return x;
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearErrors();
      var body = { source: data.source, start: sel.start, end: sel.end, exact: sel.exact }, url = "/_dossier/claims";
      try {
        if (mode === "new") {
          if (!title.value.trim()) throw { msg: "Give the claim a title.", field: "title" };
          body.id = id.value.trim();
          body.title = title.value.trim();
          body.verdict = verdict.value;
          if (verdict.value) body.rationale = rationale.value.trim();
          body.speaker = speaker.value.trim();
          body.date = date.value.trim();
          body.tags = tags.value.split(",").map(function (t) { return t.trim(); }).filter(Boolean);
        } else {
          var picked = results.querySelector("input:checked");
          if (!picked) throw { msg: "Pick the claim to add the passage to.", field: "claim-search" };
          url += "/" + encodeURIComponent(picked.value) + "/quotes";
        }
        if (figKey.value.trim()) {
          var f = { key: figKey.value.trim(), value: num(value, "figure.value"), min: num(lo, "figure.min"), max: num(hi, "figure.max"),
            approx: approx.checked, words: words.value.trim(), asOf: asOf.value.trim() };
          if (f.value === undefined && f.min === undefined && f.max === undefined) throw { msg: "Give the figure's value, or its bounds.", field: "figure.value" };
          if (f.value !== undefined && (f.min !== undefined || f.max !== undefined)) throw { msg: "Give a value or bounds, not both.", field: "figure.value" };
          if (f.approx && f.value === undefined) throw { msg: "“Approximate” applies to a single value; bounds already say how far it may be off.", field: "figure.approx" };
          if (!known()) { f.label = figLabel.value.trim(); f.unit = figNewUnit.value.trim(); }
          body.figure = f;
        }
      } catch (err) { fail(err.msg, err.field); return; }
      save.disabled = true;
      status.textContent = "Saving…";
      fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "X-Dossier-Token": data.token }, body: JSON.stringify(body) })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
        .then(function (r) {
          save.disabled = false;
          if (!r.ok) {
            var name = r.j.field === "figure.unit" && !known() ? "figure.unit-new" : r.j.field;
            fail(r.j.error || "The server refused the request.", name === "exact" || name === "start" || name === "end" ? "" : name);
            return;
          }
          status.className = "da-status da-good";
          status.textContent = "Saved " + r.j.path + ". The page reloads with the new highlight.";
          try { sessionStorage.setItem("dossier-annotated", "q-" + r.j.id + "-" + r.j.quote.n); } catch (err) {}
          save.disabled = true;
        })
        .catch(function (err) { save.disabled = false; fail("The preview server did not answer (" + err + "). Is dossier serve still running?"); });
    });
  }

  function close() {
    if (panel) {
      panel.remove();
      if (returnFocus && document.contains(returnFocus) && returnFocus.focus) returnFocus.focus();
    }
    panel = null;
    if (highlight && window.CSS && CSS.highlights) CSS.highlights.delete("dossier-pending");
    highlight = null;
  }

  // utf16 converts code points of plain to a UTF-16 index.
  function utf16(cp) {
    var n = 0, k = 0;
    while (n < cp && k < plain.length) {
      var c = plain.charCodeAt(k);
      k += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      n++;
    }
    return k;
  }

  // rangeOf returns a range of the page over plain[a:b] (UTF-16), or null.
  function rangeOf(a, b, map) {
    var r = document.createRange(), started = false, end = null;
    outer: for (var j = 0; j < map.length; j++) {
      var rec = map[j];
      for (var i = 0; i < rec.map.length; i++) {
        var q = rec.map[i];
        if (q < 0) continue;
        if (q >= b) break outer;
        if (!started && q >= a) { r.setStart(rec.node, i); started = true; }
        if (started) end = [rec.node, i + 1];
      }
    }
    if (!started || !end) return null;
    r.setEnd(end[0], end[1]);
    return r;
  }

  // The coverage toggle marks the source's checkable sentences (a figure,
  // a date, an attributed quotation) that no claim quotes, each with a
  // button that opens the panel for it. The marks are CSS highlights and
  // the buttons are marked data-dossier-ui: the text stays as it is.
  var gaps = data.gaps || [], gapButtons = [], toggle = null;
  function setCoverage(on) {
    toggle.setAttribute("aria-pressed", String(on));
    try { sessionStorage.setItem("dossier-coverage", on ? "on" : "off"); } catch (err) {}
    gapButtons.forEach(function (b) { b.remove(); });
    gapButtons = [];
    if (window.CSS && CSS.highlights) CSS.highlights.delete("dossier-gap");
    if (!on) return;
    var map = textMap(), found = [];
    gaps.forEach(function (g) {
      var a = utf16(g.start), b = utf16(g.end);
      while (a < b && isWS(plain.charCodeAt(a))) a++;
      while (b > a && isWS(plain.charCodeAt(b - 1))) b--;
      var r = a < b && rangeOf(a, b, map);
      if (r) found.push({ r: r, a: a, b: b, kinds: g.kinds });
    });
    if (window.Highlight && CSS.highlights) {
      var hl = new Highlight();
      found.forEach(function (x) { hl.add(x.r); });
      CSS.highlights.set("dossier-gap", hl);
    }
    for (var i = found.length - 1; i >= 0; i--) (function (x) {
      var btn = el("button", { type: "button", class: "da-gap", "data-dossier-ui": "",
        "aria-label": "New claim quoting this sentence (" + x.kinds.join(", ") + ")", text: "+ claim" });
      btn.addEventListener("click", function () {
        open({ start: codePoints(x.a), end: codePoints(x.b), exact: plain.slice(x.a, x.b), range: x.r.cloneRange() }, "new");
      });
      var at = x.r.cloneRange();
      at.collapse(false);
      // Not inside a link: a button there would be a link too.
      var link = at.startContainer.parentElement && at.startContainer.parentElement.closest("a");
      if (link && root.contains(link)) { at.setStartAfter(link); at.collapse(true); }
      at.insertNode(btn);
      gapButtons.push(btn);
    })(found[i]);
  }
  if (gaps.length) {
    toggle = el("button", { id: "dossier-coverage-toggle", type: "button", "data-dossier-ui": "", "aria-pressed": "false",
      title: "Mark the sentences with a figure, a date or an attributed quotation that no claim quotes",
      text: gaps.length + (gaps.length === 1 ? " sentence" : " sentences") + " to check, unquoted" });
    toggle.addEventListener("click", function () { setCoverage(toggle.getAttribute("aria-pressed") !== "true"); });
    document.body.appendChild(toggle);
    try { if (sessionStorage.getItem("dossier-coverage") === "on") setCoverage(true); } catch (err) {}
  }

  // For scripts and tests: the passage of plain (code points) a range of
  // the page covers.
  window.dossierAnnotate = { passage: function (range) {
    var p = passage(range);
    return p && { start: p.start, end: p.end, exact: p.exact };
  } };

  // After the reload that follows a save, show the new passage.
  try {
    var last = sessionStorage.getItem("dossier-annotated");
    if (last) {
      sessionStorage.removeItem("dossier-annotated");
      var mark = document.getElementById(last);
      if (mark) {
        mark.classList.add("da-new");
        mark.scrollIntoView({ block: "center" });
      }
    }
  } catch (err) {}
})();
