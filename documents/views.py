"""The library's pages: the list, one document, and its files (downloaded or shown in the page)."""

from csp.decorators import csp_replace, csp_update
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import DetailView, ListView

from agreements.models import Agreement
from core import private_files, roles, seo
from core.filters import FilteredListMixin
from core.pagination import StrictPageMixin
from documents import downloads
from documents.forms import DocumentFilterForm
from documents.models import Document, DocumentFile
from federation.models import SiteProfile
from news.cards import with_card_fields
from news.models import Article

PAGE_SIZE = 20


class DocumentListView(FilteredListMixin, StrictPageMixin, ListView):
    """The documents the visitor may see, newest first, with filters and a number search."""

    template_name = "documents/document_list.html"
    list_title = "Văn bản"
    context_object_name = "documents"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        visible = Document.objects.visible_to(self.request.user)
        self.filters = DocumentFilterForm(self.request.GET, documents=visible)
        return self.filters.filter(visible).for_cards()

    def list_description(self):
        return (
            f"Thư viện văn bản của {SiteProfile.load().name}: kế hoạch, hướng dẫn, nghị "
            "quyết, quyết định, công văn, biểu mẫu và văn bản pháp luật về lao động, công "
            "đoàn."
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_officer"] = roles.is_officer(self.request.user)
        return context


@method_decorator(csp_update({"frame-src": ["'self'"]}), name="dispatch")
class DocumentDetailView(DetailView):
    """One document: its data, status, files (the PDF shown in the page), what it replaces and
    what replaced it, related documents, news and programmes."""

    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        user = self.request.user
        visible = Document.objects.visible_to(user)
        linked = visible.select_related("kind").only(
            "slug", "number", "summary", "kind__name", "visibility", "issued_on"
        )
        return (
            visible.for_cards()
            .defer(*Document.SEARCH_COLUMNS)
            .prefetch_related(
                "files",
                Prefetch("replaces", queryset=linked, to_attr="visible_replaces"),
                Prefetch("replaced_by", queryset=linked, to_attr="visible_replaced_by"),
                Prefetch("related_documents", queryset=linked, to_attr="visible_related"),
                Prefetch(
                    "related_articles",
                    queryset=with_card_fields(Article.objects.published()),
                    to_attr="published_articles",
                ),
                Prefetch(
                    "related_agreements",
                    queryset=Agreement.objects.visible_to(user).only("slug", "title", "signed_on"),
                    to_attr="visible_agreements",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        files = list(document.files.all())
        context.update(
            files=files,
            viewer=next((f for f in files if f.is_pdf), None),
            **seo.detail_context(
                self.request,
                document,
                title=f"{document.heading}: {document.summary}",
                description=document.description,
                modified=document.updated_at,
                noindex=not document.is_public,
            ),
        )
        return context


def _visible_file(request, slug, pk):
    document = get_object_or_404(Document.objects.visible_to(request.user), slug=slug)
    return get_object_or_404(
        DocumentFile.objects.select_related("document"), document=document, pk=pk
    )


@cache_control(private=True, max_age=0)
def download(request, slug, pk):
    """A file of a document, for whoever may see the document; counted, streamed, never from a
    media URL."""
    document_file = _visible_file(request, slug, pk)
    handle = private_files.open_stored(document_file.file)
    downloads.record_download(document_file.pk)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document_file.download_name,
        content_type=document_file.content_type,
    )


# The browser's own PDF viewer shows this response inside the document's page: only this response
# may be framed, and only by the site itself.
@cache_control(private=True, max_age=0)
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"], "object-src": ["'self'"]})
def inline(request, slug, pk):
    """A PDF of a document, to read in the page (not counted as a download)."""
    document_file = _visible_file(request, slug, pk)
    if not document_file.is_pdf:
        raise Http404("Chỉ xem trực tiếp được tệp PDF.")
    return FileResponse(
        private_files.open_stored(document_file.file),
        filename=document_file.download_name,
        content_type=document_file.content_type,
        as_attachment=False,
    )
