"""The site's URLs plus views that fail or refuse (to see the error page a visitor would get) and
MEDIA_ROOT served at /media/ as in development (to try to reach private files through it)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import path, re_path
from django.views.static import serve

from federation import urls as site_urls


def broken(request):
    raise RuntimeError("Lỗi thử nghiệm: SECRET_DETAIL_42")


def broken_database(request):
    # A query that fails, as when the database is gone: the 500 page must not need it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM bang_khong_ton_tai")


def refused(request):
    raise PermissionDenied("Lý do nội bộ: SECRET_DETAIL_42")


def media(request, path):
    # MEDIA_ROOT is a fresh folder for each test: read it at request time.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# Django looks the error handlers up on the root URLconf: the same as the site's.
handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404

urlpatterns = [
    *site_urls.urlpatterns,
    re_path(r"^media/(?P<path>.*)$", media),
    path("loi-thu/", broken),
    path("loi-co-so-du-lieu/", broken_database),
    path("bi-tu-choi/", refused),
]
