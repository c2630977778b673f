"""URLs of the library: /van-ban/, one document, its files and the feed of new documents."""

from django.urls import path

from documents import feeds, views

app_name = "documents"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("rss/", feeds.LatestDocumentsFeed(), name="feed"),
    path("<slug:slug>/", views.DocumentDetailView.as_view(), name="detail"),
    path("<slug:slug>/tep/<int:pk>/", views.download, name="file"),
    path("<slug:slug>/tep/<int:pk>/xem/", views.inline, name="file_inline"),
]
