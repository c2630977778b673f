"""No test sees what another left behind in the process: the factories' numbering and the
pending read counts start afresh (tests/conftest.py), whatever ran before and in what order."""

import pytest

from news import popularity
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("run", [1, 2])
def test_every_test_numbers_its_rows_from_one(run):
    assert make_category().name == "Chuyên mục 1"
    article = make_article()
    assert article.title == "Bài viết số 2 về hoạt động công đoàn"


@pytest.mark.parametrize("run", [1, 2])
def test_no_read_is_pending_when_a_test_starts(run):
    assert popularity.counter().drain() == {}
    article = make_article()
    popularity.record_view(article.pk)
    assert popularity.counter().drain() == {article.pk: 1}
    popularity.record_view(article.pk)  # left pending, for the next test not to see
