import unicodedata

import pytest

from core.text import fold_vi, slugify_vi

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
