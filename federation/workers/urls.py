"""URLs of the exemplary-worker pages: /dien-hinh-tien-tien/…"""

from django.urls import path

from federation.workers import views

app_name = "workers"

urlpatterns = [
    path("", views.WorkerListView.as_view(), name="list"),
    path("<slug:slug>/", views.WorkerDetailView.as_view(), name="detail"),
]
