"""Vietnamese text helpers: cleaning what people type, slugs, and diacritic-free folding for search."""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus a combining mark.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O", "ß": "ss"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")

# Every way of breaking a line that pasted text brings: Windows and old Mac line ends, Word's manual
# line break (a vertical tab), form feeds, NEL, and Unicode's line and paragraph separators.
_LINE_BREAK = re.compile(r"[\r\v\f\x85\u2028\u2029]")
_BREAK_AND_SPACES = re.compile(r"\s*\n\s*")
# Zero-width characters that word processors and web pages leave behind; they carry no text.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Bidirectional embeddings, overrides and isolates: invisible, they reorder what a reader sees.
# The marks (U+200E, U+200F) stay: right-to-left text needs them and they reorder nothing.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 and C1 controls (but tab and newline) mean nothing in text, break XML and terminals, and
# PostgreSQL refuses NUL; lone surrogates cannot be encoded at all.
_DROP = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff{ZERO_WIDTH}{BIDI_CONTROLS}]")


def clean_text(value, *, multiline=False):
    """Text as it should be stored, whoever typed or pasted it: NFC (the composed form that
    Vietnamese keyboards on Windows produce; macOS and some web pages send "ô" as "o" + "̂"),
    without control, zero-width or bidirectional-override characters, a tab as a space.

    `multiline` text keeps its line breaks, each as one newline character; otherwise a line break and the spaces
    around it become one space, and the ends are trimmed. Anything that is not a string is
    returned as it is. Cleaning twice changes nothing.
    """
    if not isinstance(value, str) or not value:
        return value
    text = _LINE_BREAK.sub("\n", value.replace("\r\n", "\n"))
    text = _DROP.sub("", text).replace("\t", " ")
    # After the removals: a combining mark that followed a zero-width space joins its letter.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not multiline:
        text = _BREAK_AND_SPACES.sub(" ", text).strip()
    return text


def strip_diacritics(text):
    """Remove Vietnamese (and other Latin) diacritics, keeping case: "Đoàn" → "Doan"."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text or ""))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_SPECIAL)


def fold_vi(text):
    """Lowercase, diacritic-free, space-normalised text for search: "Công Đoàn" → "cong doan"."""
    # Lowercasing can make a special letter ("ẞ" → "ß"): map again, so folding twice changes nothing.
    return _SPACES.sub(" ", strip_diacritics(text).lower().translate(_SPECIAL)).strip()


def slugify_vi(text, max_length=None):
    """An ASCII slug that reads right for Vietnamese: "Lâm Đồng 2015–2020" → "lam-dong-2015-2020".

    The admin's slug prepopulation (static/js/admin-slug.js) implements the same rules, and a test
    checks that both give the same slug.
    """
    slug = _NON_ALNUM.sub("-", strip_diacritics(text).lower()).strip("-")
    if max_length:
        slug = slug[:max_length].rstrip("-")
    return slug


def unique_slug(model, text, *, instance_pk=None, max_length=200, fallback="muc", field="slug"):
    """slugify_vi(text), with -2, -3… appended until no other row of `model` has it (two people
    may share a name: Nguyễn Thị Hoa is common; two articles may share a title) and it is not one
    of the model's RESERVED_SLUGS (paths such as "rss" that sit beside the detail pages)."""
    base = slugify_vi(text, max_length=max_length - 4) or fallback
    others = model._default_manager.all()
    if instance_pk:
        others = others.exclude(pk=instance_pk)
    reserved = getattr(model, "RESERVED_SLUGS", ())
    slug, n = base, 1
    while slug in reserved or others.filter(**{field: slug}).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class AutoSlug:
    """A model mixin: a slug left empty is made from `slug_from` on save (unique_slug, within
    the slug field's length or `slug_max_length`); a slug an editor typed, or one made before, is
    kept as it is. A model whose slug comes from more than one field overrides slug_text()."""

    slug_from = "name"
    slug_fallback = "muc"
    slug_max_length = None  # the field's own length

    def slug_text(self):
        """The text the slug is made from; None leaves the slug empty for now."""
        return getattr(self, self.slug_from)

    def fill_slug(self):
        """Make the slug now if it is empty, or one of the model's RESERVED_SLUGS (a dry run shows
        the address a save would give)."""
        if self.slug and self.slug not in getattr(self, "RESERVED_SLUGS", ()):
            return False
        text = self.slug_text()
        if text is None:
            if self._meta.get_field("slug").null:
                self.slug = None  # several rows may wait without an address; "" would clash
            return False
        self.slug = unique_slug(
            self._meta.concrete_model,
            text,
            instance_pk=self.pk,
            max_length=self.slug_max_length or self._meta.get_field("slug").max_length,
            fallback=self.slug_fallback,
        )
        return True

    def save(self, *args, **kwargs):
        if self.fill_slug() and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)
