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

// The organization picker (orgs/_picker.html): choosing a match puts its value (its code, or its pk
// in a form's picker: data-value) into the hidden
// input and its name into the box, and fires "change" on the hidden input (filter forms listen
// for it). Emptying the box clears the choice; Escape closes the list; Enter takes the first match.
(function () {
  function parts(el) {
    const box = el.closest("[data-org-picker]");
    if (!box) return null;
    return {
      box: box,
      value: box.querySelector("[data-org-picker-value]"),
      text: box.querySelector("[data-org-picker-text]"),
      menu: box.querySelector(".org-picker-menu"),
    };
  }
  function close(p) {
    p.menu.replaceChildren();
    p.text.setAttribute("aria-expanded", "false");
  }
  function choose(p, value, label) {
    const changed = p.value.value !== value;
    p.value.value = value;
    p.text.value = label;
    p.text.dataset.label = label;
    close(p);
    if (changed) p.value.dispatchEvent(new Event("change", { bubbles: true }));
  }
  document.addEventListener("click", function (event) {
    const item = event.target.closest("[data-org-pick]");
    if (item) {
      const p = parts(item);
      if (p) choose(p, item.dataset.value, item.dataset.label);
      return;
    }
    document.querySelectorAll("[data-org-picker]").forEach(function (box) {
      if (!box.contains(event.target)) close(parts(box));
    });
  });
  document.addEventListener("input", function (event) {
    if (!event.target.matches("[data-org-picker-text]")) return;
    const p = parts(event.target);
    if (p && event.target.value.trim() === "" && p.value.value !== "") choose(p, "", "");
  });
  document.addEventListener("keydown", function (event) {
    if (!event.target.matches("[data-org-picker-text]")) return;
    const p = parts(event.target);
    if (!p) return;
    if (event.key === "Escape") {
      close(p);
      p.text.value = p.text.dataset.label || "";
    } else if (event.key === "Enter") {
      event.preventDefault();
      const first = p.menu.querySelector("[data-org-pick]:not([data-value=''])") || p.menu.querySelector("[data-org-pick]");
      if (first) choose(p, first.dataset.value, first.dataset.label);
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    const p = parts(event.target);
    if (p && event.target === p.menu) p.text.setAttribute("aria-expanded", p.menu.children.length ? "true" : "false");
  });
})();

// An htmx request that failed (the server refused it, or the network is down) says so next to
// what it was to replace, instead of leaving the button as if nothing had happened.
(function () {
  function say(event, text) {
    const target = event.detail.target || event.detail.elt;
    if (!target || !target.parentNode) return;
    let note = target.previousElementSibling;
    if (!note || !note.hasAttribute("data-htmx-failure")) {
      note = document.createElement("div");
      note.className = "alert alert-danger";
      note.setAttribute("role", "alert");
      note.setAttribute("data-htmx-failure", "");
      target.parentNode.insertBefore(note, target);
    }
    note.textContent = text;
  }
  document.addEventListener("htmx:responseError", function (event) {
    const status = event.detail.xhr ? event.detail.xhr.status : 0;
    say(event, status === 403 || status === 404
      ? "操作未完成：页面已过期或您无权进行此操作，请刷新页面后重试。"
      : "操作未完成：服务器暂时无法处理（" + status + "），请稍后重试。");
  });
  document.addEventListener("htmx:sendError", function (event) {
    say(event, "操作未完成：网络连接失败，请检查网络后重试。");
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (!event.detail.shouldSwap) return;
    const note = event.detail.target && event.detail.target.previousElementSibling;
    if (note && note.hasAttribute("data-htmx-failure")) note.remove();
  });
})();
