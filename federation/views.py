"""Site-wide views: site search, robots.txt, the health check and the error pages."""

import os
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core import pagecache, search
from core.cache import cache_answers
from core.seo import PageMeta
from federation import search_results


@dataclass
class SearchTab:
    source: object  # None: "Tất cả"
    label: str
    count: int
    url: str
    capped: bool = False
    current: bool = False


class SearchView(TemplateView):
    """One search page over every registered kind: the news first, paginated, then a block per
    other kind, each with its count; a tab per kind ("?loai=chuong-trinh") lists only that kind.

    Each kind costs one query on the "Tất cả" tab, the listed kind too (its first rows carry the
    count, a window function); no query per result. What a query finds is kept until the next
    edit (federation.search_results): its next visitor runs none.
    """

    template_name = "federation/search.html"
    query_params = ("q", "page", "loai")  # core.pagecache drops any other

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = search.parse_query(self.request.GET.get("q", ""))
        context.update(
            query=query,
            search_query=query.raw,
            breadcrumbs=[("Tìm kiếm", "")],
            meta=PageMeta(
                title=f"Tìm kiếm: {query.raw}" if query.raw else "Tìm kiếm", noindex=True
            ),
        )
        if not query:
            return context
        loai = self.request.GET.get("loai")
        chosen = next((s for s in search.sources() if s.slug == loai), None)
        found = search_results.find(query, chosen=chosen, page=self.request.GET.get("page"))
        tabs = [
            SearchTab(source, source.tab, count, self._url(query, source), capped)
            for source, count, capped in found.counts
        ]
        everything = SearchTab(None, "Tất cả", sum(t.count for t in tabs), self._url(query))
        everything.capped = any(t.capped for t in tabs)
        for tab in [everything, *tabs]:
            tab.current = tab.source is chosen
        context.update(
            blocks=found.blocks,
            tabs=[everything, *tabs],
            chosen=chosen,
            page_obj=found.page,
            query_string=self._url(query, chosen)[1:],
        )
        return context

    @staticmethod
    def _url(query, source=None):
        params = {"q": query.raw, **({"loai": source.slug} if source else {})}
        return "?" + urlencode(params)


def folder_of(*urls):
    """The folder that holds these addresses: "/xem-truoc/" for the two kinds of preview."""
    common = os.path.commonprefix(urls)
    return common[: common.rfind("/") + 1]


@pagecache.reads_query()
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # Both kinds of preview live under one folder: the robots file names the folder.
    token = "x" * 20
    previews = folder_of(
        reverse("news:preview", kwargs={"pk": 1}), reverse("news:shared-preview", args=[token])
    )
    partner_feeds = folder_of(
        reverse("agreements:partner-feed-rss", args=[token]),
        reverse("agreements:partner-feed-json", args=[token]),
    )
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('search')}",
        f"Disallow: {previews}",
        f"Disallow: {partner_feeds}",
        f"Allow: {reverse('home')}",
        f"Sitemap: {sitemap}",
        f"Sitemap: {request.build_absolute_uri(reverse('news:sitemap-news'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


CACHE_AWAY = "không kết nối được (các trang vẫn chạy, lấy từ cơ sở dữ liệu)"


@never_cache
def healthz(request):
    """200 when the database answers, 503 otherwise: for load balancers and monitoring.

    The site runs without its cache (core.cache), so a cache that does not answer keeps the
    200 and says "degraded", for monitoring to see.
    """
    cache_ok = cache_answers(cache)
    cache_state = "ok" if cache_ok else CACHE_AWAY
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse(
            {"status": "error", "database": "không kết nối được", "cache": cache_state}, status=503
        )
    return JsonResponse(
        {"status": "ok" if cache_ok else "degraded", "database": "ok", "cache": cache_state}
    )


def csrf_failure(request, reason=""):
    """A form sent without its security token (an expired page, blocked cookies): say so in
    Vietnamese, in the site's layout, and say what to do."""
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception):
    """A request refused before any view (a Host header that is not ours, a malformed body): in
    Vietnamese, in the site's layout. Nothing here may ask the request for its host again, or the
    error page would fail the same way; the way back is the site's official address."""
    context = {"wrong_host": isinstance(exception, DisallowedHost), "site_url": settings.SITE_URL}
    return render(request, "400.html", context, status=400)


def officer_login_url(request):
    """/dang-nhap/?next=<this address>: only this site's path and query, never a host (a path
    that opens with "//" would name one)."""
    here = "/" + request.get_full_path().lstrip("/")
    return f"{reverse('login')}?{urlencode({'next': here})}"


def page_not_found(request, exception):
    """Django's 404 page, with a quiet way in for officers. Every 404 carries it, whether the
    address names nothing or something the visitor may not see, so that it tells nobody which."""
    context = {"officer_login_url": officer_login_url(request)}
    return render(request, "404.html", context, status=404)


def permission_denied(request, exception):
    """A refusal: in the admin's layout under the admin, with the dashboard and the menu of what
    the account may do; in the site's layout anywhere else. The exception's text stays out."""
    if request.path.startswith(reverse("admin:index")) and hasattr(request, "user"):
        context = {**admin.site.each_context(request), "title": "Không có quyền truy cập"}
        return render(request, "admin/403.html", context, status=403)
    return render(request, "403.html", status=403)
