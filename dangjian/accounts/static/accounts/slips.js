// The sheet of activation slips: the print button (no inline script under the CSP).
"use strict";
document.addEventListener("click", function (event) {
  const button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (button) window.print();
});
