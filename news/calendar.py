"""What news puts on the newsroom's calendar: scheduled publications and takedowns."""

from django.urls import reverse

from core.calendar import Entry
from news import workflow
from news.models import Article


def scheduled_articles(*, user, start, end):
    articles = Article.objects.alive().filter(status=Article.Status.PUBLISHED)
    if not workflow.is_editor(user):
        articles = articles.filter(created_by=user)
    for article in articles.filter(published_at__gte=start, published_at__lt=end):
        yield Entry(
            when=article.published_at,
            kind="Hẹn giờ đăng",
            title=article.title,
            url=reverse("admin:news_article_change", args=[article.pk]),
            tone="go",
        )
    for article in articles.filter(unpublish_at__gte=start, unpublish_at__lt=end):
        yield Entry(
            when=article.unpublish_at,
            kind="Hẹn giờ gỡ",
            title=article.title,
            url=reverse("admin:news_article_change", args=[article.pk]),
            tone="stop",
        )
