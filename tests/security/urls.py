"""The site's URLs plus a view that fails, to see the error page a visitor would get."""

from django.db import connection
from django.urls import path

from federation.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("Lỗi thử nghiệm: SECRET_DETAIL_42")


def broken_database(request):
    # A query that fails, as when the database is gone: the 500 page must not need it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM bang_khong_ton_tai")


urlpatterns = [
    *site_urlpatterns,
    path("loi-thu/", broken),
    path("loi-co-so-du-lieu/", broken_database),
]
