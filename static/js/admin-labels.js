/* The admin's autocomplete boxes (select2) with several choices type into an inline search field
   that carries no name for screen readers; give it the label of the field it searches. */
"use strict";
(() => {
  const name = (field) => {
    const container = field.closest(".select2-container");
    const select = container && container.previousElementSibling;
    if (!select || !select.id) return "";
    const label = document.querySelector(`label[for="${select.id}"]`);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  };
  const label = (root) => {
    root.querySelectorAll(".select2-search__field:not([aria-label])").forEach((field) => {
      const text = name(field);
      if (text) field.setAttribute("aria-label", `Tìm ${text.toLowerCase()}`);
    });
  };
  document.addEventListener("DOMContentLoaded", () => {
    label(document);
    new MutationObserver(() => label(document)).observe(document.body, {
      childList: true,
      subtree: true,
    });
  });
})();
