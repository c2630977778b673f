"""A programme's signed PDF and a partner's logo survive a form that comes back with an error."""

import re

import pytest

from agreements.models import Agreement, Partner
from core import staging
from tests.factories import image_upload, make_partner, make_user, pdf_upload
from tests.news.admin_helpers import form_errors, form_fields

pytestmark = pytest.mark.django_db

CHANGELIST = "/quan-tri/agreements/agreement/"


@pytest.fixture
def staff_client(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def agreement_post(partner, **overrides):
    data = {
        "title": "Chương trình phối hợp giai đoạn 2021–2023",
        "slug": "chuong-trinh-phoi-hop-giai-doan-2021-2023",
        "document_number": "Số 05/CTPH-LĐLĐ",
        "signed_on": "08/04/2021",
        "valid_from": "08/04/2021",
        "valid_until": "31/12/2023",
        "visibility": "public",
        "agreement_partners-TOTAL_FORMS": "1",
        "agreement_partners-INITIAL_FORMS": "0",
        "agreement_partners-MIN_NUM_FORMS": "1",
        "agreement_partners-MAX_NUM_FORMS": "1000",
        "agreement_partners-0-partner": str(partner.pk),
        "agreement_partners-0-order": "0",
        "tasks-TOTAL_FORMS": "0",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_the_signed_pdf_is_kept_when_the_dates_are_wrong_and_saved_once_fixed(staff_client):
    partner = make_partner(name="Báo Lâm Đồng")
    data = agreement_post(partner, valid_until="07/04/2021", document=pdf_upload("Bản ký.pdf"))
    response = staff_client.post(CHANGELIST + "add/", data)
    assert response.status_code == 200
    assert "Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực." in response.text
    assert "Bản ký.pdf" in response.text
    assert 'name="document__staged"' in response.text
    # A PDF shows its name only: no thumbnail, and nothing under a public URL.
    assert "/quan-tri/tep-tam/" not in response.text and "/media/" not in response.text

    again = form_fields(response, "agreement_form")
    again["valid_until"] = "31/12/2023"
    response = staff_client.post(CHANGELIST + "add/", again)
    assert response.status_code == 302, form_errors(response)
    agreement = Agreement.objects.get()
    assert agreement.document.name.startswith("agreements/")
    with agreement.document.open("rb") as file:
        assert file.read(5) == b"%PDF-"


def test_a_staged_pdf_is_checked_again_when_it_is_claimed(staff_client, settings):
    partner = make_partner()
    data = agreement_post(partner, valid_until="07/04/2021", document=pdf_upload())
    response = staff_client.post(CHANGELIST + "add/", data)
    (staged,) = (settings.PRIVATE_MEDIA_ROOT / staging.FOLDER).rglob("*.pdf")
    staged.write_bytes(b"%PDF-1.4 not really")
    again = form_fields(response, "agreement_form")
    again["valid_until"] = "31/12/2023"
    response = staff_client.post(CHANGELIST + "add/", again)
    assert response.status_code == 200
    assert "không phải là PDF hợp lệ" in " ".join(form_errors(response))
    assert not Agreement.objects.exists()


def test_a_partners_logo_is_kept_when_its_form_comes_back(staff_client):
    data = {
        "name": "Báo Lâm Đồng điện tử",
        "short_name": "",
        "slug": "bao-lam-dong-dien-tu",
        "kind": Partner._meta.get_field("kind").choices[0][0],
        "logo": image_upload("logo.png", width=300, height=300),
        "logo_alt": "Logo báo",
        "website": "",
        "contact_person": "",
        "contact_phone": "",
        "contact_email": "toasoan-baolamdong",
        "valid_until": "",
        "successor": "",
    }
    response = staff_client.post("/quan-tri/agreements/partner/add/", data)
    assert response.status_code == 200, response.status_code
    assert re.search(r'<img src="/quan-tri/tep-tam/[^"]+/"', response.text)
    again = form_fields(response, "partner_form")
    again["contact_email"] = "toasoan@baolamdong.vn"
    response = staff_client.post("/quan-tri/agreements/partner/add/", again)
    assert response.status_code == 302, form_errors(response)
    logo = Partner.objects.get(slug="bao-lam-dong-dien-tu").logo
    assert logo and logo.name.endswith(".png") and logo.storage.exists(logo.name)
