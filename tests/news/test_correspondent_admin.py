"""Editors link a user account to a correspondent record from the correspondent form."""

import pytest
from django.contrib.auth import get_user_model

from news.models import Correspondent
from tests.factories import make_editor, make_user
from tests.news.admin_helpers import form_errors

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = "/quan-tri/autocomplete/"
PICKER = {"app_label": "news", "model_name": "correspondent", "field_name": "user"}


def test_an_editor_finds_a_user_in_the_picker_and_links_them_to_a_correspondent(client):
    make_user(username="thuha", first_name="Thu", last_name="Hà")
    client.force_login(make_editor())
    answer = client.get(AUTOCOMPLETE, {**PICKER, "term": "thuha"})
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [r["text"] for r in results] == ["thuha"]
    # What the picker tells an editor is the account's name, nothing more.
    assert set(results[0]) == {"id", "text"}

    user = get_user_model().objects.get(username="thuha")
    response = client.post(
        "/quan-tri/news/correspondent/add/",
        {"user": results[0]["id"], "unit": "Công đoàn cơ sở Công ty Chè Cầu Đất", "phone": ""},
    )
    assert response.status_code == 302, form_errors(response)
    assert Correspondent.objects.get().user == user


def test_editors_still_cannot_open_the_user_accounts(client):
    client.force_login(make_editor())
    assert client.get("/quan-tri/auth/user/").status_code == 403
    other = make_user()
    assert client.get(f"/quan-tri/auth/user/{other.pk}/change/").status_code == 403
    # Nor search users through another field's picker.
    answer = client.get(
        AUTOCOMPLETE, {"app_label": "news", "model_name": "article", "field_name": "created_by"}
    )
    assert answer.status_code == 403
