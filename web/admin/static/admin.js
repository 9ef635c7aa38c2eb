// Admin pages' behaviour, kept out of the markup so the Content-Security-Policy can forbid
// inline script. Everything here is an enhancement: without it the pages still work.
(function () {
  "use strict";
  // <button data-print>: print the page (the evacuation list).
  document.addEventListener("click", (e) => {
    if (e.target.closest("[data-print]")) window.print();
  });
  // <form data-confirm="question">: ask before a step that cannot be undone.
  document.addEventListener("submit", (e) => {
    const question = e.target.dataset.confirm;
    if (question && !window.confirm(question)) e.preventDefault();
  });
  // On a narrow screen tables reflow into one card per row (admin.css); each cell is
  // labelled with its column's heading, whatever language the heading is in.
  for (const table of document.querySelectorAll("main table")) {
    const headings = Array.from(table.querySelectorAll("thead th"), (th) => th.textContent.trim());
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        Array.from(row.cells).forEach((cell, i) => {
          if (headings[i] && !cell.hasAttribute("colspan")) cell.dataset.label = headings[i];
        });
      }
    }
  }
})();
