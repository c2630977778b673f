"""URLs of the exemplary-worker pages: /dien-hinh-tien-tien/…"""

from django.urls import path

from federation import workers

app_name = "workers"

urlpatterns = [
    path("", workers.WorkerListView.as_view(), name="list"),
    path("<slug:slug>/", workers.WorkerDetailView.as_view(), name="detail"),
]
