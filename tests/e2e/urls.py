"""The site's URLs plus uploaded media, for the browser tests only: the live server serves static
files but not MEDIA_ROOT, and production serves media from the web server, not from Django."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from federation.urls import handler404  # noqa: F401 (Django reads it from the root URLconf)
from federation.urls import urlpatterns as site_urlpatterns


def media(request, path):
    # MEDIA_ROOT is a fresh folder for each test: read it at request time.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    *site_urlpatterns,
    re_path(r"^media/(?P<path>.*)$", media),
]
