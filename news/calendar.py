"""What news puts on the newsroom's calendar: scheduled publications and takedowns."""

from django.urls import reverse

from core.calendar import Entry
from news import workflow
from news.models import Article


def scheduled_articles(*, user, start, end):
    articles = Article.objects.alive().filter(status=Article.Status.PUBLISHED)
    if not workflow.is_editor(user):
        articles = articles.filter(created_by=user)
    for field, kind, tone in [
        ("published_at", "Hẹn giờ đăng", "go"),
        ("unpublish_at", "Hẹn giờ gỡ", "stop"),
    ]:
        for article in articles.filter(**{f"{field}__gte": start, f"{field}__lt": end}):
            yield Entry(
                when=getattr(article, field),
                kind=kind,
                title=article.title,
                url=reverse("admin:news_article_change", args=[article.pk]),
                tone=tone,
            )
