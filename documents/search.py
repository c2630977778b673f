"""Public documents as a source for the site search (registered in DocumentsConfig.ready)."""

from core import search
from documents.models import Document


def search_documents(query):
    return Document.objects.public().for_cards().search(query)


def document_result(document, query):
    marks = search.marks(query, document)
    lead = f"{document.heading} · {document.issuer.name} · {document.issued_on:%d/%m/%Y}"
    return search.Result(
        kind="",
        url=document.get_absolute_url(),
        title=search.highlight(document.summary, marks),
        summary=search.highlight(f"{lead} · {document.status_label}.", marks),
    )


SOURCE = search.Source(
    key="documents",
    label="Văn bản",
    search=search_documents,
    result=document_result,
    # After the news, topics, programmes and profiles: the search page's tabs follow this order.
    order=40,
    tab="Văn bản",
    slug="van-ban",
    # A result shows the document, its issuer and its status (the memo ends at midnight).
    sections=("documents",),
)
