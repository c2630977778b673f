"""Public and officers' pages: the programmes, one programme, its signed document, a partner."""

from django.contrib.auth.views import LoginView
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.expressions import RawSQL
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView, ListView

from agreements import cards
from agreements.forms import AgreementFilterForm, OfficerLoginForm
from agreements.models import Agreement, AgreementTask, Partner, today
from agreements.quotas import progress, reposts_prefetch
from core import private_files, roles, seo
from core.pagination import CountedPaginator
from core.seo import PageMeta
from federation.models import SiteProfile
from news.cards import with_card_fields
from news.models import Article

PAGE_SIZE = 20


class AgreementListView(ListView):
    """The programmes the visitor may see, newest first, filtered by partner, year and status."""

    template_name = "agreements/agreement_list.html"
    context_object_name = "agreements"
    paginate_by = PAGE_SIZE
    # The filter form's names, current and old; core.pagecache drops any other.
    query_params = (*AgreementFilterForm.query_names(), "page")

    paginator_class = CountedPaginator

    def get_queryset(self):
        self.is_officer = roles.is_officer(self.request.user)
        visible = Agreement.objects.all() if self.is_officer else Agreement.objects.public()
        self.filters = AgreementFilterForm(self.request.GET, agreements=visible)
        # Officers' years include the officers-only programmes.
        scope = "officers" if self.is_officer else "public"
        self.filters.remember_widgets(f"agreement-filters:{scope}", ["agreements"])
        # The cards come from the cache (agreements.cards): the list reads which rows it shows.
        return self.filters.filter(visible).only("pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            cards=cards.render(context["agreements"]),
            filters=self.filters,
            filtered=any(value for key, value in query.items()),
            query_string=urlencode(self.filters.active),
            is_officer=self.is_officer,
            breadcrumbs=[("Chương trình phối hợp", "")],
            meta=seo.list_meta(
                self.request,
                title="Chương trình phối hợp",
                description=(
                    f"Các chương trình phối hợp tuyên truyền giữa {SiteProfile.load().name} và "
                    "các cơ quan báo chí: nội dung, thời hạn, nhiệm vụ và kết quả thực hiện."
                ),
                page_obj=context.get("page_obj"),
                # A filtered list is a view of the same page: keep it out of search engines.
                noindex=bool(query),
            ),
        )
        return context


# The programmes before and after one along its `renews` links, in one query however long the chain.
CHAIN_SQL = """
WITH RECURSIVE
  earlier(id, depth) AS (
    SELECT renews_id, 1 FROM {table} WHERE id = %s AND renews_id IS NOT NULL
    UNION ALL
    SELECT a.renews_id, e.depth + 1 FROM {table} a JOIN earlier e ON a.id = e.id
    WHERE a.renews_id IS NOT NULL AND e.depth < 100
  ),
  later(id, depth) AS (
    SELECT id, 1 FROM {table} WHERE renews_id = %s
    UNION ALL
    SELECT a.id, l.depth + 1 FROM {table} a JOIN later l ON a.renews_id = l.id
    WHERE l.depth < 100
  )
SELECT id FROM earlier UNION SELECT id FROM later
"""


def renewal_chain(agreement, visible):
    """The whole chain (2018–2020 → 2021–2023 → 2024–2026) that the visitor may see, oldest first."""
    sql = CHAIN_SQL.format(table=Agreement._meta.db_table)
    others = visible.filter(pk__in=RawSQL(sql, [agreement.pk, agreement.pk])).only(
        "title", "slug", "valid_from", "valid_until", "visibility"
    )
    chain = [*others, agreement]
    if len(chain) < 2:
        return []
    return sorted(chain, key=lambda a: (a.valid_from, a.pk))


class AgreementDetailView(DetailView):
    template_name = "agreements/agreement_detail.html"
    context_object_name = "agreement"
    query_params = ()

    def get_queryset(self):
        self.visible = Agreement.objects.visible_to(self.request.user)
        published = Article.objects.published()
        # A task lists its articles by title and counts them by date: no body, no lead.
        task_articles = published.only("id", "slug", "title", "published_at")
        tasks = AgreementTask.objects.select_related("partner").prefetch_related(
            Prefetch("related_articles", queryset=task_articles, to_attr="published_articles"),
            reposts_prefetch(),
        )
        # Documents of the library (the documents app) point at programmes; the page looks them up
        # only when there are some.
        links = Agreement.documents.through.objects.filter(agreement=OuterRef("pk"))
        # The status comes from the dates in Python (PeriodStatus), the same answer as the SQL
        # annotation's without compiling it for one row.
        return (
            self.visible.defer(*Agreement.SEARCH_COLUMNS)
            .annotate(has_documents=Exists(links))
            .with_partners()
            .prefetch_related(
                Prefetch("tasks", queryset=tasks),
                Prefetch(
                    "related_articles",
                    queryset=with_card_fields(published),
                    to_attr="published_articles",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement = self.object
        tasks = list(agreement.tasks.all())
        for task in tasks:
            # Periods that have begun: a future quarter's 0/6 says nothing yet.
            task.quota = [
                row for row in progress(task, task.published_articles) if row.start <= today()
            ]
        context.update(
            tasks=tasks,
            chain=renewal_chain(agreement, self.visible),
            breadcrumbs=[
                ("Chương trình phối hợp", reverse("agreements:list")),
                (agreement.title, ""),
            ],
            **seo.detail_context(
                self.request,
                agreement,
                title=agreement.title,
                description=agreement.description,
                published=None,
                modified=agreement.updated_at,
                noindex=not agreement.is_public,
            ),
        )
        return context


@cache_control(private=True, max_age=0)
def document(request, slug):
    """The signed PDF, for whoever may see its agreement; streamed, never from a media URL."""
    agreement = get_object_or_404(
        Agreement.objects.visible_to(request.user).exclude(document=""), slug=slug
    )
    return FileResponse(
        private_files.open_stored(agreement.document),
        as_attachment=True,
        filename=f"{agreement.slug}.pdf",
        content_type="application/pdf",
    )


class PartnerDetailView(DetailView):
    """A partner, the programmes signed with it, and what it has become."""

    template_name = "agreements/partner_detail.html"
    context_object_name = "partner"
    query_params = ()
    queryset = Partner.objects.select_related("successor").prefetch_related("predecessors")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partner = self.object
        agreements = (
            Agreement.objects.visible_to(self.request.user).filter(partners=partner).for_cards()
        )
        url = self.request.build_absolute_uri(partner.get_absolute_url())
        context.update(
            agreements=agreements,
            predecessors=list(partner.predecessors.all()),
            show_contacts=roles.is_officer(self.request.user),
            breadcrumbs=[
                ("Chương trình phối hợp", reverse("agreements:list")),
                (partner.name, ""),
            ],
            menu_current=reverse("agreements:list"),
            meta=PageMeta(
                title=partner.name,
                description=f"Các chương trình phối hợp với {partner.name}.",
                canonical=url,
            ),
        )
        return context


class OfficerLoginView(LoginView):
    """Sign-in on the public site, for officers who never use the admin."""

    template_name = "registration/login.html"
    form_class = OfficerLoginForm
    redirect_authenticated_user = True
    next_page = reverse_lazy("agreements:list")
    extra_context = {"meta": PageMeta(title="Đăng nhập", noindex=True)}
