"""The site's URLs, and the benchmark's ceiling: a constant page through the same middleware."""

from django.urls import path

from bench.ceiling import ceiling
from federation import urls as site_urls

# Django looks the error handlers up on the root URLconf: the same as the site's.
handler400 = site_urls.handler400
handler403 = site_urls.handler403

urlpatterns = [*site_urls.urlpatterns, path("bench/ceiling/", ceiling, name="bench-ceiling")]
