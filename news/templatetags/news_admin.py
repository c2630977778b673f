"""The news parts of the admin index: the first actions and what comes next, each person's own
work with the editors' comments, and the editors' review queue (oldest first)."""

from django import template
from django.db.models import OuterRef, Subquery

from core import calendar
from news import workflow
from news.models import Article, ArticleEvent

register = template.Library()

BOX_SIZE = 8
Status = Article.Status


def _latest(action, field):
    events = ArticleEvent.objects.filter(article=OuterRef("pk"), action=action)
    return Subquery(events.order_by("-at", "-id").values(field)[:1])


@register.inclusion_tag("news/admin/desk_start.html", takes_context=True)
def news_desk_start(context):
    """ "Viết bài mới", "Nhập bài cũ" and the next three items of the calendar."""
    user = context["request"].user
    return {
        "can_write": user.has_perm("news.add_article"),
        "upcoming": calendar.upcoming(user=user, count=3),
    }


@register.inclusion_tag("news/admin/dashboard_box.html", takes_context=True)
def news_dashboard(context):
    user = context["request"].user
    articles = Article.objects.alive().select_related("category")
    mine = articles.filter(created_by=user)
    returned = mine.filter(status=Status.RETURNED).annotate(
        return_comment=_latest(ArticleEvent.Action.RETURNED, "comment")
    )
    boxes = [
        ("Bài nháp của tôi", mine.filter(status=Status.DRAFT).order_by("-updated_at")),
        ("Bị trả lại", returned.order_by("-updated_at")),
    ]
    if workflow.is_editor(user):
        # Oldest first, by when the article was (last) sent for review.
        waiting = articles.filter(status=Status.SUBMITTED).annotate(
            submitted_at=_latest(ArticleEvent.Action.SUBMITTED, "at")
        )
        boxes += [
            ("Chờ duyệt", waiting.order_by("submitted_at", "updated_at")),
            ("Hẹn giờ đăng", articles.scheduled().order_by("published_at")),
            # What the public sees now: not the scheduled, nor those past their takedown time.
            ("Mới đăng", articles.published().order_by("-published_at")),
        ]
    else:
        boxes += [
            ("Đang chờ duyệt", mine.filter(status=Status.SUBMITTED).order_by("-updated_at")),
            ("Đã đăng", mine.published().order_by("-published_at")),
        ]
    return {"boxes": [(title, list(qs[:BOX_SIZE])) for title, qs in boxes]}
