// Smart-City-Katalog: facet filters and sorting on the overview. Plain JavaScript, no framework.
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

    var facetNames = Array.prototype.map.call(form.querySelectorAll("fieldset input"), function (box) { return box.name; })
      .filter(function (name, index, all) { return all.indexOf(name) === index; });
    // Each card's facet values, read from its data attributes once.
    var values = new Map(cards.map(function (card) {
      var own = {};
      facetNames.forEach(function (facet) { own[facet] = (card.getAttribute("data-" + facet) || "").split("|"); });
      return [card, own];
    }));

    function matches(card, state) {
      var own = values.get(card);
      return Object.keys(state).every(function (facet) {
        return state[facet].some(function (wanted) { return own[facet].indexOf(wanted) !== -1; });
      });
    }

    var comparators = {
      name: function (a, b) { return a.dataset.name.localeCompare(b.dataset.name, "de"); },
      aktiv: function (a, b) { return (b.dataset.last || "").localeCompare(a.dataset.last || ""); },
      nachnutzung: function (a, b) { return Number(b.dataset.reuseCount) - Number(a.dataset.reuseCount) || comparators.name(a, b); }
    };

    var order = "name";  // the server writes the cards sorted by name
    var PAGE = 100;  // cards shown at once: layout cost stays the same for 100 or 5,000 entries
    var limit = PAGE;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "sck-more";
    list.parentNode.appendChild(more);
    more.addEventListener("click", function () { limit += PAGE; apply(true); });

    function apply(keepLimit) {
      var state = selected();
      if (!keepLimit) limit = PAGE;
      if (sort.value !== order) {
        // Reorder only when the sort changes: moving thousands of nodes costs more than filtering them.
        order = sort.value;
        var fragment = document.createDocumentFragment();
        cards.slice().sort(comparators[order] || comparators.name).forEach(function (card) { fragment.appendChild(card); });
        list.appendChild(fragment);
      }
      var matching = 0;
      Array.prototype.forEach.call(list.children, function (card) {
        var visible = matches(card, state) && matching++ < limit;
        if (card.hidden === visible) card.hidden = !visible;
      });
      count.textContent = matching === 1 ? "1 Lösung" : matching + " Lösungen";
      more.hidden = matching <= limit;
      more.textContent = "Weitere " + Math.min(PAGE, matching - limit) + " von " + (matching - limit) + " anzeigen";
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
      apply(false);
    }

    form.addEventListener("change", function () {
      apply(false);
      history.pushState(null, "", toQuery());
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(false); history.pushState(null, "", location.pathname); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", fromQuery);
    fromQuery();
  }

  document.addEventListener("DOMContentLoaded", initFilters);
  if (document.readyState !== "loading") { initFilters(); }
})();
