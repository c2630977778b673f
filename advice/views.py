"""The public legal-advice pages: the published answers, one answer, and the question form."""

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from advice import spam
from advice.forms import CONSENT_VERSION, QuestionFilterForm, QuestionForm
from advice.models import Question
from core import search, seo
from core.filters import FilteredListMixin
from core.pagination import StrictPageMixin
from core.seo import PageMeta, qa_page_jsonld
from documents.models import Document
from federation.models import SiteProfile

PAGE_SIZE = 20
RELATED = 5


class QuestionListView(FilteredListMixin, StrictPageMixin, ListView):
    list_title = "Hỏi đáp pháp luật"
    template_name = "advice/question_list.html"
    context_object_name = "questions"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filters = QuestionFilterForm(self.request.GET)
        self.filters.is_valid()
        data = getattr(self.filters, "cleaned_data", {})
        self.query = search.parse_query(data.get("q", ""))
        queryset = Question.objects.published()
        if field := data.get("linh_vuc"):
            queryset = queryset.filter(field=field)
        if self.query:
            return (
                queryset.filter(search.match_all(self.query.terms, "search_text"))
                .annotate(title_match=search.title_rank(self.query.terms, "search_title"))
                .order_by("-title_match", "-published_at", "-id")
            )
        return queryset.order_by("-published_at", "-id")

    def search_terms(self):
        return self.query.terms

    def list_description(self):
        return (
            f"Cán bộ tư vấn pháp luật của {SiteProfile.load().name} trả lời câu hỏi của "
            "người lao động về tiền lương, bảo hiểm xã hội, hợp đồng lao động, kỷ luật, "
            "an toàn lao động."
        )


class QuestionDetailView(DetailView):
    template_name = "advice/question_detail.html"
    context_object_name = "question"

    def get_queryset(self):
        return Question.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        question = self.object
        request = self.request
        related = (
            Question.objects.published()
            .filter(field=question.field)
            .exclude(pk=question.pk)
            .only("slug", "title", "published_at")
            .order_by("-published_at", "-id")[:RELATED]
        )
        cited = (
            Document.objects.visible_to(request.user)
            .filter(cited_by_questions=question)
            .select_related("kind")
        )
        context.update(
            breadcrumbs=[("Hỏi đáp pháp luật", reverse("advice:list")), (question.title, "")],
            related=list(related),
            cited=list(cited),
            **seo.detail_context(
                request,
                question,
                title=question.title,
                description=question.description,
                modified=question.updated_at,
                jsonld=[qa_page_jsonld(request, question, SiteProfile.load())],
            ),
        )
        return context


@never_cache
def ask(request):
    """The question form: nothing is stored unless every check passes; a refused post comes back
    with what was typed and a Vietnamese message saying why."""
    client = spam.client_address(request)
    if request.method == "POST":
        form = QuestionForm(request.POST, client=client)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                Question.objects.create(
                    asker_name=data["asker_name"],
                    show_name=data["show_name"] and bool(data["asker_name"]),
                    locality=data["locality"],
                    contact=data["contact"],
                    question=data["question"],
                    field=data["field"],
                    consent_at=timezone.now(),
                    consent_version=CONSENT_VERSION,
                )
            spam.record(client=client, contact=data["contact"], question=data["question"])
            return redirect("advice:sent")
    else:
        form = QuestionForm(client=client)
    context = {
        "form": form,
        "retention_days": settings.ADVICE_CONTACT_RETENTION_DAYS,
        "breadcrumbs": [("Hỏi đáp pháp luật", reverse("advice:list")), ("Gửi câu hỏi", "")],
        "meta": PageMeta(
            title="Gửi câu hỏi pháp luật",
            description="Người lao động gửi câu hỏi về tiền lương, bảo hiểm, hợp đồng, kỷ luật, "
            "an toàn lao động; cán bộ tư vấn pháp luật trả lời công khai.",
            canonical=request.build_absolute_uri(request.path),
        ),
    }
    return render(request, "advice/question_form.html", context, status=200)


class SentView(TemplateView):
    template_name = "advice/question_sent.html"
    extra_context = {"meta": PageMeta(title="Đã gửi câu hỏi", noindex=True)}
