"""The site's URLs: Vietnamese, readable paths."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from agreements.views import OfficerLoginView
from core import pagecache, staging
from core import sitemaps as sitemap_registry
from core.editor import editor_image_upload
from federation import accounts, views
from news.views import HomeView

# Each app registered its sections (AppConfig.ready), which ran before any URLconf is loaded.
sitemaps = sitemap_registry.sitemaps()

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("news.urls")),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("", include("agreements.urls")),
    path("dang-nhap/", OfficerLoginView.as_view(), name="login"),
    path("dang-nhap/quen-mat-khau/", include(accounts)),
    path("dang-xuat/", LogoutView.as_view(next_page="home"), name="logout"),
    path("dien-hinh-tien-tien/", include("federation.workers.urls")),
    path("van-ban/", include("documents.urls")),
    path("hoi-dap/", include("advice.urls")),
    path(
        "sitemap.xml",
        pagecache.reads_query()(sitemap_views.index),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        pagecache.reads_query("p")(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    # Before the admin's own URLs: a staff-only thumbnail of a file kept for a returned form.
    path("quan-tri/tep-tam/<str:token>/", staging.preview, name="staged-upload-preview"),
    path("quan-tri/", admin.site.urls),
    path("ckeditor5/image_upload/", editor_image_upload, name="ck_editor_5_upload_file"),
]

# Vietnamese error pages in the site's (or the admin's) layout; 500 is Django's own view with
# templates/500.html.
handler400 = "federation.views.bad_request"
handler403 = "federation.views.permission_denied"
handler404 = "federation.views.page_not_found"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
