"""The staff's workplace: agreement and partner admin pages, the index box and the reminder emails."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from agreements.models import Agreement, AgreementPartner, AgreementTask
from tests.factories import make_agreement, make_article, make_partner, make_task, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = "/quan-tri/agreements/agreement/"


@pytest.fixture
def staff_client(client):
    client.force_login(make_user(is_staff=True, is_superuser=True, email="quantri@example.vn"))
    return client


@pytest.fixture
def situation():
    """One programme ending in 10 days with a late task, one in force, one over long ago."""
    today = timezone.localdate()
    paper = make_partner(name="Báo Lâm Đồng")
    soon = make_agreement(
        title="Chương trình sắp hết hạn",
        valid_from=today - timedelta(days=700),
        valid_until=today + timedelta(days=10),
        partners=[paper],
    )
    late = make_task(
        agreement=soon,
        title="Tuyên truyền phong trào thi đua",
        due_on=today - timedelta(days=5),
        progress=AgreementTask.Progress.IN_PROGRESS,
    )
    make_task(
        agreement=soon,
        title="Nhiệm vụ đã xong dù quá hạn",
        due_on=today - timedelta(days=5),
        progress=AgreementTask.Progress.DONE,
    )
    running = make_agreement(
        title="Chương trình đang hiệu lực",
        valid_from=today - timedelta(days=10),
        valid_until=today + timedelta(days=500),
    )
    over = make_agreement(
        title="Chương trình đã hết hạn",
        valid_from=date(2018, 1, 1),
        valid_until=date(2020, 12, 31),
        partners=[paper],
    )
    return {"soon": soon, "late": late, "running": running, "over": over, "paper": paper}


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("", {"soon", "running", "over"}, set()),
        ("?tinh_trang=sap-het-han", {"soon"}, {"running", "over"}),
        ("?tinh_trang=dang-hieu-luc", {"running"}, {"soon", "over"}),
        ("?tinh_trang=het-han", {"over"}, {"soon", "running"}),
        ("?tinh_trang=sap-hieu-luc", set(), {"soon", "running", "over"}),
        ("?nam=2019", {"over"}, {"soon", "running"}),
        ("?visibility__exact=public", {"soon", "running", "over"}, set()),
        ("?q=sap+het", {"soon"}, {"running", "over"}),
    ],
)
def test_changelist_filters_by_derived_status_year_and_search(
    staff_client, situation, query, shown, hidden
):
    response = staff_client.get(CHANGELIST + query)
    assert response.status_code == 200
    html = response.content.decode()
    for key in shown:
        assert situation[key].title in html
    for key in hidden:
        assert situation[key].title not in html


def test_changelist_filters_by_partner_and_lists_the_filters_in_vietnamese(staff_client, situation):
    html = staff_client.get(f"{CHANGELIST}?partners__id__exact={situation['paper'].pk}").content
    html = html.decode()
    assert situation["soon"].title in html and situation["over"].title in html
    assert situation["running"].title not in html
    for label in ("tình trạng", "năm hiệu lực", "Sắp hết hạn", "Đang hiệu lực", "Hết hạn"):
        assert label in html


@pytest.mark.parametrize("query", ["?tinh_trang=bi-hack", "?nam=abcd", "?nam=99999"])
def test_changelist_ignores_nonsense_filter_values(staff_client, situation, query):
    assert staff_client.get(CHANGELIST + query).status_code == 200


def test_changelist_puts_number_and_signing_date_together_and_the_period_on_two_lines(
    staff_client,
):
    make_agreement(
        title="Chương trình với Báo Lâm Đồng",
        document_number="Số 05/CTPH-LĐLĐ",
        signed_on=date(2024, 4, 8),
        valid_from=date(2024, 4, 10),
        valid_until=date(2026, 12, 31),
    )
    html = staff_client.get(CHANGELIST).content.decode()
    assert 'Số 05/CTPH-LĐLĐ<br><span class="quiet">08/04/2024</span>' in html
    assert "10/04/2024 –<br>31/12/2026" in html
    # Short headers keep the columns narrow.
    assert "số, ngày ký" in html.lower() and "việc xong" in html.lower()


def test_changelist_takes_a_constant_number_of_queries(staff_client, django_assert_max_num_queries):
    partner = make_partner()
    for _ in range(30):
        make_task(agreement=make_agreement(partners=[partner]))
    staff_client.get(CHANGELIST)
    with django_assert_max_num_queries(14):
        assert staff_client.get(CHANGELIST).status_code == 200


def test_add_and_change_forms_load(staff_client, situation):
    add = staff_client.get(CHANGELIST + "add/")
    assert add.status_code == 200
    html = add.content.decode()
    for label in ("Tên chương trình", "Số văn bản", "Hiệu lực từ ngày", "Văn bản đã ký (PDF)",
                  "Phạm vi xem", "Đối tác ký kết", "Nhiệm vụ"):  # fmt: skip
        assert label in html
    assert 'accept="application/pdf,.pdf"' in html
    change = staff_client.get(f"{CHANGELIST}{situation['soon'].pk}/change/")
    assert change.status_code == 200
    assert "Tuyên truyền phong trào thi đua" in change.content.decode()


def test_staff_add_an_agreement_with_partners_and_tasks_in_one_form(staff_client):
    paper = make_partner(name="Báo Lâm Đồng")
    article = make_article()
    data = {
        "title": "Chương trình phối hợp giai đoạn 2021–2023",
        "slug": "chuong-trinh-phoi-hop-giai-doan-2021-2023",
        "document_number": "Số 05/CTPH-LĐLĐ",
        "signed_on": "08/04/2021",
        "valid_from": "08/04/2021",
        "valid_until": "31/12/2023",
        "visibility": "public",
        "related_articles": [str(article.pk)],
        "agreement_partners-TOTAL_FORMS": "1",
        "agreement_partners-INITIAL_FORMS": "0",
        "agreement_partners-MIN_NUM_FORMS": "1",
        "agreement_partners-MAX_NUM_FORMS": "1000",
        "agreement_partners-0-partner": str(paper.pk),
        "agreement_partners-0-name_at_signing": "",
        "agreement_partners-0-order": "0",
        "tasks-TOTAL_FORMS": "1",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
        "tasks-0-title": "Xây dựng chuyên mục công đoàn",
        "tasks-0-responsible": "partner",
        "tasks-0-partner": str(paper.pk),
        "tasks-0-due_on": "",
        "tasks-0-progress": "done",
        "tasks-0-progress_note": "",
        "tasks-0-order": "0",
    }
    response = staff_client.post(CHANGELIST + "add/", data)
    assert response.status_code == 302, response.content.decode()[:4000]
    agreement = Agreement.objects.get(document_number="Số 05/CTPH-LĐLĐ")
    assert AgreementPartner.objects.get(agreement=agreement).name_at_signing == "Báo Lâm Đồng"
    assert agreement.tasks.get().progress == "done"
    assert "bao lam dong" in Agreement.objects.get(pk=agreement.pk).search_text
    assert list(agreement.related_articles.all()) == [article]


def test_a_partner_task_without_a_partner_gets_a_vietnamese_error_in_the_admin(staff_client):
    paper = make_partner()
    data = {
        "title": "Chương trình lỗi nhiệm vụ",
        "slug": "chuong-trinh-loi-nhiem-vu",
        "signed_on": "08/04/2021",
        "valid_from": "08/04/2021",
        "valid_until": "07/04/2021",
        "visibility": "public",
        "agreement_partners-TOTAL_FORMS": "1",
        "agreement_partners-INITIAL_FORMS": "0",
        "agreement_partners-MIN_NUM_FORMS": "1",
        "agreement_partners-MAX_NUM_FORMS": "1000",
        "agreement_partners-0-partner": str(paper.pk),
        "agreement_partners-0-order": "0",
        "tasks-TOTAL_FORMS": "1",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
        "tasks-0-title": "Nhiệm vụ thiếu đối tác",
        "tasks-0-responsible": "partner",
        "tasks-0-progress": "not-started",
        "tasks-0-order": "0",
    }
    response = staff_client.post(CHANGELIST + "add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực." in html
    assert Agreement.objects.count() == 0


def test_partner_admin_lists_logos_and_loads_its_forms(staff_client):
    from tests.factories import image_upload

    partner = make_partner(
        name="Báo Lâm Đồng", logo=image_upload("logo.png", width=300, height=300)
    )
    html = staff_client.get("/quan-tri/agreements/partner/").content.decode()
    assert "Báo Lâm Đồng" in html and "admin-thumb" in html and "<picture>" in html
    assert staff_client.get("/quan-tri/agreements/partner/add/").status_code == 200
    assert staff_client.get(f"/quan-tri/agreements/partner/{partner.pk}/change/").status_code == 200
    found = staff_client.get(
        "/quan-tri/autocomplete/",
        {"term": "Lâm", "app_label": "agreements", "model_name": "agreementpartner",
         "field_name": "partner"},
    )  # fmt: skip
    assert [r["text"] for r in found.json()["results"]] == ["Báo Lâm Đồng"]


def test_task_admin_filters_overdue_tasks(staff_client, situation):
    html = staff_client.get("/quan-tri/agreements/agreementtask/?han=qua-han").content.decode()
    assert "Tuyên truyền phong trào thi đua" in html
    assert "Nhiệm vụ đã xong dù quá hạn" not in html


# The admin index box ---------------------------------------------------------------------------


def test_admin_index_shows_expiring_agreements_and_late_tasks(staff_client, situation):
    html = staff_client.get("/quan-tri/").content.decode()
    assert 'id="agreements-reminders"' in html
    assert "Sắp hết hạn (trong 60 ngày tới)" in html
    assert "Chương trình sắp hết hạn" in html and "còn 10 ngày" in html
    assert "Tuyên truyền phong trào thi đua" in html
    assert "Nhiệm vụ đã xong dù quá hạn" not in html
    assert "Chương trình đang hiệu lực" not in html
    # The usual list of apps is still there.
    assert "/quan-tri/agreements/agreement/" in html


def test_admin_index_says_when_nothing_needs_attention(staff_client):
    html = staff_client.get("/quan-tri/").content.decode()
    assert "Không có chương trình nào sắp hết hạn." in html
    assert "Không có nhiệm vụ nào quá hạn." in html


# The reminder command -------------------------------------------------------------------------


def run_reminders(*args):
    out = StringIO()
    call_command("agreement_reminders", *args, stdout=out)
    return out.getvalue()


def test_reminders_email_each_active_staff_member_with_an_email(situation):
    make_user(is_staff=True, email="bientap@example.vn")
    make_user(is_staff=True, email="")
    make_user(is_staff=True, email="nghiviec@example.vn", is_active=False)
    make_user(is_staff=False, email="doanvien@example.vn")
    output = run_reminders("--site-url", "https://congdoan.example.vn/")
    assert [m.to for m in mail.outbox] == [["bientap@example.vn"]]
    message = mail.outbox[0]
    assert "1 chương trình phối hợp sắp hết hạn, 1 nhiệm vụ quá hạn" in message.subject
    assert "Chương trình sắp hết hạn" in message.body
    assert "còn 10 ngày" in message.body
    assert "Tuyên truyền phong trào thi đua" in message.body
    assert "Nhiệm vụ đã xong dù quá hạn" not in message.body
    assert "Chương trình đang hiệu lực" not in message.body
    change = (
        f"https://congdoan.example.vn/quan-tri/agreements/agreement/{situation['soon'].pk}/change/"
    )
    assert change in message.body
    assert "&amp;" not in message.body
    assert "Đã gửi 1 email" in output and "bientap@example.vn" in output


def test_reminders_send_nothing_and_say_so_when_nothing_is_due():
    make_user(is_staff=True, email="bientap@example.vn")
    make_agreement(
        valid_from=timezone.localdate(), valid_until=timezone.localdate() + timedelta(days=400)
    )
    output = run_reminders()
    assert mail.outbox == []
    assert "không gửi email" in output


def test_reminders_dry_run_prints_without_sending(situation):
    make_user(is_staff=True, email="bientap@example.vn")
    output = run_reminders("--dry-run")
    assert mail.outbox == []
    assert "Chạy thử, không gửi" in output and "Chương trình sắp hết hạn" in output


def test_reminders_say_when_no_staff_member_has_an_email(situation):
    make_user(is_staff=True, email="")
    output = run_reminders()
    assert mail.outbox == []
    assert "Không có quản trị viên nào có email" in output
