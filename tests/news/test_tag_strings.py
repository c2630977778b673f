"""Tags read as editors write them: no quotes, one tag between two commas."""

import html
import re

import pytest

from news.tag_strings import string_from_tags, tags_from_string
from tests.factories import make_article, make_user
from tests.news.admin_helpers import change_url, form_errors, form_fields

pytestmark = pytest.mark.django_db


def test_the_tag_field_shows_names_without_quotes_and_keeps_them_when_saved_again(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    article = make_article(tags=["Lộc Sơn", "công đoàn", "Lao động, việc làm"])
    response = client.get(change_url(article))
    value = html.unescape(re.search(r'name="tags" value="([^"]*)"', response.text).group(1))
    assert value == '"Lao động, việc làm", Lộc Sơn, công đoàn'

    data = form_fields(response)
    assert client.post(change_url(article), data).status_code == 302
    assert sorted(article.tags.names()) == ["Lao động, việc làm", "Lộc Sơn", "công đoàn"]

    # One Vietnamese name alone stays one tag (taggit split it on the space).
    data = form_fields(client.get(change_url(article)))
    data["tags"] = "Lộc Sơn"
    response = client.post(change_url(article), data)
    assert response.status_code == 302, form_errors(response)
    assert list(article.tags.names()) == ["Lộc Sơn"]


@pytest.mark.parametrize(
    "text, names",
    [
        ("Lộc Sơn, công đoàn", ["Lộc Sơn", "công đoàn"]),
        ("  Lộc   Sơn ,, công đoàn, Lộc Sơn ", ["Lộc Sơn", "công đoàn"]),
        ('"Lao động, việc làm", Tết', ["Lao động, việc làm", "Tết"]),
        ('"Báo ""Lao động"""', ['Báo "Lao động"']),
        ("", []),
    ],
)
def test_tag_text_reads_and_writes_back_the_same_names(text, names):
    assert tags_from_string(text) == names

    class Named:
        def __init__(self, name):
            self.name = name

    assert tags_from_string(string_from_tags([Named(n) for n in names])) == names
