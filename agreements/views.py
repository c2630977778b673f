"""Public and officers' pages: the programmes, one programme, its signed document, a partner."""

from django.contrib.auth.views import LoginView
from django.db.models import prefetch_related_objects
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView, ListView

from agreements import cards
from agreements import page as programme_page
from agreements.forms import AgreementFilterForm, OfficerLoginForm
from agreements.models import Agreement, Partner, today
from agreements.quotas import counts_reposts, progress, reposts_prefetch
from core import private_files, roles, seo
from core.pagination import CountedPaginator
from core.seo import PageMeta
from federation.models import SiteProfile

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

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        if not self.filters.chosen:
            # Without a filter, which programmes a page shows changes only with the programmes;
            # a status filter would also change with the day.
            scope = "officers" if self.is_officer else "public"
            paginator.remember(f"agreement-list:{scope}", ["agreements"])
        return paginator

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


class AgreementDetailView(DetailView):
    template_name = "agreements/agreement_detail.html"
    context_object_name = "agreement"
    query_params = ()

    def get_object(self, queryset=None):
        self.is_officer = roles.is_officer(self.request.user)
        agreement, self.chain, articles = programme_page.programme(
            self.kwargs[self.slug_url_kwarg], officer=self.is_officer
        )
        # The public ones among the linked articles (news.linked), for the programme's cards and
        # its tasks' lists and quotas.
        tasks = list(agreement.tasks.all())
        agreement.published_articles = [a for a in articles if a.pk in set(agreement.article_ids)]
        for task in tasks:
            mine = set(task.article_ids)
            task.published_articles = [a for a in articles if a.pk in mine]
        # The partners' reposts, for the quotas that count them.
        counting = [task for task in tasks if task.target_count and counts_reposts(task)]
        if counting:
            prefetch_related_objects(counting, reposts_prefetch())
        return agreement

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
            chain=self.chain,
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
