"""The site's URLs, and the benchmark's ceiling: a constant page through the same middleware."""

from django.urls import path

from bench.ceiling import ceiling
from federation.urls import urlpatterns as site_urlpatterns

urlpatterns = [*site_urlpatterns, path("bench/ceiling/", ceiling, name="bench-ceiling")]
