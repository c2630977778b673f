"""One sanitizer, one allowlist, for every rich-text field: article bodies, agreement texts and
worker achievements. It keeps what CKEditor 5 produces and drops scripts, event handlers, inline
styles and any URL that is not http(s), mailto or tel. Images must come from our own media. The
text in it is cleaned as every other text is (core.text.clean_text)."""

import html
import re

import nh3
from django.conf import settings
from django_ckeditor_5.fields import CKEditor5Field

from core.text import clean_text

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark",
    "blockquote", "ul", "ol", "li", "a", "figure", "figcaption", "img", "picture", "source",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "code", "pre", "span",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes"},
    "source": {"srcset", "sizes", "type"},
    "figure": {"class"},
    "table": {"class"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "span": {"class"},
    "p": {"class"},
}
# CKEditor's classes for image alignment, tables and text alignment; any other class is dropped.
ALLOWED_CLASSES = {
    "image", "image-style-side", "image-style-align-left", "image-style-align-right",
    "image-style-align-center", "image-style-block-align-left", "image-style-block-align-right",
    "image_resized", "table", "text-tiny", "text-small", "text-big", "text-huge",
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_DIMENSION = re.compile(r"^\d{1,4}$")
_BLOCK_END = re.compile(r"<(?:br|/p|/h\d|/li|/td|/th|/figcaption|/blockquote|/tr)\b[^>]*>", re.I)


def _own_media(url):
    """Images may only come from this site's own media, never from another host or data: URL."""
    media = settings.MEDIA_URL
    # Browsers read "%2e%2e" as ".." and "\\" as "/": either could climb out of the media folder.
    return (
        url.startswith(media)
        and not url.startswith("//")
        and ".." not in url
        and "%2e" not in url.lower()
        and "\\" not in url
    )


def _filter(tag, attribute, value):
    if attribute == "class":
        kept = [name for name in value.split() if name in ALLOWED_CLASSES]
        return " ".join(kept) or None
    if tag in ("img", "source") and attribute == "src":
        return value if _own_media(value) else None
    if tag in ("img", "source") and attribute == "srcset":
        urls = [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
        return value if urls and all(_own_media(u) for u in urls) else None
    if attribute in ("width", "height"):
        return value if _DIMENSION.match(value) else None
    return value


def sanitize_html(value):
    """Clean HTML that came from an editor (or from anyone posting a form)."""
    if not value:
        return ""
    cleaned = nh3.clean(
        value,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_filter,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )
    # An image whose source was not ours has lost its src: drop what is left of it.
    cleaned = re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", cleaned)
    # After nh3, which writes a character reference ("&#x202e;") back as the character itself.
    return clean_text(cleaned, multiline=True)


def html_to_text(value):
    """Plain text of an HTML fragment, for search and descriptions."""
    spaced = _BLOCK_END.sub(" ", value or "")
    text = nh3.clean(spaced, tags=set(), clean_content_tags={"script", "style"})
    text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


class RichTextField(CKEditor5Field):
    """CKEditor 5 in the admin; sanitized on every save, whoever saves it and however."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
