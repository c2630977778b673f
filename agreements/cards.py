"""The programmes' cards (templates/agreements/includes/card.html), rendered once per change to the
programmes and per day, and kept in the cache (core.memo.rows): the list reads which programmes it
shows, and their cards come in one MGET.

A card shows the programme's row, its partners (names at signing), its tasks' counts and its
status, which comes from the dates: the stamp is the "agreements" section's generation (every save
of a partner, programme, link or task bumps it), the day and the "sắp hết hạn" band.
"""

from functools import cache as once

from django.template.loader import get_template

from agreements.models import Agreement, AgreementPartner, warning_days
from core import memo
from core.validity import today

TEMPLATE = "agreements/includes/card.html"
# Raise when the card's Python side changes (a property it shows); an edit of the templates
# changes the name on its own (template_digest).
FORMAT = 1

# The columns a card shows.
FIELDS = (
    "title", "slug", "document_number", "signed_on", "valid_from", "valid_until", "visibility",
    "summary",
)  # fmt: skip


@once
def _name():
    digest = memo.template_digest(TEMPLATE, "agreements/includes/status_badge.html")
    return f"agreements:card:{FORMAT}:{digest}"


def _render(pks):
    links = AgreementPartner.objects.select_related("partner").only(
        "agreement", "name_at_signing", "order", "partner__slug"
    )
    # The status comes from the dates in Python (PeriodStatus), the same rule as the SQL
    # annotation's.
    agreements = (
        Agreement.objects.filter(pk__in=pks).only(*FIELDS).with_task_counts().with_partners(links)
    )
    template = get_template(TEMPLATE)
    return {agreement.pk: template.render({"agreement": agreement}) for agreement in agreements}


def render(agreements):
    """The cards of these programmes, in their order."""
    return memo.rows(
        _name(),
        [agreement.pk for agreement in agreements],
        _render,
        sections=["agreements"],
        stamp=(today().isoformat(), warning_days()),
    )
