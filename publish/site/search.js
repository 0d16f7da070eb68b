// Search of the browse pages: runs in the browser on search-index.js, the
// index that comes with the release, and asks no server. Every word of
// the query must occur (case, accents and Greek spacing aside); entities
// whose name or synonym is the query come first.
(function () {
  "use strict";
  var idx = window.CHEMORES_INDEX || { entities: [], sentences: [] };
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var out = document.getElementById("results");
  var status = document.getElementById("search-status");
  var maxEntities = 50, maxSentences = 100;

  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ");
  }
  var ents = idx.entities.map(function (e) {
    return { e: e, names: e[2].split("|").map(fold), all: fold(e[0] + " " + e[2].replace(/\|/g, " ")) };
  });
  var sents = idx.sentences.map(function (s) { return { s: s, f: fold(s[0]) }; });

  function hasAll(text, words) {
    for (var i = 0; i < words.length; i++) {
      if (text.indexOf(words[i]) < 0) { return false; }
    }
    return true;
  }
  function rank(x, q) {
    if (x.names.indexOf(q) >= 0) { return 0; }
    for (var i = 0; i < x.names.length; i++) {
      if (x.names[i].indexOf(q) === 0) { return 1; }
    }
    return 2;
  }
  function el(tag, text, cls) {
    var n = document.createElement(tag);
    if (text) { n.textContent = text; }
    if (cls) { n.className = cls; }
    return n;
  }
  function link(text, href) {
    var a = el("a", text);
    a.href = href;
    return a;
  }
  function section(title, items, total, render) {
    var h = el("h2", title + " (" + (total > items.length ? items.length + " of " + total : total) + ")");
    out.appendChild(h);
    var ol = el("ol");
    items.forEach(function (x) { var li = el("li"); render(li, x); ol.appendChild(li); });
    out.appendChild(ol);
  }
  function count(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }
  function run(raw) {
    out.textContent = "";
    var q = fold(raw).trim();
    if (!q) {
      status.textContent = "Type a gene, drug, disease, identifier or words of a sentence.";
      return;
    }
    var words = q.split(" ");
    var em = ents.filter(function (x) { return hasAll(x.all, words); });
    em.sort(function (a, b) { return rank(a, q) - rank(b, q) || a.e[0].localeCompare(b.e[0]); });
    var sm = sents.filter(function (x) { return hasAll(x.f, words); });
    status.textContent = count(em.length, "entity", "entities") + " and " + count(sm.length, "sentence", "sentences") +
      " match “" + raw.trim() + "”.";
    if (em.length) {
      section("Entities", em.slice(0, maxEntities), em.length, function (li, x) {
        li.appendChild(link(x.e[0], x.e[3]));
        li.appendChild(el("span", " " + x.e[1], "note"));
      });
    }
    if (sm.length) {
      section("Sentences", sm.slice(0, maxSentences), sm.length, function (li, x) {
        li.appendChild(link(x.s[0], x.s[3]));
        li.appendChild(el("span", " " + x.s[1] + " " + x.s[2], "note"));
      });
    }
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    try {
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    } catch (e) {
      // Pages opened from disk may refuse it; the search still runs.
    }
    run(input.value);
  });
  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  run(q);
})();
