/* Vietnamese-correct slugs in the admin: the same rules as core.text.slugify_vi.
   Django's URLify.js drops "đ" and precomposed vowels ("Hoạt động" → "hot-djng"); this replaces it. */
(function () {
  "use strict";
  var SPECIAL = { "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O", "ß": "ss" };

  function slugifyVi(text, maxLength) {
    var s = String(text || "").normalize("NFC").normalize("NFD");
    s = s.replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "");
    s = s.replace(/[đĐðÐøØß]/g, function (ch) { return SPECIAL[ch]; });
    s = s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (maxLength) {
      s = s.substring(0, maxLength).replace(/-+$/g, "");
    }
    return s;
  }

  var root = typeof window !== "undefined" ? window : globalThis;
  function install() {
    root.slugifyVi = slugifyVi;
    root.URLify = function (s, numChars) { return slugifyVi(s, numChars); };
  }
  install();
  // The admin merges its media lists and may load Django's urlify.js after this file, putting
  // its URLify back: install again once every script has run, before anyone types a title.
  if (typeof document !== "undefined" && document.addEventListener) {
    document.addEventListener("DOMContentLoaded", install);
  }
})();
