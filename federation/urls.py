"""The site's URLs: Vietnamese, readable paths."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from advice.sitemaps import QuestionSitemap
from agreements import sitemaps as agreement_sitemaps
from agreements.views import OfficerLoginView
from documents.sitemaps import DocumentSitemap
from federation import views, workers
from news import sitemaps as news_sitemaps
from news.views import HomeView

sitemaps = {
    "trang": news_sitemaps.StaticSitemap,
    "chuyen-muc": news_sitemaps.CategorySitemap,
    "tin-tuc": news_sitemaps.ArticleSitemap,
    "chuong-trinh-phoi-hop": agreement_sitemaps.AgreementSitemap,
    "dien-hinh-tien-tien": workers.WorkerSitemap,
    "van-ban": DocumentSitemap,
    "hoi-dap": QuestionSitemap,
}

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("news.urls")),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("", include("agreements.urls")),
    path("dang-nhap/", OfficerLoginView.as_view(), name="login"),
    path("dang-xuat/", LogoutView.as_view(next_page="/"), name="logout"),
    path("dien-hinh-tien-tien/", include("federation.worker_urls")),
    path("van-ban/", include("documents.urls")),
    path("hoi-dap/", include("advice.urls")),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("quan-tri/", admin.site.urls),
    path("ckeditor5/image_upload/", views.editor_image_upload, name="ck_editor_5_upload_file"),
]

if settings.BENCH_CEILING_VIEW:
    # The benchmark's ceiling: a constant page through the same middleware (bench/run.py).
    from bench.ceiling import ceiling

    urlpatterns.append(path("bench/ceiling/", ceiling, name="bench-ceiling"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
