// Site-wide behaviour, kept out of the pages: the Content-Security-Policy
// allows no inline script or event-handler attribute.
"use strict";

// <form data-confirm="确定…？">: ask before submitting.
document.addEventListener("submit", function (event) {
  const form = event.target;
  const message = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// The member list's filter form (people/list.html): leave empty filters out of
// the pushed address, so a copied link reads like the page.
document.addEventListener("htmx:configRequest", function (event) {
  if (event.detail.elt.id !== "member-filter") return;
  const data = event.detail.formData;
  for (const key of Array.from(data.keys())) {
    if (data.get(key) === "") data.delete(key);
  }
});
