"""Imported bylines matched to pen names, and the list of those left for an editor to match."""

from pathlib import Path

import pytest

from news import importer
from news.models import Article, PenName
from tests.factories import make_article, make_category, make_user

pytestmark = pytest.mark.django_db

SAFETY = Path(__file__).parent / "fixtures" / "import" / "01-tap-huan-an-toan-lao-dong.txt"
LIST_URL = "/quan-tri/news/article/"


def import_text(text, name="bai.txt"):
    report = next(
        importer.import_files(
            [(name, text.encode())], status=Article.Status.PUBLISHED, category=make_category()
        )
    )
    assert report.error is None, report.error
    return report.result.article


def article_text(byline, title="Hội nghị người lao động năm 2024"):
    return (
        f"{title}\n\n08:15, 09/04/2024\n\n(LĐ online) - Sapo của bài.\n\n"
        f"Đoạn nội dung thứ nhất.\n\n{byline}\n"
    )


def test_imported_byline_is_matched_to_the_pen_name_whatever_its_dots_and_case():
    quynh = PenName.objects.create(name="D. Quỳnh", user=make_user())
    article = import_text(article_text("D.QUỲNH"))
    assert list(article.pen_names.all()) == [quynh]
    assert article.byline == "D.QUỲNH"  # the text as imported stays on record
    assert article.byline_display == "D. Quỳnh"


def test_imported_byline_of_two_pen_names_is_matched_in_order():
    first = PenName.objects.create(name="T.N", user=make_user())
    second = PenName.objects.create(name="H.A", user=make_user())
    article = import_text(article_text("H.A - T.N"))
    assert [link.pen_name for link in article.pen_name_links.all()] == [second, first]


def test_byline_without_a_pen_name_is_listed_for_an_editor(admin_client):
    PenName.objects.create(name="T.N", user=make_user())
    unknown = import_text(article_text("VĂN KHÁNH", title="Bài một"))
    half = import_text(article_text("T.N - X.Y", title="Bài hai"))  # one name unknown: no guess
    matched = import_text(article_text("T.N", title="Bài ba"))
    make_article(title="Bài không ghi tác giả", byline="")
    page = admin_client.get(LIST_URL, {"but-danh": "chua-khop"}).content.decode()
    assert "Dòng tác giả chưa khớp bút danh" in page
    assert unknown.title in page and half.title in page
    assert matched.title not in page and "Bài không ghi tác giả" not in page


def test_editor_links_a_pen_name_to_the_selected_articles(admin_client):
    article = import_text(article_text("VĂN KHÁNH"))
    pen_name = PenName.objects.create(name="Văn Khánh", user=make_user())
    data = {"action": "link_pen_name", "_selected_action": [article.pk]}
    form = admin_client.post(LIST_URL, data)
    assert "Gắn bút danh cho bài viết" in form.content.decode()
    done = admin_client.post(LIST_URL, {**data, "apply": "1", "pen_name": pen_name.pk})
    assert done.status_code == 302
    assert list(article.pen_names.all()) == [pen_name]
    page = admin_client.get(LIST_URL, {"but-danh": "chua-khop"}).content.decode()
    assert article.title not in page


def test_matching_action_links_bylines_once_the_pen_name_exists(admin_client):
    article = import_text(article_text("VĂN KHÁNH"))
    assert not article.pen_names.exists()
    pen_name = PenName.objects.create(name="Văn Khánh", user=make_user())
    admin_client.post(LIST_URL, {"action": "match_bylines", "_selected_action": [article.pk]})
    assert list(article.pen_names.all()) == [pen_name]


def test_pen_name_autocomplete_finds_without_diacritics_or_dots(admin_client):
    PenName.objects.create(name="D.QUỲNH", user=make_user())
    response = admin_client.get(
        "/quan-tri/autocomplete/",
        {
            "term": "d quynh",
            "app_label": "news",
            "model_name": "article",
            "field_name": "pen_names",
        },
    )
    assert [item["text"] for item in response.json()["results"]] == ["D.QUỲNH"]


def test_article_form_saves_pen_names_in_the_order_chosen(admin_client):
    from tests.news.admin_helpers import change_url, form_errors, open_form

    first = PenName.objects.create(name="Bút danh A", user=make_user())
    second = PenName.objects.create(name="Bút danh B", user=make_user())
    article = make_article(status=Article.Status.DRAFT)
    data = open_form(admin_client, change_url(article))
    data["pen_name_choice"] = [str(second.pk), str(first.pk)]
    response = admin_client.post(change_url(article), data)
    assert response.status_code == 302, form_errors(response)
    assert article.byline_display == "Bút danh B, Bút danh A"
    page = admin_client.get(change_url(article)).content.decode()
    assert page.index("Bút danh B</option>") < page.index("Bút danh A</option>")
