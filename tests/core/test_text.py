"""The Vietnamese text helpers: cleaning, slugs and folding, by examples and by properties."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.text import BIDI_CONTROLS, ZERO_WIDTH, clean_text, fold_vi, slugify_vi

TITLES = [
    ("Liên đoàn Lao động tỉnh Lâm Đồng", "lien-doan-lao-dong-tinh-lam-dong"),
    ("Hoạt động công đoàn", "hoat-dong-cong-doan"),
    ("Điển hình tiên tiến giai đoạn 2015–2020", "dien-hinh-tien-tien-giai-doan-2015-2020"),
    (
        "Hội nghị truyền thông công đoàn - Sáng tạo, hiệu quả, đa dạng",
        "hoi-nghi-truyen-thong-cong-doan-sang-tao-hieu-qua-da-dang",
    ),
    ("Số 05/CTPH-LĐLĐ", "so-05-ctph-ldld"),
    ("  Đà Lạt: “Tháng Công nhân” năm 2026!  ", "da-lat-thang-cong-nhan-nam-2026"),
    ("ĐOÀN VIÊN NGƯỜI DÂN TỘC K’HO", "doan-vien-nguoi-dan-toc-k-ho"),
]


@pytest.mark.parametrize(("title", "slug"), TITLES)
def test_slugify_vi_reads_right_for_vietnamese_titles(title, slug):
    assert slugify_vi(title) == slug


@pytest.mark.parametrize(("title", "slug"), TITLES)
def test_slugify_vi_gives_the_same_slug_for_decomposed_text(title, slug):
    assert slugify_vi(unicodedata.normalize("NFD", title)) == slug


def test_slugify_vi_keeps_years_apart_across_an_en_dash():
    assert slugify_vi("2015–2020") == "2015-2020"
    assert slugify_vi("2021—2023") == "2021-2023"


def test_slugify_vi_truncates_without_a_trailing_dash():
    assert slugify_vi("Công đoàn cơ sở", max_length=11) == "cong-doan-c"
    assert slugify_vi("Công đoàn cơ sở", max_length=10) == "cong-doan"


def test_slugify_vi_of_symbols_only_is_empty():
    assert slugify_vi("!!! — ???") == ""


@pytest.mark.parametrize(
    "query",
    [
        "cong doan",
        "CÔNG ĐOÀN",
        "công đoàn",
        unicodedata.normalize("NFD", "công đoàn"),
        "Công  Đoàn ",
    ],
)
def test_fold_vi_matches_every_spelling_of_cong_doan(query):
    assert fold_vi(query) == "cong doan"


def test_fold_vi_folds_every_vietnamese_vowel():
    vowels = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    assert set(fold_vi(vowels)) <= set("aeiouyd")
    assert fold_vi(vowels.upper()) == fold_vi(vowels)


def test_fold_vi_of_nothing_is_empty():
    assert fold_vi(None) == ""
    assert fold_vi("") == ""


# clean_text ---------------------------------------------------------------------------------------

NFD_CONG_DOAN = unicodedata.normalize("NFD", "Công đoàn")


def test_clean_text_composes_vietnamese_typed_decomposed():
    assert (len(NFD_CONG_DOAN), len("Công đoàn")) == (11, 9)
    assert clean_text(NFD_CONG_DOAN) == "Công đoàn"
    assert clean_text(NFD_CONG_DOAN, multiline=True) == "Công đoàn"


@pytest.mark.parametrize(
    ("typed", "single_line", "multiline"),
    [
        ("Công\x1b[31m đoàn", "Công[31m đoàn", "Công[31m đoàn"),
        ("Công\u200b đoàn\u2060", "Công đoàn", "Công đoàn"),
        ("\ufeffCông đoàn", "Công đoàn", "Công đoàn"),
        ("\u202eCông đoàn\u202c \u2066x\u2069", "Công đoàn x", "Công đoàn x"),
        ("Công\tđoàn", "Công đoàn", "Công đoàn"),
        ("Dòng một\r\nDòng hai", "Dòng một Dòng hai", "Dòng một\nDòng hai"),
        ("Một \r\n\r\n  Hai\rBa", "Một Hai Ba", "Một \n\n  Hai\nBa"),
        ("Word\x0bxuống dòng\x0cđây", "Word xuống dòng đây", "Word\nxuống dòng\nđây"),
        ("a\u2028b\u2029c\x85d", "a b c d", "a\nb\nc\nd"),
        ("nul\x00 del\x7f c1\x9b", "nul del c1", "nul del c1"),
        ("  Tiêu đề  \n", "Tiêu đề", "  Tiêu đề  \n"),
    ],
)
def test_clean_text_drops_invisible_characters_and_shapes_lines(typed, single_line, multiline):
    assert clean_text(typed) == single_line
    assert clean_text(typed, multiline=True) == multiline


def test_a_combining_mark_after_a_zero_width_space_joins_its_letter():
    assert clean_text("Co\u200b\u0302ng") == "Công"


@pytest.mark.parametrize(
    "text",
    [
        "Liên đoàn Lao động tỉnh Lâm Đồng: Ấp Ếch, Ỷ Ỹ Ỵ, ươ ƯƠ",
        "工会 · 労働組合 · 노동조합",
        "Профсоюз · Συνδικάτο",
        "ສະຫະພັນ · សហជីព · สหภาพแรงงาน · श्रमिक",
        "نقابة العمال \u200f(2026)\u200e · איגוד",
        "K’Ho, Churu, Mạ: Bơ Nah Riêng",
        "🇻🇳 👷🏽 ✊ ①②③ ½ ™ « » – — …",
    ],
)
def test_clean_text_keeps_every_script_and_symbol(text):
    assert clean_text(text) == text
    assert clean_text(text, multiline=True) == text


def test_clean_text_leaves_what_is_not_text_alone():
    for value in [None, "", 0, 3.5, b"\x1b"]:
        assert clean_text(value) == value


FORBIDDEN = set(ZERO_WIDTH + BIDI_CONTROLS + "\t\r\x0b\x0c\x85\u2028\u2029")
# Characters an editor may keep: anything printable, spaces, newlines, in any script.
kept_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs"), blacklist_characters=sorted(FORBIDDEN)
    )
    | st.just("\n"),
    max_size=200,
)
modest = settings(max_examples=300, deadline=None)


@modest
@given(st.text(max_size=300), st.booleans())
def test_cleaned_text_is_composed_and_free_of_invisible_characters(text, multiline):
    cleaned = clean_text(text, multiline=multiline)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert not FORBIDDEN & set(cleaned)
    assert not [ch for ch in cleaned if unicodedata.category(ch) in ("Cc", "Cs") and ch != "\n"]
    if not multiline:
        assert "\n" not in cleaned and cleaned == cleaned.strip()
    assert clean_text(cleaned, multiline=multiline) == cleaned


@modest
@given(kept_text)
def test_clean_text_changes_nothing_but_the_composition_of_clean_text(text):
    assert clean_text(text, multiline=True) == unicodedata.normalize("NFC", text)


@modest
@given(st.text(alphabet="aăâeêioôơuưyđAĂÂĐ \u0300\u0301\u0303\u0309\u0323", max_size=60))
def test_vietnamese_typed_decomposed_or_composed_is_stored_the_same(text):
    composed, decomposed = (unicodedata.normalize(form, text) for form in ("NFC", "NFD"))
    assert clean_text(decomposed) == clean_text(composed)
