"""The public news URLs: lists, feeds, the article page, the read beacon and previews."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from core import pagecache
from news import feeds, topic_pages, views
from news.sitemaps import NewsSitemap

app_name = "news"

urlpatterns = [
    path("tin-tuc/", views.ArticleListView.as_view(), name="list"),
    path("tin-tuc/rss/", feeds.LatestArticlesFeed(), name="feed"),
    # Named in the sitemap index as section "news"; here first, for Google News's own format.
    path(
        "sitemap-news.xml",
        pagecache.reads_query("p")(sitemap_views.sitemap),
        {
            "sitemaps": {"news": NewsSitemap},
            "section": "news",
            "template_name": "news/sitemap_news.xml",
        },
        name="sitemap-news",
    ),
    path("tin-tuc/luot-doc/<int:pk>/", views.record_view, name="record-view"),
    path("tin-tuc/<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.CategoryFeed(), name="category-feed"),
    path("the/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("chuyen-de/", topic_pages.TopicListView.as_view(), name="topics"),
    path("chuyen-de/<slug:slug>/", topic_pages.TopicDetailView.as_view(), name="topic"),
    path("chuyen-de/<slug:slug>/rss/", topic_pages.TopicFeed(), name="topic-feed"),
    path("xem-truoc/tin-tuc/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("xem-truoc/<str:token>/", views.SharedPreviewView.as_view(), name="shared-preview"),
]
