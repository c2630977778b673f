/* Change lists at 1400 px or less: the filters stand above the list as folded menus (see
   css/admin-theme.css); fold them on load, and again on a click elsewhere. Folding here is not
   the editor's choice, so it is kept out of the state Django's filters.js remembers. */
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const narrow = window.matchMedia("(max-width: 1400px)");
  const filters = document.querySelectorAll("#changelist-filter details");
  const folded = new WeakSet();
  // Toggle events are dispatched later; catch ours on the way down, before filters.js hears them.
  document.addEventListener("toggle", (event) => {
    if (folded.has(event.target)) {
      folded.delete(event.target);
      event.stopImmediatePropagation();
    }
  }, true);
  const fold = (except) => {
    if (!narrow.matches) return;
    filters.forEach((detail) => {
      if (detail !== except && detail.open) {
        folded.add(detail);
        detail.open = false;
      }
    });
  };
  fold(null);
  document.addEventListener("click", (event) => {
    fold(event.target.closest ? event.target.closest("#changelist-filter details") : null);
  });
});
