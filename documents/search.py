"""Public documents as a source for the site search (registered in DocumentsConfig.ready)."""

from core import search
from documents.models import Document


def search_documents(terms):
    return Document.objects.public().for_cards().search(terms)


def document_result(document, terms):
    lead = f"{document.heading} · {document.issuer.name} · {document.issued_on:%d/%m/%Y}"
    return search.Result(
        kind="",
        url=document.get_absolute_url(),
        title=search.highlight(document.summary, terms),
        summary=search.highlight(f"{lead} · {document.status_label}.", terms),
    )


SOURCE = search.Source(
    key="documents",
    label="Văn bản",
    search=search_documents,
    result=document_result,
    order=40,
)
