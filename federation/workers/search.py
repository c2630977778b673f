"""Worker profiles as a source for the site search (registered in FederationConfig.ready)."""

from core import search
from federation.workers.models import ExemplaryWorker


def search_workers(terms):
    return (
        ExemplaryWorker.objects.published()
        .filter(search.match_all(terms, "search_text"))
        .annotate(title_match=search.title_rank(terms, "search_title"))
        .order_by("-title_match", "search_title", "id")
        .select_related("sector")
    )


def worker_result(worker, terms):
    summary = " – ".join(p for p in [worker.position, worker.workplace] if p)
    return search.Result(
        kind="",
        url=worker.get_absolute_url(),
        title=search.highlight(worker.full_name, terms),
        summary=search.highlight(search.snippet(summary, terms), terms),
        picture=worker.card_html(sizes="120px"),
    )


SEARCH_SOURCE = search.Source(
    key="workers",
    label="Điển hình tiên tiến",
    search=search_workers,
    result=worker_result,
    order=10,
)
