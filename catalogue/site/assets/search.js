// Smart-City-Katalog: the search page. Loaded as an async module right after the search form, so a query in the
// URL starts searching while the rest of the page still loads.
// pagefind.js, its WebAssembly and the index chunks load only when a search runs, and only the chunks the words need.
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

initSearch();
