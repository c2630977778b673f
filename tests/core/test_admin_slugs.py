"""A new item titled like an existing one gets a free slug and the admin says which."""

import pytest
from django.contrib import admin

from agreements.models import Agreement
from core.admin_slugs import FreeSlugAdminMixin
from news.models import Article, Category
from tests.agreements.test_admin_uploads import agreement_post
from tests.factories import make_agreement, make_article, make_category, make_partner, make_user
from tests.news.admin_helpers import article_form, form_errors, page_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def test_a_new_programme_titled_like_another_gets_the_next_free_slug_and_says_so(staff_client):
    make_agreement(title="Chương trình phối hợp giai đoạn 2021–2023")
    taken = Agreement.objects.get().slug
    assert taken == "chuong-trinh-phoi-hop-giai-doan-2021-2023"
    response = staff_client.post(
        "/quan-tri/agreements/agreement/add/", agreement_post(make_partner(), slug=taken)
    )
    assert response.status_code == 302, form_errors(response)
    assert Agreement.objects.filter(slug=f"{taken}-2").exists()
    assert (
        f"Đường dẫn “{taken}” đã có; chương trình phối hợp này dùng “{taken}-2”."
        in page_messages(staff_client, response)
    )


def test_a_new_article_whose_slug_a_trashed_article_holds_gets_a_free_one(staff_client):
    old = make_article(title="Ngày hội công nhân")
    old.slug = "ngay-hoi-cong-nhan"
    old.save()
    old.trash()
    category = make_category()
    data = article_form(category, title="Ngày hội công nhân", slug="ngay-hoi-cong-nhan")
    response = staff_client.post("/quan-tri/news/article/add/", data)
    assert response.status_code == 302, form_errors(response)
    assert Article._base_manager.filter(slug="ngay-hoi-cong-nhan-2").exists()


def test_a_new_category_with_a_taken_name_gets_a_free_slug(staff_client):
    make_category(name="Hoạt động công đoàn", slug="hoat-dong-cong-doan")
    response = staff_client.post(
        "/quan-tri/news/category/add/",
        {"name": "Hoạt động công đoàn cơ sở", "slug": "hoat-dong-cong-doan", "order": "0"},
    )
    assert response.status_code == 302, form_errors(response)
    assert Category.objects.filter(slug="hoat-dong-cong-doan-2").exists()


def test_changing_an_item_to_a_taken_slug_is_still_refused(staff_client):
    make_category(name="A", slug="chuyen-muc-a")
    other = make_category(name="B", slug="chuyen-muc-b")
    response = staff_client.post(
        f"/quan-tri/news/category/{other.pk}/change/",
        {"name": "B", "slug": "chuyen-muc-a", "order": "0"},
    )
    assert response.status_code == 200
    assert Category.objects.get(pk=other.pk).slug == "chuyen-muc-b"


def test_every_admin_of_a_model_with_a_unique_slug_frees_it():
    for model, model_admin in admin.site._registry.items():
        if model._meta.proxy or model._meta.app_label not in {"news", "agreements", "federation"}:
            continue  # the trash (no add form) and taggit's own Tag admin
        fields = {field.name: field for field in model._meta.concrete_fields}
        if "slug" in fields and fields["slug"].unique:
            assert isinstance(model_admin, FreeSlugAdminMixin), model._meta.label
