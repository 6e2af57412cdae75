// Sortable tables, as progressive enhancement: a table marked data-sortable gets a button in each
// column header with data-sort="number" or "text". Sorting ranks every data row of the table
// (leaving out region headings and subtotals); a button restores the grouped table. Without this
// script the table reads as it was built: grouped by region, with subtotals and a total.
(function () {
  "use strict";

  function sortValue(row, index, type) {
    var cell = row.cells[index];
    var raw = cell ? cell.getAttribute("data-value") : null;
    if (raw === null || raw === "") {
      return null; // blank: always last
    }
    return type === "number" ? parseFloat(raw) : raw;
  }

  function enhance(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) {
      return;
    }
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr.data-row"));
    var homes = rows.map(function (row) {
      return { body: row.parentNode, next: row.nextElementSibling };
    });
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "sort-reset";
    reset.textContent = table.getAttribute("data-reset-label") || "Reset";
    reset.hidden = true;
    var scroller = table.closest(".table-scroll") || table;
    scroller.parentNode.insertBefore(reset, scroller);
    scroller.parentNode.insertBefore(status, scroller);

    var headers = Array.prototype.slice.call(head.cells);
    function clear() {
      headers.forEach(function (th) {
        th.removeAttribute("aria-sort");
      });
    }
    headers.forEach(function (th, index) {
      var type = th.getAttribute("data-sort");
      if (!type) {
        return;
      }
      var label = th.textContent.trim();
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      // A link in the header (a rate's definition) would nest in the button: keep its text only.
      Array.prototype.slice.call(button.querySelectorAll("a")).forEach(function (link) {
        link.replaceWith(document.createTextNode(link.textContent));
      });
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") === "descending";
        if (!th.hasAttribute("aria-sort")) {
          ascending = type === "text";
        }
        var sorted = rows.slice().sort(function (a, b) {
          var x = sortValue(a, index, type);
          var y = sortValue(b, index, type);
          if (x === null || y === null) {
            return x === y ? 0 : x === null ? 1 : -1;
          }
          var order = type === "number" ? x - y : String(x).localeCompare(String(y), document.documentElement.lang);
          return ascending ? order : -order;
        });
        var body = table.tBodies[0];
        sorted.forEach(function (row) {
          body.appendChild(row);
        });
        clear();
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        table.classList.add("is-sorted");
        reset.hidden = false;
        status.textContent = (table.getAttribute("data-sorted-label") || "{column}").replace("{column}", label);
      });
    });
    reset.addEventListener("click", function () {
      for (var at = rows.length - 1; at >= 0; at -= 1) {
        homes[at].body.insertBefore(rows[at], homes[at].next);
      }
      clear();
      table.classList.remove("is-sorted");
      reset.hidden = true;
      status.textContent = "";
    });
  }

  Array.prototype.slice.call(document.querySelectorAll("table[data-sortable]")).forEach(enhance);
})();
