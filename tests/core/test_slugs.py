"""One slug behaviour for every model with an address: made from its name on the first save,
unique, kept when typed or once made (core.text.AutoSlug)."""

import pytest
from django.apps import apps

from core.text import AutoSlug
from tests.factories import (
    make_agreement,
    make_article,
    make_category,
    make_document,
    make_partner,
    make_period,
    make_question,
    make_sector,
    make_worker,
)

pytestmark = pytest.mark.django_db

# (factory, the field the slug is made from)
MODELS = [
    (make_category, "name"),
    (make_article, "title"),
    (make_partner, "name"),
    (make_agreement, "title"),
    (make_period, "name"),
    (make_sector, "name"),
    (make_worker, "full_name"),
]


@pytest.mark.parametrize(("make", "source"), MODELS)
def test_the_slug_comes_from_the_name_is_unique_and_stays(make, source):
    first = make(**{source: "Công đoàn Đà Lạt", "slug": ""})
    second = make(**{source: "Công Đoàn Đà Lạt", "slug": ""})
    assert first.slug == "cong-doan-da-lat"
    assert second.slug == "cong-doan-da-lat-2"

    setattr(first, source, "Tên mới hoàn toàn")
    first.save()
    first.refresh_from_db()
    assert first.slug == "cong-doan-da-lat"  # links already shared keep working

    typed = make(**{source: "Tên khác", "slug": "duong-dan-rieng"})
    assert typed.slug == "duong-dan-rieng"


def test_every_model_that_makes_its_own_slug_uses_the_one_mixin():
    with_slug = {
        model
        for model in apps.get_models()
        if model._meta.app_label in {"news", "agreements", "federation", "documents", "advice"}
        and not model._meta.proxy
        and not model.__name__.startswith("Historical")
        and any(f.name == "slug" for f in model._meta.fields)
    }
    outside = {m.__name__ for m in with_slug if not issubclass(m, AutoSlug)}
    assert outside == {"Tag"}  # taggit makes tag slugs itself, through slugify_vi
    assert len(with_slug) - len(outside) >= len(MODELS)


def test_a_document_slug_names_its_kind_and_summary_within_120_characters():
    document = make_document(summary="Về việc tổ chức Tháng Công nhân " * 10, slug="")
    assert document.slug.startswith("ke-hoach-ve-viec-to-chuc-thang-cong-nhan")
    assert len(document.slug) <= 120


def test_questions_wait_for_their_title_without_an_address_and_without_a_clash():
    waiting = [make_question(slug=""), make_question()]
    assert [q.slug for q in waiting] == [None, None]
    waiting[0].title = "Công ty chậm trả lương"
    waiting[0].save()
    assert waiting[0].slug == "cong-ty-cham-tra-luong"
