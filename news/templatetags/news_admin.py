"""The news boxes on the admin index: each person's own work, and the editors' queues."""

from django import template

from news import workflow
from news.models import Article

register = template.Library()

BOX_SIZE = 8


@register.inclusion_tag("news/admin/dashboard_box.html", takes_context=True)
def news_dashboard(context):
    user = context["request"].user
    articles = Article.objects.alive().select_related("category")
    mine = articles.filter(created_by=user)
    boxes = [
        ("Bài nháp của tôi", mine.filter(status=Article.Status.DRAFT).order_by("-updated_at")),
        (
            "Bài bị trả lại, cần sửa",
            mine.filter(status=Article.Status.RETURNED).order_by("-updated_at"),
        ),
    ]
    if workflow.is_editor(user):
        boxes += [
            (
                "Chờ duyệt",
                articles.filter(status=Article.Status.SUBMITTED).order_by("updated_at"),
            ),
            ("Hẹn giờ đăng", articles.scheduled().order_by("published_at")),
            # What the public sees now: not the scheduled, nor those past their takedown time.
            ("Mới đăng", articles.published().order_by("-published_at")),
        ]
    return {"boxes": [(title, list(qs[:BOX_SIZE])) for title, qs in boxes]}
