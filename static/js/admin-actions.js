/* The article form's action bar: "Đăng bài" reads "Hẹn giờ đăng" while the publication time typed
   is in the future (the server decides the same on save), and the menu closes on a click outside
   it or on Escape. */
(function () {
  "use strict";
  var button = document.querySelector('[data-action="publish"]');
  var day = document.getElementById("id_published_at_0");
  var time = document.getElementById("id_published_at_1");

  function typed() {
    var d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec((day && day.value || "").trim());
    if (!d) return null;
    var t = /^(\d{1,2}):(\d{2})/.exec((time && time.value || "").trim()) || [0, "0", "0"];
    return new Date(+d[3], +d[2] - 1, +d[1], +t[1], +t[2]);
  }

  function relabel() {
    var when = typed();
    button.textContent = when && when > new Date() ? "Hẹn giờ đăng" : "Đăng bài";
  }

  if (button && day) {
    [day, time].forEach(function (input) {
      if (input) {
        input.addEventListener("change", relabel);
        input.addEventListener("input", relabel);
      }
    });
  }

  // The autocomplete boxes (select2) take the name of their field's label, for screen readers,
  // once the admin's own scripts have built them.
  function nameAutocompletes() {
    document.querySelectorAll(".select2-selection__rendered[id$='-container']").forEach(function (box) {
      var id = box.id.replace(/^select2-/, "").replace(/-container$/, "");
      var label = document.querySelector('label[for="' + id + '"]');
      if (!label) return;
      var name = label.textContent.replace(/:\s*$/, "").trim();
      box.setAttribute("aria-label", name);
      var combo = box.closest(".select2-selection");
      if (combo) {
        // Its aria-labelledby points at the (empty) placeholder, which would win over the label.
        combo.removeAttribute("aria-labelledby");
        combo.setAttribute("aria-label", name);
      }
    });
  }
  window.addEventListener("load", function () {
    nameAutocompletes();
    setTimeout(nameAutocompletes, 300);
  });

  var menu = document.querySelector(".action-menu");
  if (menu) {
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }
})();
