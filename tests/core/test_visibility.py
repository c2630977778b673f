"""Officers-only rows (core.visibility): one rule for programmes and documents alike."""

import pytest
from django.contrib.auth.models import AnonymousUser

from agreements.models import Agreement
from core import visibility
from documents.models import Document
from tests.factories import (
    make_agreement,
    make_correspondent,
    make_document,
    make_editor,
    make_officer,
    make_user,
)

pytestmark = pytest.mark.django_db

MODELS = {Agreement: make_agreement, Document: make_document}


def both(model):
    """A public row and an officers-only one of the model."""
    make = MODELS[model]
    return (
        make(visibility=visibility.Visibility.PUBLIC),
        make(visibility=visibility.Visibility.OFFICERS),
    )


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize(
    "who",
    [
        lambda: AnonymousUser(),
        lambda: make_user(),
        lambda: make_user(is_staff=True),
        make_correspondent,
        lambda: make_user(is_active=False, groups=["Cán bộ công đoàn"]),
    ],
    ids=["anonymous", "signed-in", "staff", "correspondent", "inactive-officer"],
)
def test_who_is_not_an_officer_sees_only_the_public_rows(model, who):
    public, officers_only = both(model)
    assert list(model.objects.visible_to(who())) == [public]
    assert list(model.objects.public()) == [public]
    assert officers_only.pk not in model.objects.visible_to(who()).values_list("pk", flat=True)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize(
    "who",
    [make_officer, make_editor, lambda: make_user(is_superuser=True)],
    ids=["officer", "editor", "superuser"],
)
def test_officers_editors_and_superusers_see_every_row(model, who):
    public, officers_only = both(model)
    assert set(model.objects.visible_to(who())) == {public, officers_only}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_visible_to_keeps_what_the_queryset_already_chose(model):
    public, officers_only = both(model)
    chosen = model.objects.filter(pk=officers_only.pk)
    assert list(chosen.visible_to(make_officer())) == [officers_only]
    assert list(chosen.visible_to(AnonymousUser())) == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_stored_values_and_labels_are_the_ones_the_database_holds(model):
    assert model.Visibility is visibility.Visibility
    assert dict(model.Visibility.choices) == {
        "public": "Công khai",
        "officers": "Chỉ cán bộ công đoàn",
    }
    field = model._meta.get_field("visibility")
    assert (field.verbose_name, field.max_length, field.default) == ("phạm vi xem", 20, "public")
    public, officers_only = both(model)
    stored = dict(model.objects.values_list("pk", "visibility"))
    assert stored == {public.pk: "public", officers_only.pk: "officers"}
    assert public.is_public and not officers_only.is_public


def test_each_model_keeps_its_own_help_text():
    agreement = Agreement._meta.get_field("visibility").help_text
    document = Document._meta.get_field("visibility").help_text
    assert "chương trình" in agreement and "văn bản lẫn tệp" in document


def test_a_new_row_is_public_unless_told_otherwise():
    assert make_agreement().is_public and make_document().is_public
