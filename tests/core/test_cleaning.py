"""Text is stored clean however it arrives: typed in the admin (a real POST, each app), saved by a
script, or pasted with control, zero-width and bidi-override characters or decomposed Vietnamese;
what the public sees has none of them."""

import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.test import Client

from agreements.models import Agreement, Partner
from federation.workers.models import ExemplaryWorker, Sector
from news.models import Article, Category, Tag
from tests.factories import (
    make_agreement,
    make_article,
    make_category,
    make_editor,
    make_user,
    make_worker,
)
from tests.news.admin_helpers import ADD_URL, form_errors, form_fields, new_article_post

pytestmark = pytest.mark.django_db

CONG_DOAN = "Công đoàn"
NFD = unicodedata.normalize("NFD", CONG_DOAN)
INVISIBLE = ["\x1b", "\u200b", "\u202e", "\ufeff", "\t", "\r"]


def assert_clean(text, *, multiline=False):
    assert unicodedata.is_normalized("NFC", text), repr(text)
    for ch in INVISIBLE:
        assert ch not in text, (ch, text)
    if not multiline:
        assert "\n" not in text, repr(text)


def assert_page_clean(response):
    assert response.status_code == 200
    page = response.content.decode()
    for ch in ["\x1b", "\u200b", "\u202e", "\ufeff"]:
        assert ch not in page, repr(ch)
    assert NFD not in page
    return page


@pytest.fixture
def editor_browser():
    browser = Client()
    browser.force_login(make_editor())
    return browser


# Through the admin -------------------------------------------------------------------------------


def test_an_article_typed_in_the_admin_is_stored_clean_and_published_clean(editor_browser):
    existing = Tag.objects.create(name=CONG_DOAN, slug="cong-doan")
    data = new_article_post(
        make_category(),
        title=f"\ufeff{NFD}\u200b tỉnh \x1b[31mLâm Đồng\u202e\t2026",
        lead=f"Sapo\x1b có\u200b {NFD}\r\nDòng hai\tcột\u202e.",
        byline="\u200bTHU\x1b HÀ\r\n",
        body=f"<p>{NFD}\x1b và&#x202e; ký\u200b tự</p>\r\n<p>Đoạn\thai</p>",
        tags=f"{NFD}, Lao\u200b động",
        _workflow="publish",
    )

    response = editor_browser.post(ADD_URL, data)

    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert article.title == "Công đoàn tỉnh [31mLâm Đồng 2026"
    assert article.slug == "cong-doan-tinh-31mlam-dong-2026"
    assert article.lead == "Sapo có Công đoàn\nDòng hai cột."
    assert article.byline == "THU HÀ"
    assert article.body == "<p>Công đoàn và ký tự</p>\n<p>Đoạn hai</p>"
    assert sorted(article.tags.names()) == ["Công đoàn", "Lao động"]
    assert existing in article.tags.all() and Tag.objects.count() == 2
    page = assert_page_clean(editor_browser.get(article.get_absolute_url()))
    assert "Công đoàn tỉnh [31mLâm Đồng 2026" in page


def test_after_a_validation_error_the_admin_shows_the_text_cleaned(editor_browser):
    data = new_article_post(
        make_category(), title=f"{NFD}\u200b\x1b mới\u202e", lead=f"Sapo\ufeff {NFD}\r\nHai"
    )
    data["category"] = ""  # required: the form comes back with an error

    response = editor_browser.post(ADD_URL, data)

    assert response.status_code == 200 and form_errors(response)
    shown = form_fields(response)
    assert shown["title"] == "Công đoàn mới"
    assert shown["lead"] == "Sapo Công đoàn\nHai"
    assert_page_clean(response)
    assert not Article.objects.exists()


def test_a_title_of_invisible_characters_only_is_refused_as_empty(editor_browser):
    data = new_article_post(make_category(), title="\u200b\ufeff\u202e\x1b")
    response = editor_browser.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in form_errors(response)
    assert not Article.objects.exists()


def test_an_agreement_typed_in_the_admin_is_stored_clean(editor_browser):
    agreement = make_agreement()
    url = f"/quan-tri/agreements/agreement/{agreement.pk}/change/"
    data = form_fields(editor_browser.get(url), form_id="agreement_form")
    data.update(
        title=f"Chương trình\u200b phối hợp {NFD}\x1b",
        document_number="Số\u202e 07/CTPH\t",
        signatories=f"Ông Nguyễn Văn A\u200b\r\nBà {NFD}\x1b",
        summary=f"<p>Tóm tắt&#x202e; {NFD}\x1b</p>",
    )

    response = editor_browser.post(url, data)

    assert response.status_code == 302, form_errors(response)
    agreement.refresh_from_db()
    assert agreement.title == "Chương trình phối hợp Công đoàn"
    assert agreement.document_number == "Số 07/CTPH"
    assert agreement.signatories == "Ông Nguyễn Văn A\nBà Công đoàn"
    assert agreement.summary == "<p>Tóm tắt Công đoàn</p>"
    assert_page_clean(Client().get(agreement.get_absolute_url()))


