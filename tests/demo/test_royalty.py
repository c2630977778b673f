"""The demo's pen names, rates, tallies and quota: loaded once, the same on a second run."""

import io

import pytest
from django.core.management import call_command

from news.models import Article, PenName, RoyaltyTally

pytestmark = pytest.mark.django_db


def test_demo_has_pen_names_a_month_approved_and_a_task_with_a_quota():
    from agreements.models import AgreementTask

    for _ in range(2):
        call_command("load_demo", stdout=io.StringIO())
    assert PenName.objects.filter(name="D.QUỲNH").exists()
    assert PenName.objects.filter(correspondent__isnull=False).exists()
    from demo.royalty import CORRESPONDENT_PEN_NAME, FULL_NAMES

    unmatched = set(
        Article.objects.exclude(byline="")
        .filter(pen_name_links__isnull=True)
        .values_list("byline", flat=True)
    )
    # Every demo author's articles carry their pen name; what is left (an office's byline) waits
    # in the editors' list "Dòng tác giả chưa khớp bút danh".
    assert unmatched.isdisjoint({*FULL_NAMES, CORRESPONDENT_PEN_NAME})
    assert Article.objects.filter(pen_names__name="D.QUỲNH").count() == 3
    statuses = sorted(RoyaltyTally.objects.values_list("status", flat=True))
    assert statuses == [RoyaltyTally.Status.APPROVED, RoyaltyTally.Status.PENDING]
    assert AgreementTask.objects.filter(target_count=6, target_period="quarter").count() == 1
