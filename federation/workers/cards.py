"""The gallery's portrait cards (templates/includes/worker_card.html), rendered once per change to
the profiles and kept in the cache (core.memo.rows): the gallery reads which profiles it shows,
and their cards come in one MGET.

A card shows the profile's row, its portrait and its newest honour with the honour's period: the
stamp is the "workers" section's generation, which every save of a profile, honour, period or
sector bumps.
"""

from functools import cache as once

from django.db.models import Prefetch
from django.template.loader import get_template

from core import memo
from federation.workers.models import ExemplaryWorker, Honour

TEMPLATE = "includes/worker_card.html"
# Raise when the card's Python side changes (a property or a tag it shows); an edit of the
# template changes the name on its own (template_digest).
FORMAT = 1

# The columns a card shows.
FIELDS = (
    "full_name", "slug", "portrait", "portrait_width", "portrait_height", "position", "workplace",
)  # fmt: skip


@once
def _name():
    return f"workers:card:{FORMAT}:{memo.template_digest(TEMPLATE)}"


def _render(pks):
    honours = Honour.objects.select_related("period").only(
        "worker", "title", "year", "order", "period__name"
    )
    workers = (
        ExemplaryWorker.objects.filter(pk__in=pks)
        .only(*FIELDS)
        .prefetch_related(Prefetch("honours", queryset=honours))
    )
    template = get_template(TEMPLATE)
    return {worker.pk: template.render({"worker": worker}) for worker in workers}


def render(workers):
    """The cards of these profiles, in their order."""
    return memo.rows(_name(), [worker.pk for worker in workers], _render, sections=["workers"])
