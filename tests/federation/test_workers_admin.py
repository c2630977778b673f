"""The editors' side of exemplary workers: the admin and the consent record."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core import pagecache
from federation.workers.models import CONSENT_REQUIRED_MESSAGE, ExemplaryWorker, Sector
from tests.factories import image_upload, make_article, make_period, make_user, make_worker

pytestmark = pytest.mark.django_db


def form_data(**kw):
    """What the admin's add/change form posts, with an empty honours inline."""
    data = {
        "full_name": "Nguyễn Thị Hoa",
        "slug": "nguyen-thi-hoa",
        "portrait_alt": "",
        "position": "Công nhân chế biến chè",
        "workplace": "Công ty Cổ phần Chè Cao nguyên",
        "grassroots_union": "",
        "locality": "",
        "sector": Sector.objects.get(slug="cong-nghiep").pk,
        "achievements": "<p>Thành tích.</p>",
        "quote": "",
        "consent_on": "",
        "consent_note": "",
        "honours-TOTAL_FORMS": "0",
        "honours-INITIAL_FORMS": "0",
        "honours-MIN_NUM_FORMS": "0",
        "honours-MAX_NUM_FORMS": "1000",
    }
    data.update(kw)
    return {key: value for key, value in data.items() if value is not None}


def test_admin_refuses_to_publish_without_consent_and_says_why(admin_client):
    url = reverse("admin:federation_exemplaryworker_add")
    response = admin_client.post(url, form_data(is_published="on"))
    assert response.status_code == 200
    assert CONSENT_REQUIRED_MESSAGE in response.content.decode()
    assert not ExemplaryWorker.objects.exists()


