"""Template helpers of the library: the documents of a programme, for its page."""

from django import template

from documents.models import Document

register = template.Library()


@register.inclusion_tag("documents/includes/related_documents.html", takes_context=True)
def agreement_documents(context, agreement):
    """The documents of a programme that the visitor may see (one query, none when the page knows
    there are no documents)."""
    if not getattr(agreement, "has_documents", True):
        return {"documents": []}
    user = context["request"].user
    documents = Document.objects.visible_to(user).filter(related_agreements=agreement).for_cards()
    return {"documents": list(documents), "heading": "Văn bản của chương trình"}
