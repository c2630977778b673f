"""Exemplary workers on the public site: the portrait gallery and the profile page."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView

from core import memo, seo
from core.pagination import CountedPaginator, StrictPageMixin
from core.seo import absolute, person_jsonld
from federation.models import SiteProfile
from federation.workers import cards
from federation.workers.forms import WorkerFilterForm
from federation.workers.models import ExemplaryWorker
from news import linked

PAGE_SIZE = 24


class WorkerListView(StrictPageMixin, ListView):
    """The portrait gallery of published profiles."""

    template_name = "federation/worker_list.html"
    context_object_name = "workers"
    paginate_by = PAGE_SIZE
    # The filter form's names, current and old; core.pagecache drops any other.
    query_params = (*WorkerFilterForm.query_names(), "page")

    paginator_class = CountedPaginator

    def get_queryset(self):
        self.filters = WorkerFilterForm(self.request.GET)
        self.filters.remember_widgets("worker-filters", ["workers"])
        # The cards come from the cache (federation.workers.cards): the gallery reads which
        # profiles it shows.
        return self.filters.filter(ExemplaryWorker.objects.published()).only("pk")

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        if not self.filters.chosen:
            # Without a filter, which profiles a page shows changes only with the profiles.
            paginator.remember("worker-list", ["workers"])
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = SiteProfile.load()
        context.update(
            cards=cards.render(context["workers"]),
            filters=self.filters,
            filtered=bool(self.filters.active),
            breadcrumbs=[("Điển hình tiên tiến", "")],
            query_string=urlencode(self.filters.active),
            meta=seo.list_meta(
                self.request,
                title="Điển hình tiên tiến",
                description=(
                    f"Gương điển hình tiên tiến trong phong trào công nhân, viên chức, lao động "
                    f"và hoạt động công đoàn – {profile.name}."
                ),
                page_obj=context.get("page_obj"),
            ),
        )
        return context


# Raise when what the profile page keeps changes shape (a field read, a prefetch added).
PAGE_FORMAT = 1


def _profile(slug):
    worker = get_object_or_404(
        ExemplaryWorker.objects.published().for_cards().defer(*ExemplaryWorker.SEARCH_COLUMNS),
        slug=slug,
    )
    # Which articles the profile links to: the links are the profiles' (a link made from the
    # article's side bumps them too, federation.workers.signals); whether each article is public
    # follows the articles (news.linked).
    links = ExemplaryWorker.related_articles.through.objects.filter(exemplaryworker=worker)
    worker.article_ids = list(links.values_list("article_id", flat=True))
    return worker


class WorkerDetailView(DetailView):
    """One profile: portrait, honours by period, achievements, quote and related news."""

    template_name = "federation/worker_detail.html"
    context_object_name = "worker"
    query_params = ()

    def get_object(self, queryset=None):
        """The profile with its sector and honours, read once per change to the profiles and kept
        in the cache (core.memo)."""
        slug = self.kwargs[self.slug_url_kwarg]
        articles = f"worker:{slug}"
        worker, found = memo.keep(
            f"workers:page:{PAGE_FORMAT}:{slug}",
            lambda: _profile(slug),
            sections=["workers"],
            also=[linked.key(articles)],
        )
        # The public ones among the linked articles (news.linked), read with the profile.
        found = found.get(linked.key(articles))
        worker.public_articles = linked.public(
            articles, worker.article_ids, found, variant="compact"
        )
        return worker

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        worker = self.object
        request = self.request
        image = absolute(request, worker.social_url)
        honours = worker.honours_by_period
        related = worker.public_articles[:6]
        jsonld = person_jsonld(
            request,
            name=worker.full_name,
            url=worker.get_absolute_url(),
            image_url=image,
            job_title=worker.position,
            works_for=worker.workplace,
            honours=[f"{h.title} ({h.year})" for _, items in honours for h in items],
        )
        context.update(
            honours_by_period=honours,
            breadcrumbs=[("Điển hình tiên tiến", reverse("workers:list")), (worker.full_name, "")],
            related=related,
            **seo.detail_context(
                request,
                worker,
                title=worker.full_name,
                description=worker.description,
                image=image,
                image_alt=worker.alt_text if image else "",
                type="profile",
                modified=worker.updated_at,
                jsonld=[jsonld],
            ),
        )
        return context
