"""Vietnamese text helpers: slugs and diacritic-free folding for search."""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus a combining mark.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O", "ß": "ss"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


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
