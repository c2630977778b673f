/* Tag suggestions in the admin: as an editor types the last tag of the comma-separated list, the
   browser's own suggestion list offers existing tags (found without diacritics: "cong" → "Công đoàn"),
   from the admin's autocomplete endpoint. */
(function () {
  "use strict";
  function setup(input) {
    var url = input.getAttribute("data-autocomplete-url");
    var list = document.createElement("datalist");
    list.id = input.id + "-goi-y";
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.parentNode.appendChild(list);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var value = input.value;
        var cut = value.lastIndexOf(",");
        var prefix = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
        var term = value.slice(cut + 1).trim();
        if (!term) { list.innerHTML = ""; return; }
        fetch(url + "&term=" + encodeURIComponent(term), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.innerHTML = "";
            (data.results || []).forEach(function (item) {
              var option = document.createElement("option");
              option.value = prefix + item.text;
              list.appendChild(option);
            });
          });
      }, 200);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-autocomplete-url]").forEach(setup);
  });
})();
