"""Who counts as an officer: the officers' group, editors and superusers see officers-only
programmes, download their documents and read partner contacts; nobody else does."""

import pytest
from django.contrib.auth.models import Group

from agreements.models import Agreement
from core import roles
from tests.factories import (
    make_agreement,
    make_correspondent,
    make_editor,
    make_officer,
    make_partner,
    make_user,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

LIST = "/chuong-trinh-phoi-hop/"
CONTACT = "Nguyễn Thị Liên Hệ"


def also_officer(user):
    user.groups.add(Group.objects.get(name=roles.OFFICERS))
    return user


ROLES = {
    "anonymous": (lambda: None, False),
    "staff without a role": (lambda: make_user(is_staff=True), False),
    "correspondent": (lambda: make_correspondent(), False),
    "correspondent also an officer": (lambda: also_officer(make_correspondent()), True),
    "officer": (lambda: make_officer(), True),
    "editor": (lambda: make_editor(), True),
    "superuser": (lambda: make_user(is_staff=True, is_superuser=True), True),
}


@pytest.fixture
def secret():
    partner = make_partner(name="Báo Lâm Đồng", contact_person=CONTACT)
    return make_agreement(
        title="Chương trình nội bộ về an toàn thông tin",
        visibility=Agreement.Visibility.OFFICERS,
        document=pdf_upload("ban-noi-bo.pdf"),
        partners=[partner],
    )


@pytest.mark.parametrize("role", ROLES)
def test_officers_only_programme_its_document_and_partner_contacts_by_role(client, secret, role):
    make, is_officer = ROLES[role]
    user = make()
    if user is not None:
        client.force_login(user)

    listed = secret.title in client.get(LIST).content.decode()
    page = client.get(secret.get_absolute_url())
    document = client.get(secret.get_document_url())
    partner_page = client.get(secret.partners.get().get_absolute_url()).content.decode()

    assert listed is is_officer
    assert page.status_code == (200 if is_officer else 404)
    assert document.status_code == (200 if is_officer else 404)
    if is_officer:
        assert b"".join(document.streaming_content).startswith(b"%PDF-")
    assert (CONTACT in partner_page) is is_officer
    assert (secret.title in partner_page) is is_officer
    if user is not None:
        assert roles.is_officer(user) is is_officer


def test_an_inactive_editor_is_not_an_officer(client, secret):
    client.force_login(make_editor(is_active=False))
    assert client.get(secret.get_document_url()).status_code == 404
