"""Read a page as a browser's parser would and list everything in it that could run code: scripts
other than the site's own, event handlers, inline styles, javascript:/data: URLs, frames, plugins,
a <base> or a refresh. Text that merely shows a payload (escaped) is harmless and is not listed."""

import json
import re
from html.parser import HTMLParser

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "srcset", "data", "xlink:href", "poster",
    "background", "lowsrc", "dynsrc", "ping", "codebase", "cite", "longdesc", "manifest",
}  # fmt: skip
NEVER = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math", "style",
    "template", "portal", "noscript", "xml", "xss", "isindex",
}  # fmt: skip
# The one frame the site shows: a document's PDF, from the site's own inline view, in the browser's
# own viewer (documents.views.inline; only that response may be framed, and only by the site).
OWN_PDF_FRAME = re.compile(r"^/van-ban/[a-z0-9-]+/tep/\d+/xem/$")
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.I)
# Browsers drop these inside a URL's scheme ("jav\tascript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
FOREIGN_HOST = "evil.example"


def _scheme_part(value):
    return _IGNORED_IN_SCHEME.sub("", value)


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        attributes = dict(attrs)
        where = f"<{tag} {attrs}>"
        own_pdf = (
            tag == "iframe"
            and OWN_PDF_FRAME.match(attributes.get("src") or "")
            and set(attributes) <= {"class", "src", "title", "loading"}
        )
        if tag in NEVER and not own_pdf:
            self.problems.append(f"forbidden element: {where}")
        if tag == "script":
            kind = (attributes.get("type") or "").lower()
            source = attributes.get("src") or ""
            if kind == "application/ld+json" and not source:
                self._script = []
            elif not (source.startswith("/static/") and kind in ("", "text/javascript")):
                self.problems.append(f"script: {where}")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append(f"refresh: {where}")
        stylesheet = tag == "link" and "stylesheet" in (attributes.get("rel") or "").lower()
        if stylesheet and not (attributes.get("href") or "").startswith("/static/"):
            self.problems.append(f"foreign stylesheet: {where}")
        if tag == "form" and not (attributes.get("action") or "/").startswith("/"):
            self.problems.append(f"form to another site: {where}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler {name}: {where}")
            elif name == "style":
                self.problems.append(f"inline style: {where}")
            elif name == "srcdoc":
                self.problems.append(f"srcdoc: {where}")
            elif name in URL_ATTRIBUTES:
                urls = (
                    [p.strip().split(" ")[0] for p in value.split(",")]
                    if name == "srcset"
                    else [value]
                )
                for url in urls:
                    if BAD_SCHEME.match(_scheme_part(url)):
                        self.problems.append(f"{name}={url[:40]!r}: {where}")
                    if FOREIGN_HOST in url and tag in ("img", "script", "link", "source", "iframe"):
                        self.problems.append(f"foreign resource: {where}")

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            text = "".join(self._script)
            self._script = None
            try:
                json.loads(text)
            except ValueError:
                # A JSON-LD block that is not JSON was broken out of by a value inside it.
                self.problems.append(f"JSON-LD block is not JSON: {text[:120]!r}")


def executable_parts(html):
    """Everything in the page that could run code; an empty list for a clean page."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems
