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
