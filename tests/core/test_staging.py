"""Uploads kept for a returned form: who may claim them, for how long, and that every admin
upload field keeps them."""

import datetime as dt
import io
import os

import pytest
import time_machine
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import FileField
from django.test import RequestFactory
from django.utils import timezone

from core import staging
from tests.factories import image_bytes, make_user

pytestmark = pytest.mark.django_db


def request_for(user, session_key="s1"):
    request = RequestFactory().get("/")
    request.user = user
    request.session = type("Session", (), {"session_key": session_key})()
    return request


def test_a_staged_file_is_claimed_by_its_owner_only():
    editor, other = make_user(), make_user()
    owner = staging.owner_key(request_for(editor))
    staged = staging.stage(SimpleUploadedFile("a.jpg", image_bytes(100, 100)), owner)
    assert staging.claim(staged.token, owner) == staged
    assert staging.claim(staged.token, staging.owner_key(request_for(other))) is None
    # The same user in another session (signed in elsewhere, or again) cannot either.
    assert staging.claim(staged.token, staging.owner_key(request_for(editor, "s2"))) is None
    assert staging.claim(staged.token[:-2] + "xx", owner) is None
    assert staging.claim(staged.token, "") is None


def test_a_staged_file_is_forgotten_after_a_day_and_cleaned_by_the_command():
    owner = staging.owner_key(request_for(make_user()))
    staged = staging.stage(SimpleUploadedFile("a.pdf", b"%PDF-1.4"), owner)
    fresh = staging.stage(SimpleUploadedFile("b.pdf", b"%PDF-1.4"), owner)
    store = staging.storage()
    later = timezone.now() + dt.timedelta(days=1, minutes=1)
    old = (timezone.now() - dt.timedelta(days=1, minutes=1)).timestamp()
    os.utime(store.path(staged.path), (old, old))
    # The files' times come from the file system's clock, which a moved test clock (TEST_CLOCK)
    # does not reach: the fresh file is written "now" by the site's clock.
    now = timezone.now().timestamp()
    os.utime(store.path(fresh.path), (now, now))
    with time_machine.travel(later, tick=False):
        assert staging.claim(staged.token, owner) is None
    out = io.StringIO()
    call_command("clean_staged_uploads", stdout=out)
    assert "Đã xóa 1 tệp tạm" in out.getvalue()
    assert not store.exists(staged.path)
    assert store.exists(fresh.path)
    assert staging.claim(fresh.token, owner) == fresh


def test_staged_files_are_never_under_the_public_media_root(settings):
    owner = staging.owner_key(request_for(make_user()))
    staged = staging.stage(SimpleUploadedFile("a.jpg", image_bytes(100, 100)), owner)
    path = staging.storage().path(staged.path)
    assert str(path).startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not str(path).startswith(str(settings.MEDIA_ROOT))


def test_every_upload_field_of_every_admin_form_keeps_its_upload():
    """Every registered admin and inline with a file field gives it the staging widget."""
    request = request_for(make_user(is_staff=True, is_superuser=True))
    checked = []
    for model_admin in admin.site._registry.values():
        admins = [model_admin, *model_admin.get_inline_instances(request)]
        for each in admins:
            for field in each.model._meta.concrete_fields:
                if not isinstance(field, FileField) or not field.editable:
                    continue
                formfield = each.formfield_for_dbfield(field, request)
                assert isinstance(formfield.widget, staging.StagedFileInput), (
                    f"{type(each).__name__}.{field.name}"
                )
                checked.append(f"{each.model._meta.label}.{field.name}")
    assert {
        "news.Photo.image",
        "federation.ExemplaryWorker.portrait",
        "federation.SiteProfile.logo",
        "agreements.Partner.logo",
        "agreements.Agreement.document",
    } <= set(checked)
