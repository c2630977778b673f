"""The favicon: the federation's logo from "Thông tin đơn vị" when there is one, else a default."""

import re

import pytest

from federation.models import SiteProfile
from tests.factories import image_upload, make_user

pytestmark = pytest.mark.django_db


def icon(page):
    return re.search(r'<link rel="icon" href="([^"]+)"', page).group(1)


def test_the_default_favicon_until_a_logo_is_set(client):
    assert icon(client.get("/").text).endswith(".svg")


def test_the_logo_is_the_favicon_of_the_site_and_the_admin(client):
    profile = SiteProfile.load()
    profile.logo = image_upload("logo.png", width=400, height=400)
    profile.save()
    url = icon(client.get("/").text)
    assert url.startswith("/media/") and url == profile.favicon_url
    client.force_login(make_user(is_staff=True, is_superuser=True))
    assert icon(client.get("/quan-tri/").text) == url
    assert icon(client.get("/quan-tri/news/article/add/").text) == url
    # The rendition exists: it was written when the logo was saved.
    from django.core.files.storage import default_storage

    assert default_storage.exists(url.removeprefix("/media/"))
