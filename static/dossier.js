// dossier.js: the reader's conveniences. Everything works without it:
// notes open through links and :target. Search is search.js's.
(function () {
  "use strict";

  // Notes on passages (source pages). Each block of the text (a paragraph,
  // a list item) ends in its notes, one per claim, in a .sidenotes element;
  // a numbered a.ref after each passage leads to its note. Without the
  // script the notes read as a small block after their paragraph.
  //
  // Wide screens: every note sits in the right margin at its passage's
  // top, pushed down only as far as it must to clear the note above. A
  // block whose notes would end far below it shows one button in their
  // place ("5 notes") that opens them. The note's claim link is the
  // block's stop for the keyboard; the references are not.
  // Narrow screens: notes are hidden until their reference is tapped,
  // then open after the paragraph; Escape or a tap elsewhere closes them.
  // The first reference to each note is the stop for the keyboard.
  var text = document.querySelector(".source-text");
  if (text) notes(text);

  function notes(text) {
    var GAP = 8;      // px between notes in the margin
    var SLACK = 96;   // px a block's notes may run below its end before they collapse
    // As in style.css: where the media query is not understood, notes open on request.
    var wide = window.matchMedia("(min-width: 1100px) and (scripting: enabled)");
    // The words of a folded block's button, the template's.
    var groupLabel = text.getAttribute("data-group-label") || "%d";
    var groupOne = text.getAttribute("data-group-label-one") || groupLabel;
    var moreLabel = text.getAttribute("data-group-more") || groupLabel;
    var moreOne = text.getAttribute("data-group-more-one") || moreLabel;
    var byPassage = {}; // passage id → its notes
    var groups = [];    // per .sidenotes: {box, block, notes, marker, open}
    [].forEach.call(text.querySelectorAll(".sidenotes"), function (box) {
      var list = [].filter.call(box.children, function (c) { return c.classList.contains("sidenote"); });
      if (!list.length) return;
      // The notes of a heading follow it; those of other blocks end them.
      var block = box.tagName === "DIV" ? box.previousElementSibling : box.parentElement;
      var g = { box: box, block: block, notes: list, marker: null, open: false, collapsed: false };
      list.forEach(function (n) {
        n._group = g;
        n._passages = (n.getAttribute("data-q") || "").split(/\s+/).filter(Boolean);
        n._passages.forEach(function (id) { (byPassage[id] = byPassage[id] || []).push(n); });
      });
      var b = document.createElement("button");
      b.type = "button";
      b.className = "sidenote-group";
      b.hidden = true;
      b.tabIndex = -1; // the notes themselves are the stops; focusing one opens the group
      b.setAttribute("aria-expanded", "false");
      b.addEventListener("click", function () { g.open = !g.open; layout(); });
      box.insertBefore(b, box.firstChild);
      g.marker = b;
      groups.push(g);
    });
    if (!groups.length) return;

    // The first element of a passage: its mark, or the mark it shares.
    function passageEl(id) {
      var el = document.getElementById(id);
      return el && (el.closest("mark") || el);
    }
    function marksOf(note) {
      var out = [];
      note._passages.forEach(function (id) {
        [].push.apply(out, text.querySelectorAll('mark.hl[data-q="' + CSS.escape(id) + '"]'));
        var el = passageEl(id);
        if (el && out.indexOf(el) < 0) out.push(el);
      });
      return out;
    }
    function notesOfMark(mark) {
      var ids = [mark.getAttribute("data-q")];
      [].forEach.call(mark.querySelectorAll(":scope > .hl-also"), function (a) { ids.push(a.id); });
      var out = [];
      ids.forEach(function (id) { (byPassage[id] || []).forEach(function (n) { if (out.indexOf(n) < 0) out.push(n); }); });
      return out;
    }

    // One read pass (every rect and height), then one write pass. Each
    // note goes at its first passage's top, or right under the note above
    // it. A block's notes that would end more than SLACK px below the
    // block fold into one button, placed where the first of them would
    // go; opening it lays them out under it.
    var scheduled = false;
    function layout() {
      scheduled = false;
      if (!wide.matches) return;
      var base = text.getBoundingClientRect().top;
      var markerH = 0;
      var reads = groups.map(function (g) {
        var r = g.block ? g.block.getBoundingClientRect() : g.box.getBoundingClientRect();
        return {
          top: r.top - base, bottom: r.bottom - base,
          notes: g.notes.map(function (n) {
            var p = passageEl(n._passages[0]);
            var pr = p && (p.getClientRects()[0] || p.getBoundingClientRect());
            return { at: pr ? pr.top - base : r.top - base, h: n.offsetHeight };
          })
        };
      });
      groups.some(function (g) { return (markerH = g.marker.offsetHeight) > 0; });
      if (!markerH) markerH = 28;
      var prev = -Infinity, writes = [];
      groups.forEach(function (g, i) {
        var rd = reads[i], limit = rd.bottom + SLACK, y = prev, tops = [], fold = rd.notes.length;
        rd.notes.forEach(function (n, k) {
          var t = Math.max(n.at, y + GAP);
          if (fold === rd.notes.length && t + n.h > limit) fold = k;
          tops.push(t);
          y = t + n.h;
        });
        var w = { g: g, fold: fold, tops: tops, marker: 0 };
        if (fold < rd.notes.length) {
          y = fold > 0 ? tops[fold - 1] + rd.notes[fold - 1].h : prev;
          w.marker = Math.max(rd.notes[fold].at, y + GAP);
          y = w.marker + markerH;
          for (var k = fold; k < rd.notes.length; k++) {
            w.tops[k] = y + GAP;
            if (g.open) y = w.tops[k] + rd.notes[k].h;
          }
        }
        prev = y;
        writes.push(w);
      });
      writes.forEach(function (w) {
        var g = w.g, n = g.notes.length, folded = n - w.fold;
        g.collapsed = folded > 0;
        g.marker.hidden = !g.collapsed;
        if (g.collapsed) {
          var label = w.fold > 0 ? (folded === 1 ? moreOne : moreLabel) : (folded === 1 ? groupOne : groupLabel);
          g.marker.textContent = label.replace("%d", folded);
          g.marker.style.top = w.marker + "px";
          g.marker.setAttribute("aria-expanded", g.open ? "true" : "false");
          g.marker.setAttribute("aria-controls", g.notes.slice(w.fold).map(function (x) { return x.id; }).join(" "));
        }
        g.notes.forEach(function (note, k) {
          note.style.top = w.tops[k] + "px";
          note.classList.toggle("in-fold", k >= w.fold);
          note.classList.toggle("folded", k >= w.fold && !g.open);
        });
      });
    }
    function schedule() {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(layout);
    }

    // The mode: margin notes or notes on request. The first reference to
    // each note is the keyboard's stop only where notes are hidden.
    var refs = text.querySelectorAll("a.ref[data-note]");
    function mode() {
      var on = wide.matches;
      text.classList.toggle("sn-on", on);
      text.classList.toggle("sn-pop", !on);
      [].forEach.call(refs, function (a) { a.tabIndex = !on && a.hasAttribute("data-first") ? 0 : -1; });
      if (on) {
        close();
        layout();
      } else {
        groups.forEach(function (g) {
          g.marker.hidden = true;
          g.notes.forEach(function (n) { n.style.top = ""; n.classList.remove("folded", "in-fold"); });
        });
      }
    }
    mode();
    if (wide.addEventListener) wide.addEventListener("change", mode);
    window.addEventListener("resize", schedule);
    window.addEventListener("load", schedule);
    document.addEventListener("toggle", schedule, true);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(schedule);
    if (window.ResizeObserver) new ResizeObserver(schedule).observe(text);

    // Lighting up: the notes of the passage under the pointer or focus,
    // and the passages of the note under it.
    var lit = [];
    function light(ns) {
      lit.forEach(function (el) { el.classList.remove("active"); });
      lit = [];
      ns.forEach(function (n) {
        lit.push(n);
        marksOf(n).forEach(function (m) { lit.push(m); });
        if (n.classList.contains("folded")) lit.push(n._group.marker);
      });
      lit.forEach(function (el) { el.classList.add("active"); });
    }
    function openGroup(n) {
      var g = n._group;
      if (wide.matches && g.collapsed && !g.open) { g.open = true; layout(); }
    }
    // A passage pointed at for a moment opens its folded note.
    var dwell = 0;
    function pointAt(ns) {
      clearTimeout(dwell);
      light(ns);
      var folded = ns.filter(function (n) { return n.classList.contains("folded"); });
      if (folded.length) dwell = setTimeout(function () { folded.forEach(openGroup); light(ns); }, 300);
    }
    text.addEventListener("mouseover", function (e) {
      var note = e.target.closest(".sidenote");
      if (note) return light([note]);
      var ref = e.target.closest("a.ref[data-note]");
      if (ref) return pointAt([document.getElementById(ref.getAttribute("data-note"))].filter(Boolean));
      var mark = e.target.closest("mark.hl");
      if (mark) pointAt(notesOfMark(mark));
      else clearTimeout(dwell);
    });
    text.addEventListener("mouseleave", function () { clearTimeout(dwell); light([]); });
    text.addEventListener("focusin", function (e) {
      var note = e.target.closest(".sidenote");
      if (note) { openGroup(note); light([note]); }
    });

    // Notes on request (narrow screens), and references on wide ones.
    var opened = null;
    function close() {
      if (opened) opened.classList.remove("open");
      opened = null;
    }
    text.addEventListener("click", function (e) {
      var a = e.target.closest("a.ref[data-note]"), note = null;
      if (a) {
        note = document.getElementById(a.getAttribute("data-note"));
        if (note) e.preventDefault();
      } else if (!e.target.closest("a, .sidenote")) {
        // A tap on the passage itself does what its reference does.
        var mark = e.target.closest("mark.hl");
        note = mark && notesOfMark(mark)[0];
      }
      if (!note) return;
      if (wide.matches) {
        openGroup(note);
        light([note]);
        return;
      }
      var again = opened === note;
      close();
      if (!again) {
        opened = note;
        note.classList.add("open");
        light([note]);
      }
    });
    document.addEventListener("click", function (e) {
      if (opened && !e.target.closest("a.ref, .sidenote, mark.hl")) close();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" || !opened) return;
      var back = text.querySelector('a.ref[data-first][data-note="' + opened.id + '"]');
      close();
      if (back && text.contains(document.activeElement)) back.focus();
    });

    // Arriving at a passage from a claim: the passage is filled in, its
    // note lit, and a bar at the top leads back to the claim.
    function arrive() {
      var id = decodeURIComponent(location.hash.slice(1));
      var old = text.querySelector("mark.arrived");
      if (old) old.classList.remove("arrived");
      if (id.indexOf("q-") !== 0) return;
      var mark = passageEl(id), ns = byPassage[id] || [];
      if (!mark || !text.contains(mark)) return;
      mark.classList.add("arrived");
      var bar = document.querySelector(".back-bar"), note = ns[0];
      var link = note && note.querySelector("a.note-claim");
      if (bar && link) {
        var a = bar.querySelector(".back-link"), title = bar.querySelector(".back-title");
        a.href = link.getAttribute("href");
        title.textContent = link.textContent;
        bar.hidden = false;
      }
      if (note) { openGroup(note); light([note]); }
    }
    arrive();
    window.addEventListener("hashchange", arrive);

    // Show all annotations: every passage filled in, remembered.
    var all = document.querySelector("button.show-all");
    if (all) {
      var key = "dossier.showAll", on = false;
      try { on = localStorage.getItem(key) === "1"; } catch (err) { /* storage off */ }
      var set = function (v) {
        on = v;
        all.setAttribute("aria-pressed", v ? "true" : "false");
        text.classList.toggle("show-all", v);
      };
      set(on);
      all.hidden = false;
      all.addEventListener("click", function () {
        set(!on);
        try { localStorage.setItem(key, on ? "1" : "0"); } catch (err) { /* storage off */ }
      });
    }
  }
})();
