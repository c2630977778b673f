"""Property-based tests (hypothesis) of the Vietnamese text helpers and the search query parser:
whatever anyone types, slugs stay clean, folding is stable and a query never breaks the search."""

import re
import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from core.search import MAX_QUERY_LENGTH, MAX_TERMS, highlight, index_text, parse_query
from core.text import fold_vi, slugify_vi

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TERM = re.compile(r"^[a-z0-9]+$")

VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
VIETNAMESE = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "0123456789 -–—.,:;!?/'\"«»()"

# Anything at all (every Unicode category but surrogates), and Vietnamese as editors type it.
any_text = st.text(max_size=300)
vietnamese_text = st.text(alphabet=VIETNAMESE, max_size=200)
texts = st.one_of(any_text, vietnamese_text)

modest = settings(max_examples=200, deadline=None)


# slugify_vi --------------------------------------------------------------------------------------


@modest
@given(texts)
def test_a_slug_is_empty_or_lowercase_ascii_words_joined_by_single_dashes(text):
    slug = slugify_vi(text)
    assert slug == "" or SLUG.match(slug), slug
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug


@modest
@given(texts)
def test_slugifying_a_slug_changes_nothing(text):
    slug = slugify_vi(text)
    assert slugify_vi(slug) == slug


@modest
@given(texts)
def test_composed_and_decomposed_text_give_the_same_slug(text):
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    assert slugify_vi(nfc) == slugify_vi(nfd) == slugify_vi(text)


@modest
@given(texts, st.integers(min_value=1, max_value=120))
def test_a_cut_slug_fits_its_length_and_is_the_start_of_the_whole_slug(text, max_length):
    whole = slugify_vi(text)
    cut = slugify_vi(text, max_length=max_length)
    assert len(cut) <= max_length
    assert whole.startswith(cut)
    assert cut == "" or SLUG.match(cut)


@modest
@given(vietnamese_text)
def test_every_vietnamese_letter_keeps_a_letter_in_the_slug(text):
    letters = [ch for ch in text if ch.isalpha()]
    slug = slugify_vi(text)
    assert len(slug.replace("-", "")) == len(letters) + sum(ch.isdigit() for ch in text)


# fold_vi -----------------------------------------------------------------------------------------


@modest
@given(texts)
def test_folding_folded_text_changes_nothing(text):
    folded = fold_vi(text)
    assert fold_vi(folded) == folded


@modest
@given(texts)
def test_folded_text_has_no_marks_no_capitals_and_single_spaces(text):
    folded = fold_vi(text)
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert folded == folded.strip()
    assert not re.search(r"\s\s", folded)
    assert folded == folded.lower()


@modest
@given(texts)
def test_composed_and_decomposed_text_fold_alike(text):
    assert fold_vi(unicodedata.normalize("NFC", text)) == fold_vi(
        unicodedata.normalize("NFD", text)
    )


@modest
@given(st.text(alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "0123456789 "))
def test_vietnamese_words_fold_to_plain_ascii(text):
    assert fold_vi(text).isascii()


def test_folding_twice_changes_nothing_even_for_a_capital_sharp_s():
    """Found by the property above: "ẞ" lowercases to "ß", which folds on to "ss"."""
    assert fold_vi("ẞ") == fold_vi("ß") == "ss"


# parse_query -------------------------------------------------------------------------------------


@modest
@given(st.one_of(texts, st.text(min_size=190, max_size=5000), st.none()))
def test_a_query_never_breaks_and_its_terms_are_few_short_folded_words(raw):
    query = parse_query(raw)
    assert len(query.raw) <= MAX_QUERY_LENGTH
    assert len(query.terms) <= MAX_TERMS
    assert len(set(query.terms)) == len(query.terms)
    for term in query.terms:
        assert TERM.match(term), term
        assert 1 <= len(term) <= 50
    assert bool(query) == bool(query.terms)
    assert query.too_long == (len((raw or "").strip()) > MAX_QUERY_LENGTH)


@modest
@given(texts)
def test_every_term_comes_from_the_folded_query(raw):
    query = parse_query(raw)
    words = re.findall(r"[a-z0-9]+", fold_vi(query.raw))
    for term in query.terms:
        assert any(word.startswith(term) for word in words)


@modest
@given(vietnamese_text)
def test_a_text_is_found_by_a_search_for_its_own_words(text):
    query = parse_query(text)
    # A word longer than a term may be (50 letters) is not a word anyone searches for.
    assume(all(len(word) <= 50 for word in re.findall(r"[a-z0-9]+", fold_vi(text))))
    indexed = index_text(text)
    for term in query.terms:
        assert f" {term} " in indexed


@modest
@given(texts, st.lists(st.from_regex(TERM, fullmatch=True), max_size=4))
def test_highlighting_never_lets_markup_through(text, terms):
    html = str(highlight(text, terms))
    assert "<" not in html.replace("<mark>", "").replace("</mark>", "")
