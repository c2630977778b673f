"""The article form's action bar: which actions apply to this article for this person, by name.

Who may do what is decided in news.workflow; this only chooses the buttons to show and which one
is primary (sticky at the bottom of the form), the others going into its menu, as in Wagtail."""

from dataclasses import dataclass

from django.utils import timezone

from news import workflow
from news.models import Article

Status = Article.Status


@dataclass(frozen=True)
class Action:
    key: str  # what the template and the tests call it
    label: str
    name: str  # the POST name the admin reacts to
    value: str = ""
    tone: str = "default"  # default, go (publish) or stop (return, take down)


def publish_label(article):
    when = article.published_at if article is not None else None
    return "Hẹn giờ đăng" if when and when > timezone.now() else "Đăng bài"


def actions_for(user, article, *, can_change=True):
    """The actions that apply, primary first; empty when the form is read-only."""
    if not can_change:
        return []
    editor = workflow.is_editor(user)
    status = article.status if article is not None else Status.DRAFT
    draft_like = status in workflow.EDITABLE_BY_AUTHOR
    save = Action("save", "Lưu nháp" if draft_like else "Lưu thay đổi", "_continue")
    submit = Action("submit", "Gửi duyệt", "_workflow", "submit")
    publish = Action("publish", publish_label(article), "_workflow", "publish", "go")
    preview = Action("preview", "Xem trước", "_preview", "1")
    give_back = Action("return", "Trả lại", "_workflow", "return", "stop")
    take_down = Action("unpublish", "Gỡ bài (về nháp)", "_workflow", "unpublish", "stop")
    hide = Action("hide", "Gỡ bài (ẩn, giữ nguyên)", "_workflow", "hide", "stop")

    if not editor:
        return [save, submit, preview] if draft_like else []
    if status == Status.SUBMITTED:
        return [publish, give_back, save, preview]
    if status == Status.PUBLISHED:
        return [save, take_down, hide, preview]
    # A draft, a returned article or one taken down and kept hidden.
    return [save, submit, publish, preview] if draft_like else [save, publish, preview]
