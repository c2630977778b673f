"""Worker profiles as a source for the site search (registered in FederationConfig.ready)."""

from core import search
from core.richtext import html_to_text
from federation.workers.models import ExemplaryWorker


def search_workers(query):
    return (
        search.ranked(ExemplaryWorker.objects.published(), query, "search_title", "id")
        .select_related("sector")
        .prefetch_related("honours")
    )


def worker_result(worker, query):
    marks = search.marks(query, worker)
    # Where the profile matched, whichever of its texts that is: never a line with nothing lit.
    texts = [
        " – ".join(p for p in [worker.position, worker.workplace] if p),
        worker.grassroots_union,
        worker.locality,
        worker.quote,
        html_to_text(worker.achievements),
        " · ".join(h.title for h in worker.honours.all()),
    ]
    return search.Result(
        kind="",
        url=worker.get_absolute_url(),
        title=search.highlight(worker.full_name, marks),
        summary=search.passage(texts, marks),
        picture=worker.card_html(sizes="120px"),
    )


SEARCH_SOURCE = search.Source(
    key="workers",
    label="Điển hình tiên tiến",
    search=search_workers,
    result=worker_result,
    # Before the documents library (40) and the legal answers (45).
    order=35,
    tab="Điển hình",
    slug="dien-hinh",
    # A result shows the profile, its sector and honours.
    sections=("workers",),
)
