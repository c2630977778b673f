"""Site search: the query parser, the highlighter and the registry of searchable kinds.

Each app registers a source (news articles, worker profiles, agreements) from its AppConfig.ready();
this module knows none of them. Every source matches folded text (lowercase, no diacritics), so
"cong doan", "CÔNG ĐOÀN" and a decomposed "công đoàn" find the same things. On PostgreSQL the folded
columns carry a pg_trgm GIN index, which serves the LIKE '%term%' lookups.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.text import fold_vi, strip_diacritics

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MIN_TERM_LENGTH = 1
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass
class Query:
    raw: str
    terms: list = field(default_factory=list)
    too_long: bool = False

    def __bool__(self):
        return bool(self.terms)


def parse_query(raw):
    """Split what a visitor typed into folded search terms; symbols and excess are dropped."""
    raw = (raw or "").strip()
    too_long = len(raw) > MAX_QUERY_LENGTH
    raw = raw[:MAX_QUERY_LENGTH]
    terms = []
    for token in _TOKEN.findall(fold_vi(raw)):
        if len(token) >= MIN_TERM_LENGTH and token not in terms:
            terms.append(token[:50])
    return Query(raw=raw, terms=terms[:MAX_TERMS], too_long=too_long)


def index_text(*parts):
    """What a search column holds: folded words, each between spaces (" cong doan lam dong "),
    so that a term matches whole words: "doan" finds "Đoàn" but not "doanh nghiệp"."""
    words = _TOKEN.findall(fold_vi(" ".join(p for p in parts if p)))
    return f" {' '.join(words)} " if words else ""


def match_all(terms, column):
    """A Q that needs every term, as a whole word, in the indexed column."""
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{column}__contains": f" {term} "})
    return condition


def title_rank(terms, column):
    """1 when every term is in the folded title, else 0: title matches rank first."""
    return Case(
        When(match_all(terms, column), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


@functools.lru_cache(maxsize=4096)
def _fold_char(ch):
    # A results page folds some twenty thousand characters, of a few hundred distinct ones.
    return strip_diacritics(ch).lower()


def highlight(text, terms):
    """HTML-escaped text with each folded term match wrapped in <mark>, diacritics kept."""
    text = unicodedata.normalize("NFC", text or "")
    if not terms:
        return escape(text)
    # Fold character by character so positions in the folded text map back to the original.
    folded_chars = [_fold_char(ch) for ch in text]
    if any(len(c) != 1 for c in folded_chars):
        folded_chars = [c[:1] or " " for c in folded_chars]
    folded = "".join(folded_chars)
    spans = []
    for term in terms:
        for match in re.finditer(re.escape(term), folded):
            spans.append((match.start(), match.end()))
    if not spans:
        return escape(text)
    spans.sort()
    merged = [list(spans[0])]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text, terms, length=220):
    """A window of plain text around the first match, for a result line."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    folded = fold_vi(text)
    first = min((folded.find(t) for t in terms if t in folded), default=0)
    start = max(0, first - length // 3)
    window = text[start : start + length]
    if start > 0:
        window = "…" + window.split(" ", 1)[-1]
    if start + length < len(text):
        window = window.rsplit(" ", 1)[0] + "…"
    return window


@dataclass
class Source:
    """A kind of thing the site search finds."""

    key: str
    label: str  # shown on each result: "Tin tức", "Điển hình tiên tiến", …
    search: callable  # (terms) -> queryset, best first
    result: callable  # (obj, terms) -> Result
    order: int = 0
    paginate: bool = False  # the main list; other kinds show as a short block above it
    limit: int = 0  # the most results it gives (the newest matches); 0: all of them


@dataclass
class Result:
    """One line of the results page, whatever its kind."""

    kind: str
    url: str
    title: str  # HTML, highlighted
    summary: str = ""  # HTML, highlighted
    date: object = None
    picture: str = ""  # HTML


def result_for(source, obj, terms):
    result = source.result(obj, terms)
    result.kind = source.label
    return result


_sources = {}


def register(source):
    _sources[source.key] = source


def sources():
    return sorted(_sources.values(), key=lambda s: s.order)


class Searchable(models.Model):
    """A model the site search finds: it says what its title and its text are, and keeps the
    indexed columns (trigram-indexed on PostgreSQL) in step on every save."""

    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_title = index_text(self.search_title_source())
        self.search_text = index_text(*self.search_parts())
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_title", "search_text"}
        super().save(*args, **kwargs)

    def search_title_source(self):
        raise NotImplementedError

    def search_parts(self):
        """Every text the search should find this by; may read related rows once saved."""
        raise NotImplementedError

    def refresh_search_text(self):
        """Related rows (tags, honours, partners) are saved after the row itself."""
        text = index_text(*self.search_parts())
        if text != self.search_text:
            self.search_text = text
            type(self)._default_manager.filter(pk=self.pk).update(search_text=text)