def test_a_profile_typed_in_the_admin_is_stored_clean(editor_browser):
    worker = make_worker()
    url = f"/quan-tri/federation/exemplaryworker/{worker.pk}/change/"
    data = form_fields(editor_browser.get(url), form_id="exemplaryworker_form")
    data.update(
        full_name="Nguyễn\u200b Thị\x1b Hoa\u202e",
        workplace=f"{NFD} Công ty\tChè",
        quote=f"Làm việc\x1b hết mình\r\nvì {NFD}\ufeff.",
        achievements=f"<p>Thành tích\u200b {NFD}</p>",
    )

    response = editor_browser.post(url, data)

    assert response.status_code == 302, form_errors(response)
    worker.refresh_from_db()
    assert worker.full_name == "Nguyễn Thị Hoa"
    assert worker.workplace == "Công đoàn Công ty Chè"
    assert worker.quote == "Làm việc hết mình\nvì Công đoàn."
    assert worker.achievements == "<p>Thành tích Công đoàn</p>"
    assert_page_clean(Client().get(worker.get_absolute_url()))


def test_a_tag_typed_in_the_admin_is_stored_clean(editor_browser):
    response = editor_browser.post(
        "/quan-tri/news/tag/add/", {"name": f"\u200b{NFD}\x1b cơ sở", "slug": "cong-doan-co-so"}
    )
    assert response.status_code == 302, form_errors(response)
    assert Tag.objects.get().name == "Công đoàn cơ sở"


def test_passwords_are_compared_as_typed():
    password = f"{NFD}\u200b@2026"
    make_user(username="lan", password=password, is_staff=True)
    browser = Client()
    response = browser.post("/quan-tri/login/", {"username": "lan", "password": password})
    assert response.status_code == 302, form_errors(response)


# From a script ----------------------------------------------------------------------------------


def test_saving_a_model_of_each_app_from_a_script_stores_clean_text():
    article = make_article(
        title=f"{NFD}\x1b\u200b tỉnh",
        lead="Sapo\u202e\r\nhai\tba\ufeff",
        body=f"<p>{NFD}&#27;\x1b</p>",
        byline="\tD.QUỲNH\n",
    )
    category = make_category(name=f"\ufeff{NFD}\x1b")
    partner = Partner.objects.create(name=f"Báo\u200b {NFD}", kind=Partner.Kind.NEWSPAPER)
    agreement = make_agreement(signatories="Ông A\x1b\r\nBà B\u200b", summary=f"<p>{NFD}\x1b</p>")
    worker = make_worker(full_name="Trần\u202e Văn\x1b Thành", quote=f"{NFD}\r\n\x1bhết mình")
    sector = Sector.objects.create(name=f"Ngành\u200b {NFD}", slug="nganh-cong-doan")
    user = make_user(first_name="\u200bLan\x1b", last_name=NFD)

    article.refresh_from_db()
    assert (article.title, article.lead, article.body, article.byline) == (
        "Công đoàn tỉnh",
        "Sapo\nhai ba",
        "<p>Công đoàn</p>",
        "D.QUỲNH",
    )
    assert Category.objects.get(pk=category.pk).name == "Công đoàn"
    assert Partner.objects.get(pk=partner.pk).name == "Báo Công đoàn"
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert (agreement.signatories, agreement.summary) == ("Ông A\nBà B", "<p>Công đoàn</p>")
    worker = ExemplaryWorker.objects.get(pk=worker.pk)
    assert (worker.full_name, worker.quote) == ("Trần Văn Thành", "Công đoàn\nhết mình")
    assert Sector.objects.get(pk=sector.pk).name == "Ngành Công đoàn"
    user = get_user_model().objects.get(pk=user.pk)
    assert (user.first_name, user.last_name) == ("Lan", "Công đoàn")
    history = article.history.latest("history_date")
    assert (history.title, history.lead) == (article.title, article.lead)
    assert_clean(history.title)
    assert_clean(history.lead, multiline=True)


def test_public_pages_no_longer_carry_an_escape_character():
    article = make_article(
        title="Tin\x1b[31m đỏ về công đoàn",
        lead="Sapo\x1b[0m có ký tự điều khiển",
        byline="PV\x1b",
        tags=[f"Thẻ\x1b {NFD}"],
    )
    browser = Client()
    for url in [article.get_absolute_url(), "/", "/tin-tuc/", "/tin-tuc/rss/"]:
        assert "\x1b" not in browser.get(url).content.decode(), url
    assert_page_clean(browser.get("/the/the-cong-doan/"))


def test_a_tag_added_decomposed_from_a_script_is_the_existing_tag():
    existing = Tag.objects.create(name=CONG_DOAN, slug="cong-doan")
    article = make_article()
    article.tags.add(NFD, f"\u200b{CONG_DOAN}")
    article.tags.set([NFD, "Lao\u200b động"])
    assert list(article.tags.order_by("name")) == [existing, Tag.objects.get(name="Lao động")]


def test_a_save_of_some_fields_cleans_those_and_loads_nothing_else():
    from news.models import Correspondent

    person = Correspondent.objects.create(user=make_user(), unit="Công đoàn cơ sở")
    Correspondent.objects.filter(pk=person.pk).update(phone="0263\x1b")
    partial = Correspondent.objects.only("id", "unit").get(pk=person.pk)
    partial.unit = f"{NFD}\x1b cơ sở"
    partial.save(update_fields=["unit"])
    assert partial.get_deferred_fields() == {"user_id", "phone"}
    person.refresh_from_db()
    assert (person.unit, person.phone) == ("Công đoàn cơ sở", "0263\x1b")


def test_a_restored_backup_comes_back_exactly_as_it_was():
    article = make_article()
    Article.objects.filter(pk=article.pk).update(title="Cũ\x1b")
    dumped = serializers.serialize("json", Article.objects.filter(pk=article.pk))
    Article.objects.filter(pk=article.pk).update(title="Khác")
    for obj in serializers.deserialize("json", dumped):
        obj.save()
    assert Article.objects.get(pk=article.pk).title == "Cũ\x1b"
