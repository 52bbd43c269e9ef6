// Search over the site's static Pagefind index (one bundle per shard, merged here).
// A query is also searched with the other names of any term in it (synonyms.json: DVT and
// deep vein thrombosis, lactate and lactic acid ...), and the results are merged.
// Excerpts are rebuilt as text plus <mark>, never inserted as HTML.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var index = form.getAttribute("data-index");
  var root = new URL(form.getAttribute("data-root"), document.baseURI);
  var engine = null;
  var groups = [];

  function absolute(path) { return new URL(path, document.baseURI).href; }

  async function load() {
    if (engine) return engine;
    var manifestUrl = absolute(index);
    var manifest = await (await fetch(manifestUrl)).json();
    groups = await (await fetch(absolute(form.getAttribute("data-synonyms")))).json();
    var bundle = function (shard) { return new URL(shard + "/", manifestUrl).href; };
    engine = await import(bundle(manifest.shards[0]) + "pagefind.js");
    await engine.options({ basePath: bundle(manifest.shards[0]), baseUrl: root.pathname });
    for (var i = 1; i < manifest.shards.length; i++) {
      await engine.mergeIndex(bundle(manifest.shards[i]), { baseUrl: root.pathname });
    }
    return engine;
  }

  function variants(query) {
    var words = query.toLowerCase().trim();
    var found = [words];
    groups.forEach(function (group) {
      group.forEach(function (term) {
        var at = (" " + words + " ").indexOf(" " + term + " ");
        if (at < 0) return;
        group.forEach(function (other) {
          if (other === term) return;
          var swapped = (" " + words + " ").replace(" " + term + " ", " " + other + " ").trim();
          if (found.indexOf(swapped) < 0) found.push(swapped);
        });
      });
    });
    return found;
  }

  function excerpt(html) {
    // Parsed in an inert document: nothing in it runs or loads; only text and <mark> survive.
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createElement("p");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  async function run(query) {
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    var pf = await load();
    var best = new Map();
    for (var term of variants(query)) {
      var found = await pf.search(term);
      if (!found) continue;
      found.results.forEach(function (r) {
        var kept = best.get(r.id);
        if (!kept || kept.score < r.score) best.set(r.id, r);
      });
    }
    var ranked = Array.from(best.values()).sort(function (a, b) { return b.score - a.score; }).slice(0, 30);
    var results = await Promise.all(ranked.map(function (r) { return r.data(); }));
    results.forEach(function (data) {
      var li = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "hint";
      kind.textContent = (data.meta.kind || "") + " · ";
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = data.meta.title || data.url;
      li.appendChild(kind);
      li.appendChild(link);
      li.appendChild(excerpt(data.excerpt || ""));
      list.appendChild(li);
    });
    status.textContent = results.length
      ? results.length + (results.length === 1 ? " result" : " results") + " for “" + query + "”"
      : "Nothing found for “" + query + "”. Try fewer or other words.";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value;
    history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    run(query).catch(function (error) { status.textContent = "Search failed: " + error.message; });
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial).catch(function (error) { status.textContent = "Search failed: " + error.message; });
  }
})();