def test_admin_publishes_with_consent_and_records_who_recorded_it(client):
    editor = make_user(is_staff=True, is_superuser=True, first_name="Biên tập")
    client.force_login(editor)
    today = timezone.localdate()
    data = form_data(is_published="on", consent_on=today.strftime("%d/%m/%Y"))
    response = client.post(reverse("admin:federation_exemplaryworker_add"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    worker = ExemplaryWorker.objects.get()
    assert worker.is_published and worker.consent_on == today
    assert worker.consent_recorded_by == editor


def test_admin_saves_honours_from_the_inline(admin_client):
    period = make_period(start_year=2020, end_year=2025)
    data = form_data(
        **{
            "honours-TOTAL_FORMS": "1",
            "honours-0-period": period.pk,
            "honours-0-title": "Lao động sáng tạo",
            "honours-0-decision_number": "2045/QĐ-TLĐ",
            "honours-0-year": "2022",
            "honours-0-order": "0",
        }
    )
    response = admin_client.post(reverse("admin:federation_exemplaryworker_add"), data)
    assert response.status_code == 302
    worker = ExemplaryWorker.objects.get()
    assert [h.title for h in worker.honours.all()] == ["Lao động sáng tạo"]
    assert "lao dong sang tao" in worker.search_text


def test_admin_refuses_an_honour_outside_its_period(admin_client):
    period = make_period(start_year=2015, end_year=2020)
    data = form_data(
        **{
            "honours-TOTAL_FORMS": "1",
            "honours-0-period": period.pk,
            "honours-0-title": "Chiến sĩ thi đua cơ sở",
            "honours-0-year": "2024",
            "honours-0-order": "0",
        }
    )
    response = admin_client.post(reverse("admin:federation_exemplaryworker_add"), data)
    assert response.status_code == 200
    assert "Năm 2024 không thuộc" in response.content.decode()


def test_admin_publish_action_skips_profiles_without_consent(admin_client):
    ready = make_worker(is_published=False)
    waiting = make_worker(is_published=False, consent_on=None)
    response = admin_client.post(
        reverse("admin:federation_exemplaryworker_changelist"),
        {"action": "publish", "_selected_action": [ready.pk, waiting.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Đã công khai 1 hồ sơ." in html
    assert "1 hồ sơ chưa công khai được vì chưa có ngày đồng ý công khai." in html
    ready.refresh_from_db()
    waiting.refresh_from_db()
    assert ready.is_published and not waiting.is_published


def test_bulk_publish_and_unpublish_save_each_profile_with_history_and_a_fresh_gallery(
    admin_client, settings
):
    settings.PAGECACHE_ENABLED = True
    workers = [make_worker(is_published=False) for _ in range(3)]
    url = reverse("admin:federation_exemplaryworker_changelist")
    versions = {w.pk: w.history.count() for w in workers}
    before, _ = pagecache.generations(["workers"])

    admin_client.post(url, {"action": "publish", "_selected_action": [w.pk for w in workers]})

    after, _ = pagecache.generations(["workers"])
    assert after != before
    for worker in workers:
        worker.refresh_from_db()
        assert worker.is_published
        latest = worker.history.first()
        assert worker.history.count() == versions[worker.pk] + 1
        assert latest.is_published and latest.history_user.is_superuser
    assert set(ExemplaryWorker.objects.published()) == set(workers)

    response = admin_client.post(
        url, {"action": "unpublish", "_selected_action": [workers[0].pk]}, follow=True
    )

    assert "Đã ngừng công khai 1 hồ sơ." in response.content.decode()
    assert workers[0].history.count() == versions[workers[0].pk] + 2
    assert not workers[0].history.first().is_published
    assert pagecache.generations(["workers"])[0] != after


def test_admin_list_shows_thumbnails_and_filters(admin_client):
    period = make_period(start_year=2015)
    make_period(start_year=2020)
    make_worker(
        full_name="Nguyễn Thị Hoa",
        portrait=image_upload(width=400, height=500),
        honours=[(period, "Chiến sĩ thi đua cơ sở", period.start_year)],
    )
    make_worker(full_name="Trần Văn Chờ", is_published=False, consent_on=None)
    url = reverse("admin:federation_exemplaryworker_changelist")
    html = admin_client.get(url).content.decode()
    assert '<span class="admin-thumb"><picture>' in html
    for label in ["giai đoạn", "ngành, lĩnh vực", "nổi bật", "đồng ý công khai", "Chưa có"]:
        assert label in html
    missing = admin_client.get(url, {"dong_y": "chua"}).content.decode()
    assert "Trần Văn Chờ" in missing and "Nguyễn Thị Hoa" not in missing
    by_period = admin_client.get(url, {"honours__period__id__exact": period.pk}).content.decode()
    assert "Nguyễn Thị Hoa" in by_period and "Trần Văn Chờ" not in by_period
    searched = admin_client.get(url, {"q": "nguyen thi"}).content.decode()
    assert "Nguyễn Thị Hoa" in searched and "Trần Văn Chờ" not in searched


def test_admin_pages_load(admin_client):
    worker = make_worker(portrait=image_upload(width=400, height=500))
    worker.related_articles.add(make_article())
    make_period()
    urls = [
        reverse("admin:federation_exemplaryworker_add"),
        reverse("admin:federation_exemplaryworker_change", args=[worker.pk]),
        reverse("admin:federation_honourperiod_changelist"),
        reverse("admin:federation_honourperiod_add"),
        reverse("admin:federation_sector_changelist"),
        reverse("admin:federation_sector_add"),
    ]
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    html = admin_client.get(urls[1]).content.decode()
    # The Vietnamese URLify must load after Django's, or Django's one makes the slugs.
    assert html.index("/static/admin/js/urlify.js") < html.index("/static/js/admin-slug.js")
    assert "Nghị định 13/2023/NĐ-CP" in html


def test_admin_finds_articles_to_relate_by_autocomplete(admin_client):
    make_article(title="Tôn vinh điển hình tiên tiến ngành chè")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "federation",
            "model_name": "exemplaryworker",
            "field_name": "related_articles",
            "term": "dien hinh",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [
        "Tôn vinh điển hình tiên tiến ngành chè"
    ]


def test_a_portrait_is_kept_when_the_form_comes_back_and_saved_with_the_next_submission(client):
    import re

    from tests.news.admin_helpers import form_errors, form_fields

    client.force_login(make_user(is_staff=True, is_superuser=True))
    url = reverse("admin:federation_exemplaryworker_add")
    portrait = image_upload("chan-dung.jpg", width=600, height=800)
    data = form_data(is_published="on", portrait=portrait)
    response = client.post(url, data)
    assert response.status_code == 200
    assert CONSENT_REQUIRED_MESSAGE in response.text
    assert "chan-dung.jpg" in response.text
    assert re.search(r'<img src="/quan-tri/tep-tam/[^"]+/"', response.text)

    again = form_fields(response, "exemplaryworker_form")
    assert "portrait" not in again and again["portrait__staged"]
    again["consent_on"] = timezone.localdate().strftime("%d/%m/%Y")
    response = client.post(url, again)
    assert response.status_code == 302, form_errors(response)
    worker = ExemplaryWorker.objects.get()
    assert (worker.portrait.width, worker.portrait.height) == (600, 800)
    assert worker.portrait.storage.exists(worker.portrait.name)
    assert not worker.portrait.name.startswith("staging/")
    client.logout()
    assert (
        worker.portrait.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        in client.get(worker.get_absolute_url()).text
    )


def test_the_quote_field_is_not_labelled_like_the_share_buttons(admin_client):
    page = admin_client.get(reverse("admin:federation_exemplaryworker_add")).text
    assert "Câu nói tâm đắc:" in page
    assert "Chia sẻ" not in page
