"""Public agreements as a source for the site search (registered in AgreementsConfig.ready)."""

from django.utils.formats import date_format
from django.utils.html import format_html

from agreements.models import Agreement
from core import search
from core.richtext import html_to_text


def search_agreements(query):
    return search.ranked(Agreement.objects.public(), query, "-signed_on", "-id").with_status()


def agreement_result(agreement, query):
    marks = search.marks(query, agreement)
    signed = date_format(agreement.signed_on, "SHORT_DATE_FORMAT")
    lead = f"Ký ngày {signed} · {agreement.period_label} · {agreement.status_label}."
    texts = [
        agreement.summary_text,
        html_to_text(agreement.full_text),
        agreement.document_number,
        agreement.signatories,
    ]
    return search.Result(
        kind="",
        url=agreement.get_absolute_url(),
        title=search.highlight(agreement.title, marks),
        summary=format_html("{} {}", lead, search.passage(texts, marks)),
    )


SOURCE = search.Source(
    key="agreements",
    label="Chương trình phối hợp",
    search=search_agreements,
    result=agreement_result,
    order=30,
    tab="Chương trình",
    slug="chuong-trinh",
    # A result shows the programme's own fields; its status, the day (the memo ends at midnight).
    sections=("agreements",),
)
