// Smart-City-Katalog: facet filters and sorting on the overview, and the search page. Plain JavaScript, no framework.
(function () {
  "use strict";

  function initFilters() {
    var form = document.getElementById("sck-filters");
    var list = document.getElementById("sck-cards");
    if (!form || !list) return;
    var cards = Array.prototype.slice.call(list.children);
    var count = document.getElementById("sck-result-count");
    var sort = document.getElementById("sck-sort");
    form.hidden = false;

    function selected() {
      var state = {};
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]:checked"), function (box) {
        (state[box.name] = state[box.name] || []).push(box.value);
      });
      return state;
    }

    function matches(card, state) {
      return Object.keys(state).every(function (facet) {
        var values = (card.getAttribute("data-" + facet) || "").split("|");
        return state[facet].some(function (wanted) { return values.indexOf(wanted) !== -1; });
      });
    }

    var comparators = {
      name: function (a, b) { return a.dataset.name.localeCompare(b.dataset.name, "de"); },
      aktiv: function (a, b) { return (b.dataset.last || "").localeCompare(a.dataset.last || ""); },
      nachnutzung: function (a, b) { return Number(b.dataset.reuseCount) - Number(a.dataset.reuseCount) || comparators.name(a, b); }
    };

    function apply() {
      var state = selected();
      var shown = 0;
      cards.slice().sort(comparators[sort.value] || comparators.name).forEach(function (card) {
        var visible = matches(card, state);
        card.hidden = !visible;
        if (visible) shown += 1;
        list.appendChild(card);
      });
      count.textContent = shown === 1 ? "1 Lösung" : shown + " Lösungen";
    }

    function toQuery() {
      var params = new URLSearchParams();
      var state = selected();
      Object.keys(state).forEach(function (facet) { state[facet].forEach(function (v) { params.append(facet, v); }); });
      if (sort.value !== "name") params.set("sort", sort.value);
      var query = params.toString();
      return query ? "?" + query : location.pathname;
    }

    function fromQuery() {
      var params = new URLSearchParams(location.search);
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
        box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
      });
      sort.value = params.get("sort") || "name";
      apply();
    }

    form.addEventListener("change", function () {
      apply();
      history.pushState(null, "", toQuery());
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(); history.pushState(null, "", location.pathname); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", fromQuery);
    fromQuery();
  }

  // Full-text search with Pagefind's JavaScript API: pagefind.js, its WebAssembly and the index chunks load
  // only when a search runs, and only the chunks the words need.
  function initSearch() {
    var form = document.getElementById("sck-search-form");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var input = document.getElementById("sck-search-input");
    var status = document.getElementById("sck-search-status");
    var list = document.getElementById("sck-search-results");
    var bundle = form.getAttribute("data-bundle");
    var engine = null;
    var latest = 0;

    function load() {
      if (!engine) {
        engine = import(new URL(bundle + "pagefind.js", location.href).href).then(function (pagefind) {
          // In the page itself: for one search, starting a worker costs more than it saves.
          return pagefind.options({ baseUrl: form.getAttribute("data-base"), noWorker: true }).then(function () { return pagefind; });
        });
      }
      return engine;
    }

    function render(results, term, total) {
      list.textContent = "";
      results.forEach(function (data) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = data.url;
        link.className = "sck-search-result";
        link.textContent = (data.meta && data.meta.title) || data.url;
        var excerpt = document.createElement("p");
        excerpt.textContent = (data.excerpt || "").replace(/<[^>]*>/g, "");
        item.appendChild(link);
        item.appendChild(excerpt);
        list.appendChild(item);
      });
      status.textContent = total ? total + " Treffer für „" + term + "“" : "Keine Treffer für „" + term + "“";
    }

    function run(term) {
      var ticket = ++latest;
      term = term.trim();
      if (!term) { list.textContent = ""; status.textContent = ""; return; }
      status.textContent = "Suche …";
      load().then(function (pagefind) { return pagefind.search(term); }).then(function (search) {
        // Show the first hits as soon as they are there, then the rest: each hit's text is its own small file.
        return Promise.all(search.results.slice(0, 5).map(function (r) { return r.data(); })).then(function (first) {
          if (ticket !== latest) return;
          render(first, term, search.results.length);
          return Promise.all(search.results.slice(5, 20).map(function (r) { return r.data(); })).then(function (rest) {
            if (ticket === latest && rest.length) render(first.concat(rest), term, search.results.length);
          });
        });
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      run(input.value);
    });
    input.addEventListener("input", function () { run(input.value); });
    input.addEventListener("focus", function () { load().then(function (pagefind) { return pagefind.init(); }); });
    var query = new URLSearchParams(location.search).get("q");
    if (query) { input.value = query; run(query); }
  }

  document.addEventListener("DOMContentLoaded", function () { initFilters(); initSearch(); });
  if (document.readyState !== "loading") { initFilters(); initSearch(); }
})();
