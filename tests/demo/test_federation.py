"""The demo's site profile, accounts and exemplary workers: loaded once, whatever the number of runs."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo import federation as demo
from federation.models import SiteProfile
from federation.templatetags.federation_tags import SPOTLIGHT_SIZE
from federation.workers.models import ExemplaryWorker
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_prints_logins(capsys):
    call_command("load_demo")
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "quantri" in out and "mật khẩu" in out
    assert get_user_model().objects.filter(username="quantri").count() == 1
    assert SiteProfile.objects.count() == 1


def test_demo_loads_a_dozen_profiles_once(capsys):
    summary = demo.load_workers()
    workers = ExemplaryWorker.objects.published()
    created = workers.count()
    assert created >= 12
    assert summary == f"{created} hồ sơ mới"
    # Enough featured profiles to fill the home page's block.
    assert workers.filter(featured=True).count() >= SPOTLIGHT_SIZE
    assert workers.filter(full_name__startswith="Nguyễn Thị").count() >= 3
    assert workers.values("sector").distinct().count() >= 5
    periods = set(workers.values_list("honours__period__name", flat=True))
    assert {"Giai đoạn 2015–2020", "Giai đoạn 2020–2025"} <= periods
    assert all(w.portrait and w.portrait_width for w in workers)
    assert "." * created in capsys.readouterr().out
    assert demo.load_workers() == "0 hồ sơ mới"
    assert ExemplaryWorker.objects.count() == created


def test_demo_links_each_profile_to_the_news_story_about_that_person(client):
    story = make_article(title="Người thợ điện hơn 20 năm bám tuyến đường dây vùng cao")
    demo.load_workers()
    worker = ExemplaryWorker.objects.get(slug="le-minh-tuan")
    assert list(worker.related_articles.all()) == [story]
    html = client.get(worker.get_absolute_url()).content.decode()
    assert "Người thợ điện hơn 20 năm bám tuyến đường dây vùng cao" in html


def test_demo_fills_the_legal_footer_with_plainly_sample_values(client):
    demo.load_site_profile()
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert "Cơ quan chủ quản: Tổng Liên đoàn Lao động Việt Nam" in footer
    assert "Giấy phép số 00/GP-MẪU (mẫu) ngày 01/01/2026 do" in footer
    assert "Chịu trách nhiệm nội dung: Nguyễn Văn Mẫu – Phó Chủ tịch (mẫu)" in footer
