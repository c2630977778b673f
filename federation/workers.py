"""Exemplary workers on the public site: the gallery, the profile, search and the sitemap."""

from django import forms
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView

from federation import search
from federation.models import ExemplaryWorker, Honour, HonourPeriod, Sector, SiteProfile
from federation.pagination import StrictPageMixin
from federation.seo import PageMeta, absolute, person_jsonld

PAGE_SIZE = 24
INVALID_CHOICE = "«%(value)s» không có trong danh sách; đang hiện tất cả."


class WorkerFilterForm(forms.Form):
    """The gallery's filters. An unknown value is reported and ignored, never an error page."""

    giai_doan = forms.ModelChoiceField(
        label="Giai đoạn",
        queryset=HonourPeriod.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Tất cả giai đoạn",
        error_messages={"invalid_choice": f"Giai đoạn {INVALID_CHOICE}"},
    )
    nganh = forms.ModelChoiceField(
        label="Ngành, lĩnh vực",
        queryset=Sector.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Tất cả ngành, lĩnh vực",
        error_messages={"invalid_choice": f"Ngành, lĩnh vực {INVALID_CHOICE}"},
    )
    cong_doan = forms.ChoiceField(
        label="Công đoàn cơ sở",
        required=False,
        error_messages={"invalid_choice": f"Công đoàn cơ sở {INVALID_CHOICE}"},
    )

    def __init__(self, data=None, **kwargs):
        if data is not None:
            # Null characters only come from probes; PostgreSQL refuses them in a query.
            data = {key: data.get(key, "").replace("\x00", "") for key in self.base_fields}
        super().__init__(data, **kwargs)
        unions = (
            ExemplaryWorker.objects.published()
            .exclude(grassroots_union="")
            .order_by("grassroots_union")
            .values_list("grassroots_union", flat=True)
            .distinct()
        )
        self.fields["cong_doan"].choices = [("", "Tất cả công đoàn cơ sở")] + [
            (name, name) for name in unions
        ]

    def filter(self, queryset):
        """The queryset narrowed by every filter that holds a valid value."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if period := data.get("giai_doan"):
            honoured = Honour.objects.filter(worker=OuterRef("pk"), period=period)
            queryset = queryset.filter(Exists(honoured))
        if sector := data.get("nganh"):
            queryset = queryset.filter(sector=sector)
        if union := data.get("cong_doan"):
            queryset = queryset.filter(grassroots_union=union)
        return queryset

    @property
    def active(self):
        """The valid filters, as query-string pairs for the pagination links."""
        data = getattr(self, "cleaned_data", {})
        pairs = []
        for name, value in data.items():
            if value:
                pairs.append((name, getattr(value, "slug", value)))
        return pairs


class WorkerListView(StrictPageMixin, ListView):
    """The portrait gallery of published profiles."""

    template_name = "federation/worker_list.html"
    context_object_name = "workers"
    paginate_by = PAGE_SIZE
    query_params = (*WorkerFilterForm.base_fields, "page")  # federation.pagecache drops any other

    def get_queryset(self):
        self.filters = WorkerFilterForm(self.request.GET)
        queryset = ExemplaryWorker.objects.published().for_cards()
        return self.filters.filter(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = SiteProfile.load()
        page = self.request.GET.get("page")
        canonical = self.request.build_absolute_uri(self.request.path)
        context.update(
            filters=self.filters,
            filtered=bool(self.filters.active),
            query_string=urlencode(self.filters.active),
            meta=PageMeta(
                title="Điển hình tiên tiến",
                description=(
                    f"Gương điển hình tiên tiến trong phong trào công nhân, viên chức, lao động "
                    f"và hoạt động công đoàn – {profile.name}."
                ),
                canonical=canonical + (f"?page={page}" if page else ""),
            ),
        )
        return context


class WorkerDetailView(DetailView):
    """One profile: portrait, honours by period, achievements, quote and related news."""

    template_name = "federation/worker_detail.html"
    context_object_name = "worker"
    query_params = ()

    def get_queryset(self):
        return ExemplaryWorker.objects.published().for_cards()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        worker = self.object
        request = self.request
        url = request.build_absolute_uri(worker.get_absolute_url())
        image = absolute(request, worker.social_url)
        honours = worker.honours_by_period
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
            related=list(worker.related_articles.published().for_cards()[:6]),
            share_url=url,
            meta=PageMeta(
                title=worker.full_name,
                description=worker.description,
                canonical=url,
                image=image,
                image_alt=worker.alt_text if image else "",
                type="profile",
                modified=worker.updated_at,
                jsonld=[jsonld],
            ),
        )
        return context


# Site search -------------------------------------------------------------------------------------


def search_workers(terms):
    return (
        ExemplaryWorker.objects.published()
        .filter(search.match_all(terms, "search_text"))
        .annotate(title_match=search.title_rank(terms, "search_title"))
        .order_by("-title_match", "search_title", "id")
        .select_related("sector")
    )


def worker_result(worker, terms):
    summary = " – ".join(p for p in [worker.position, worker.workplace] if p)
    return search.Result(
        kind="",
        url=worker.get_absolute_url(),
        title=search.highlight(worker.full_name, terms),
        summary=search.highlight(search.snippet(summary, terms), terms),
        picture=worker.card_html(sizes="120px"),
    )


SEARCH_SOURCE = search.Source(
    key="workers",
    label="Điển hình tiên tiến",
    search=search_workers,
    result=worker_result,
    order=10,
)


class WorkerSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return ExemplaryWorker.objects.published().only("slug", "updated_at").order_by("id")

    def lastmod(self, item):
        return item.updated_at
