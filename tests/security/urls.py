"""The site's URLs plus a view that fails (to see the error page a visitor would get) and MEDIA_ROOT
served at /media/ as in development (to try to reach private files through it)."""

from django.conf import settings
from django.db import connection
from django.urls import path, re_path
from django.views.static import serve

from federation.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("Lỗi thử nghiệm: SECRET_DETAIL_42")


def broken_database(request):
    # A query that fails, as when the database is gone: the 500 page must not need it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM bang_khong_ton_tai")


def media(request, path):
    # MEDIA_ROOT is a fresh folder for each test: read it at request time.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    *site_urlpatterns,
    re_path(r"^media/(?P<path>.*)$", media),
    path("loi-thu/", broken),
    path("loi-co-so-du-lieu/", broken_database),
]
