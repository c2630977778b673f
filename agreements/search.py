"""Public agreements as a source for the site search (registered in AgreementsConfig.ready)."""

from django.utils.formats import date_format

from agreements.models import Agreement
from core import search


def search_agreements(terms):
    return (
        Agreement.objects.public()
        .filter(search.match_all(terms, "search_text"))
        .annotate(title_match=search.title_rank(terms, "search_title"))
        .with_status()
        .order_by("-title_match", "-signed_on", "-id")
    )


def agreement_result(agreement, terms):
    signed = date_format(agreement.signed_on, "SHORT_DATE_FORMAT")
    lead = f"Ký ngày {signed} · {agreement.period_label} · {agreement.status_label}."
    text = search.snippet(agreement.summary_text, terms)
    return search.Result(
        kind="",
        url=agreement.get_absolute_url(),
        title=search.highlight(agreement.title, terms),
        summary=search.highlight(f"{lead} {text}".strip(), terms),
    )


SOURCE = search.Source(
    key="agreements",
    label="Chương trình phối hợp",
    search=search_agreements,
    result=agreement_result,
    order=50,
)
