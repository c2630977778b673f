/* Public site behaviour: the mobile menu and the copy-link button. No third-party code. */
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");
  var toggle = document.querySelector(".mainnav__toggle");
  var menu = document.getElementById("menu-chinh");
  if (toggle && menu) {
    toggle.addEventListener("click", function () {
      var open = menu.classList.toggle("is-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy-link");
      var done = function () { button.textContent = "Đã sao chép liên kết"; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(url).then(done, function () { window.prompt("Sao chép liên kết:", url); });
      } else {
        window.prompt("Sao chép liên kết:", url);
      }
    });
  });
})();

/* Count a read once the article page has loaded; works for pages served from the cache too. */
(function () {
  "use strict";
  var article = document.querySelector("[data-view-beacon]");
  if (!article || !navigator.sendBeacon) { return; }
  window.addEventListener("load", function () {
    navigator.sendBeacon(article.getAttribute("data-view-beacon"));
  });
})();

/* The print button on article pages. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
