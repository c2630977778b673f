"""Who made a row and when (core.models), and the admin that records who (core.admin_stamps)."""

import datetime as dt

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.test import RequestFactory
from django.utils import timezone

from advice.models import Question
from agreements.models import Agreement, Partner
from core.admin_stamps import STAMPS, STAMPS_FIELDSET, AuthoredAdminMixin
from core.models import Authored, Stamped
from documents.models import Document, DocumentKind, IssuingBody
from federation.workers.models import ExemplaryWorker
from news.models import Article, RoyaltyTally, Topic
from tests.factories import (
    make_agreement,
    make_article,
    make_document,
    make_editor,
    make_partner,
    make_topic,
    make_worker,
)

pytestmark = pytest.mark.django_db

STAMPED = {
    Partner: make_partner,
    Topic: make_topic,
    ExemplaryWorker: make_worker,
    Article: make_article,
    Agreement: make_agreement,
    Document: make_document,
}
AUTHORED = [Agreement, Document]


@pytest.mark.parametrize("model", STAMPED, ids=lambda m: m.__name__)
def test_the_stamps_are_the_same_columns_everywhere(model):
    assert issubclass(model, Stamped)
    created, updated = model._meta.get_field("created_at"), model._meta.get_field("updated_at")
    assert (created.verbose_name, created.auto_now_add, created.column) == (
        "tạo lúc",
        True,
        "created_at",
    )
    assert (updated.verbose_name, updated.auto_now, updated.column) == (
        "cập nhật lúc",
        True,
        "updated_at",
    )


@pytest.mark.parametrize("model", AUTHORED, ids=lambda m: m.__name__)
def test_who_made_and_who_changed_are_kept_when_the_account_goes(model):
    assert issubclass(model, Authored)
    for name, label in [("created_by", "người tạo"), ("updated_by", "người sửa gần nhất")]:
        field = model._meta.get_field(name)
        assert field.verbose_name == label
        assert field.column == f"{name}_id"
        assert field.remote_field.on_delete is models.SET_NULL
        assert field.remote_field.related_name == "+"
        assert field.null and field.blank


@pytest.mark.parametrize("model", STAMPED, ids=lambda m: m.__name__)
def test_a_save_moves_updated_at_and_never_created_at(model):
    row = STAMPED[model]()
    row.refresh_from_db()
    made = row.created_at
    assert made is not None and abs(row.updated_at - made) < dt.timedelta(seconds=5)
    later = timezone.now() + dt.timedelta(hours=3)
    with time_machine.travel(later, tick=False):
        row.save()
    row.refresh_from_db()
    assert row.created_at == made
    assert row.updated_at == later


class _AuthoredAdmin(AuthoredAdminMixin, admin.ModelAdmin):
    pass


def _request(user):
    request = RequestFactory().post("/")
    request.user = user
    return request


def test_the_admin_mixin_names_who_added_and_who_changed_last():
    site = admin.AdminSite(name="thu")
    model_admin = _AuthoredAdmin(Document, site)
    author, second = make_editor(), make_editor()
    document = Document(
        summary="Hướng dẫn thử",
        issued_on=timezone.localdate(),
        kind=DocumentKind.objects.get_or_create(slug="huong-dan", defaults={"name": "Hướng dẫn"})[
            0
        ],
        issuer=IssuingBody.objects.get_or_create(name="Liên đoàn Lao động tỉnh")[0],
    )
    model_admin.save_model(_request(author), document, form=None, change=False)
    document.refresh_from_db()
    assert (document.created_by, document.updated_by) == (author, author)

    model_admin.save_model(_request(second), document, form=None, change=True)
    document.refresh_from_db()
    assert (document.created_by, document.updated_by) == (author, second)


def test_the_admin_mixin_keeps_a_maker_given_before():
    site = admin.AdminSite(name="thu")
    importer, editor = make_editor(), make_editor()
    agreement = make_agreement(created_by=importer)
    _AuthoredAdmin(Agreement, site).save_model(_request(editor), agreement, form=None, change=False)
    agreement.refresh_from_db()
    assert (agreement.created_by, agreement.updated_by) == (importer, editor)


def test_the_admin_mixin_serves_a_model_with_a_maker_only():
    editor = make_editor()
    article = make_article(created_by=None)
    article.pk, article.slug = None, "ban-sao"
    article._state.adding = True
    _AuthoredAdmin(Article, admin.AdminSite(name="thu")).save_model(
        _request(editor), article, form=None, change=False
    )
    article.refresh_from_db()
    assert article.created_by == editor
    assert not hasattr(article, "updated_by")


@pytest.mark.parametrize("model", AUTHORED, ids=lambda m: m.__name__)
def test_the_real_admins_show_the_stamps_read_only_under_theo_doi(model):
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, AuthoredAdminMixin)
    assert set(STAMPS) <= set(model_admin.readonly_fields)
    assert model_admin.fieldsets[-1] == STAMPS_FIELDSET


def test_the_article_admin_records_its_maker_through_the_mixin():
    assert isinstance(admin.site._registry[Article], AuthoredAdminMixin)


def test_changing_a_document_in_the_admin_names_the_second_editor(client):
    author, second = make_editor(is_superuser=True), make_editor(is_superuser=True)
    document = make_document(created_by=author, updated_by=author)
    client.force_login(second)
    data = {
        "number": document.number,
        "kind": document.kind_id,
        "summary": document.summary,
        "slug": document.slug,
        "issuer": document.issuer_id,
        "issued_on": f"{document.issued_on:%d/%m/%Y}",
        "visibility": "public",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    response = client.post(f"/quan-tri/documents/document/{document.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    document.refresh_from_db()
    assert (document.created_by, document.updated_by) == (author, second)


@pytest.mark.parametrize(
    ("model", "name", "label", "editable", "related_name"),
    [
        (Article, "created_by", "người tạo", True, "articles"),
        (Article, "deleted_by", "người xóa", False, "+"),
        (ExemplaryWorker, "consent_recorded_by", "người ghi nhận sự đồng ý", False, "+"),
        (RoyaltyTally, "approved_by", "người duyệt", False, "+"),
        (Question, "answered_by", "người trả lời", True, "+"),
    ],
)
def test_every_person_column_outlives_the_account(model, name, label, editable, related_name):
    field = model._meta.get_field(name)
    assert field.remote_field.model is get_user_model()
    assert field.remote_field.on_delete is models.SET_NULL
    assert (field.verbose_name, field.editable, field.remote_field.related_name) == (
        label,
        editable,
        related_name,
    )
    assert field.null and field.blank and field.column == f"{name}_id"


def test_a_deleted_account_leaves_the_rows_it_made_naming_nobody():
    author = make_editor()
    agreement = make_agreement(created_by=author, updated_by=author)
    article = make_article(created_by=author)
    author.delete()
    agreement.refresh_from_db()
    article.refresh_from_db()
    assert (agreement.created_by, agreement.updated_by, article.created_by) == (None, None, None)
