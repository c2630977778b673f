"""The bare app's URLs: the same constant 20 KB page as the site's ceiling, and a health check."""

from django.http import HttpResponse
from django.urls import path

from bench.ceiling import ceiling


def healthz(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/ceiling/", ceiling),
    path("healthz", healthz),
]
