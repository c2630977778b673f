"""Site search: the query parser, the highlighter and the registry of searchable kinds.

Each app registers a source (news articles, worker profiles, agreements) from its AppConfig.ready();
this module knows none of them. Every source matches folded text (lowercase, no diacritics), so
"cong doan", "CÔNG ĐOÀN" and a decomposed "công đoàn" find the same things. On PostgreSQL the folded
columns carry a pg_trgm GIN index, which serves the LIKE '%term%' lookups.
"""

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
# Straight, curly and French quotes: what a phone's keyboard or a copy from Word gives.
_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]*)(?:[\"“”„«»]|$)")

# A result's rank (the `search_rank` each source annotates): the phrase before scattered words,
# and within each the title first.
PHRASE_IN_TITLE, PHRASE, WORDS_IN_TITLE, WORDS = 3, 2, 1, 0


@dataclass
class Query:
    raw: str
    terms: list = field(default_factory=list)  # distinct folded words: each must be found
    words: list = field(default_factory=list)  # the folded words in order: the phrase
    phrases: list = field(default_factory=list)  # what was typed in quotes: found as it stands
    too_long: bool = False

    def __bool__(self):
        return bool(self.terms)

    def __iter__(self):
        # Code written for a list of terms (`for term in terms`) keeps working with a Query.
        return iter(self.terms)

    @property
    def phrase(self):
        return " ".join(self.words)

    @property
    def phrase_only(self):
        return self.phrases == [self.phrase]

    @property
    def loose_terms(self):
        """The words outside every quoted phrase."""
        quoted = {word for phrase in self.phrases for word in phrase.split()}
        return [term for term in self.terms if term not in quoted]


def _words(text):
    return _TOKEN.findall(fold_vi(text))


def parse_query(raw):
    """Split what a visitor typed into folded search terms; symbols and excess are dropped.
    Words in quotes ("công đoàn") must be found together, in that order."""
    raw = (raw or "").strip()
    too_long = len(raw) > MAX_QUERY_LENGTH
    raw = raw[:MAX_QUERY_LENGTH]
    words = [word[:50] for word in _words(raw)][: MAX_TERMS * 2]
    terms = list(dict.fromkeys(w for w in words if len(w) >= MIN_TERM_LENGTH))[:MAX_TERMS]
    words = [w for w in words if w in terms]
    phrases = []
    for quoted in _QUOTED.findall(raw):
        phrase = " ".join(w[:50] for w in _words(quoted) if w[:50] in terms)
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return Query(raw=raw, terms=terms, words=words, phrases=phrases, too_long=too_long)


def as_query(query):
    """A Query from a Query, a list of folded terms (older callers) or what a visitor typed."""
    if isinstance(query, Query):
        return query
    if isinstance(query, str):
        return parse_query(query)
    return Query(raw=" ".join(query), terms=list(query), words=list(query))


def index_text(*parts):
    """What a search column holds: folded words, each between spaces (" cong doan lam dong "),
    so that a term matches whole words: "doan" finds "Đoàn" but not "doanh nghiệp"."""
    words = _words(" ".join(p for p in parts if p))
    return f" {' '.join(words)} " if words else ""


def match_all(terms, column):
    """A Q that needs every term, as a whole word, in the indexed column."""
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{column}__contains": f" {term} "})
    return condition


def match(query, column="search_text"):
    """A Q for what the visitor asked: every quoted phrase as it stands and every other word, each
    a whole-word LIKE that the column's trigram index serves."""
    query = as_query(query)
    return match_all([*query.phrases, *query.loose_terms], column)


def rank(query, title="search_title", text="search_text"):
    """The result's rank: the phrase in the title, the phrase anywhere, every word in the title,
    every word somewhere. The text column holds the title too."""
    query = as_query(query)
    phrase = f" {query.phrase} "
    if len(query.words) == 1 or query.phrase_only:
        # Every result has the phrase: only the title tells them apart, and the long text is
        # not read twice.
        return Case(
            When(**{f"{title}__contains": phrase}, then=Value(PHRASE_IN_TITLE)),
            default=Value(PHRASE),
            output_field=IntegerField(),
        )
    return Case(
        When(**{f"{title}__contains": phrase}, then=Value(PHRASE_IN_TITLE)),
        When(**{f"{text}__contains": phrase}, then=Value(PHRASE)),
        When(match_all(query.terms, title), then=Value(WORDS_IN_TITLE)),
        default=Value(WORDS),
        output_field=IntegerField(),
    )


def ranked(queryset, query, *then):
    """The rows of `queryset` that match the query, annotated with search_rank, best first, then
    in the order `then` names: what most sources' search function returns."""
    return (
        queryset.filter(match(query))
        .annotate(search_rank=rank(query))
        .order_by("-search_rank", *then)
    )


def title_rank(terms, column):
    """1 when every term is in the folded title, else 0: title matches rank first."""
    return Case(
        When(match_all(terms, column), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def marks(query, obj=None):
    """What a result highlights: the phrase where it has the phrase, else each word asked for.
    A result found through the phrase does not light a lone "Công" of "Công ty"."""
    query = as_query(query)
    if len(query.words) > 1 and getattr(obj, "search_rank", WORDS) >= PHRASE:
        return [query.phrase]
    return [*query.phrases, *query.loose_terms]


class _FoldTable(dict):
    """str.translate's table: each character to its folded letter, one for one (a letter that
    folds to two keeps the first, one that folds to none becomes a space), so that positions in
    the folded text are positions in the original. Filled as characters come: a results page
    folds some twenty thousand characters, of a few hundred distinct ones."""

    def __missing__(self, code):
        folded = strip_diacritics(chr(code)).lower()[:1] or " "
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def _folded_words(text):
    """The folded words of text with their (start, end) in it, text being NFC."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text.translate(_FOLD))]


def _spans(text, patterns, found=None):
    """Where each pattern (one folded word, or several: a phrase) stands in text as whole words;
    found, if given, collects the patterns that stand there."""
    words = _folded_words(text)
    tokens = [w for w, _, _ in words]
    spans = []
    for pattern in patterns:
        wanted = pattern.split()
        n = len(wanted)
        for i in range(len(tokens) - n + 1) if n else ():
            if tokens[i : i + n] == wanted:
                # Each word its own mark, as a reader sees words: "<mark>Công</mark> <mark>đoàn</mark>".
                spans.extend((start, end) for _, start, end in words[i : i + n])
                if found is not None:
                    found.add(pattern)
    return sorted(spans)


def highlight(text, terms):
    """HTML-escaped text with each whole-word match wrapped in <mark>, diacritics kept. Each of
    terms is a folded word or a phrase of them (from marks())."""
    text = unicodedata.normalize("NFC", text or "")
    spans = _spans(text, list(terms)) if terms else []
    if not spans:
        return escape(text)
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


def _window(text, first, length):
    if len(text) <= length:
        return text
    start = max(0, first - length // 3)
    window = text[start : start + length]
    if start > 0:
        window = "…" + window.split(" ", 1)[-1]
    if start + length < len(text):
        window = window.rsplit(" ", 1)[0] + "…"
    return window


def _plain(text):
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


def snippet(text, terms, length=220):
    """A window of plain text around the first whole-word match, for a result line."""
    text = _plain(text)
    spans = _spans(text, list(terms)) if terms else []
    return _window(text, spans[0][0] if spans else 0, length)


def passage(texts, patterns, length=220):
    """The passage where a result matched, highlighted: from the first of texts that holds the
    most of patterns, so that a result never shows a line with nothing lit while its match is
    elsewhere (its quote, its achievements). texts may be lazy (a generator): those after one
    holding every pattern are never read."""
    patterns = list(patterns)
    best, best_spans, best_found = "", [], -1
    for text in texts:
        text = _plain(text)
        if not text:
            continue
        found = set()
        spans = _spans(text, patterns, found)
        if len(found) > best_found:
            best, best_spans, best_found = text, spans, len(found)
            if best_found == len(set(patterns)):
                break
    return highlight(_window(best, best_spans[0][0] if best_spans else 0, length), patterns)


@dataclass
class Source:
    """A kind of thing the site search finds."""

    key: str
    label: str  # shown on each result: "Tin tức", "Điển hình tiên tiến", …
    search: callable  # (query) -> queryset annotated with search_rank (rank()), best first
    result: callable  # (obj, query) -> Result; marks(query, obj) says what to highlight
    order: int = 0  # the kinds' order on the page and in its tabs: news first
    paginate: bool = False  # the main list of the "Tất cả" tab; other kinds show as blocks after
    limit: int = 0  # the most results it gives (the newest matches); 0: all of them
    tab: str = ""  # the tab's short name ("Chương trình"); the label if empty
    slug: str = ""  # the tab's address (?loai=chuong-trinh); the key if empty
    # (obj) -> everything its result shows but the query and its rank, as values whose repr()
    # tells them apart: the rendered result is then kept per query while they are the same.
    # None: rendered on every search.
    fingerprint: callable = None
    # The page-cache sections (core.pagecache) its results show: the search page keeps its
    # results per query while they hold (federation.search_results), whatever changes elsewhere.
    # Empty: every section.
    sections: tuple = ()

    def __post_init__(self):
        self.tab = self.tab or self.label
        self.slug = self.slug or self.key


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

    SEARCH_COLUMNS = ("search_title", "search_text")

    def save(self, *args, **kwargs):
        self.compute_search_columns()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.SEARCH_COLUMNS}
        super().save(*args, **kwargs)

    def compute_search_columns(self):
        """Set the indexed columns from the row (save() and reindex_search both come here)."""
        self.search_title = index_text(self.search_title_source())
        self.search_text = index_text(*self.search_parts())

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
