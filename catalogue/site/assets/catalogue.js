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

  document.addEventListener("DOMContentLoaded", initFilters);
  if (document.readyState !== "loading") { initFilters(); }
})();
