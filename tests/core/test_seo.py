"""The one meta-description cut (core.seo.describe) that articles, agreements and profiles share."""

from hypothesis import given
from hypothesis import strategies as st

from core.seo import DESCRIPTION_LENGTH, describe
from tests.factories import make_article


@given(st.text(alphabet=st.sampled_from("aăâđ êôơư \n\tBCĐ"), max_size=400))
def test_a_description_is_one_line_within_160_characters_and_cut_at_a_word(text):
    folded = " ".join(text.split())
    result = describe(text)
    assert len(result) <= DESCRIPTION_LENGTH
    assert "\n" not in result and "  " not in result
    if len(folded) <= DESCRIPTION_LENGTH:
        assert result == folded
    else:
        assert result.endswith("…")
        kept = result.removesuffix("…")
        assert folded.startswith(kept)
        assert kept == folded[: len(kept)] and (kept == "" or " " in folded[len(kept) - 1 :])


def test_the_models_use_it(db):
    lead = "Công đoàn " * 30
    assert make_article(lead=lead).description == describe(lead)
