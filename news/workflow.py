"""The editorial workflow: who may move an article between states, and who hears of it.

Every transition goes through a function here, whatever calls it (an admin button, an admin action,
a script), and each one checks the user's role itself: a crafted POST to the admin cannot skip it.

    nháp ──submit──▶ chờ duyệt ──publish──▶ đã đăng ──unpublish──▶ nháp / đã gỡ
      ▲                 │
      └──── trả lại ◀───┘ (return_for_changes, with a required comment)

    any state ──trash──▶ thùng rác ──restore──▶ the state it had; an import that publishes logs
    its publication too (record_import).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core import roles
from news.models import Article, ArticleEvent

Status = Article.Status

EDITABLE_BY_AUTHOR = {Status.DRAFT, Status.RETURNED}


def is_editor(user):
    return user.is_active and (user.is_superuser or roles.in_group(user, roles.EDITORS))


def is_correspondent(user):
    return roles.in_group(user, roles.CORRESPONDENTS) and not is_editor(user)


def is_author(user, article):
    return article.created_by_id is not None and article.created_by_id == user.pk


def can_edit(user, article):
    """Editors edit everything; a correspondent only their own drafts and returned articles."""
    if is_editor(user):
        return True
    return is_author(user, article) and article.status in EDITABLE_BY_AUTHOR


def can_view(user, article):
    return is_editor(user) or is_author(user, article)


def _require(condition, message):
    if not condition:
        raise PermissionDenied(message)


def _log(article, by, action, comment=""):
    return ArticleEvent.objects.create(
        article=article, actor=by, action=action, status=article.status, comment=comment
    )


def submit(*, article: Article, by) -> Article:
    """Send a draft (or a returned article) to the editors for review."""
    _require(
        is_editor(by) or is_author(by, article),
        "Bạn chỉ gửi duyệt được bài viết của chính mình.",
    )
    if article.status not in EDITABLE_BY_AUTHOR:
        raise ValidationError("Chỉ gửi duyệt được bài ở trạng thái nháp hoặc bị trả lại.")
    with transaction.atomic():
        article.status = Status.SUBMITTED
        article.save(update_fields=["status", "updated_at"])
        _log(article, by, ArticleEvent.Action.SUBMITTED)
    _notify_editors(article, by)
    return article


def publish(*, article: Article, by, at=None) -> Article:
    """Publish now, or at `at` (or the article's own future time): it appears at that moment."""
    _require(is_editor(by), "Chỉ biên tập viên mới được đăng bài.")
    if article.status == Status.PUBLISHED and at is None:
        return article
    with transaction.atomic():
        article.status = Status.PUBLISHED
        article.published_at = _publication_time(article, at)
        if article.unpublish_at and article.unpublish_at <= article.published_at:
            article.unpublish_at = None
        article.save(update_fields=["status", "published_at", "unpublish_at", "updated_at"])
        _log(article, by, ArticleEvent.Action.PUBLISHED)
    _notify_author(article, by, "đã được đăng" if article.is_public else "đã được hẹn giờ đăng")
    return article


def _publication_time(article, at):
    """An explicit time wins; a future time is a schedule; a republished article keeps its
    original time; anything else (a draft's stale planned time) becomes now."""
    now = timezone.now()
    if at is not None:
        return at
    if article.published_at is None:
        return now
    if article.published_at > now:
        return article.published_at
    if article.events.filter(action=ArticleEvent.Action.PUBLISHED).exists():
        return article.published_at
    return now


def return_for_changes(*, article: Article, by, comment: str) -> Article:
    """Send a submitted article back to its author, with what to fix."""
    _require(is_editor(by), "Chỉ biên tập viên mới được trả lại bài.")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError("Hãy ghi rõ lý do trả lại để tác giả biết cần sửa gì.")
    if article.status != Status.SUBMITTED:
        raise ValidationError("Chỉ trả lại được bài đang chờ duyệt.")
    with transaction.atomic():
        article.status = Status.RETURNED
        article.save(update_fields=["status", "updated_at"])
        _log(article, by, ArticleEvent.Action.RETURNED, comment)
    _notify_author(article, by, "bị trả lại để sửa", comment=comment)
    return article


def unpublish(*, article: Article, by, keep_hidden: bool = False) -> Article:
    """Take a published article down: back to draft, or to a hidden state that keeps it as is."""
    _require(is_editor(by), "Chỉ biên tập viên mới được gỡ bài.")
    if article.status != Status.PUBLISHED:
        raise ValidationError("Bài này chưa được đăng.")
    with transaction.atomic():
        article.status = Status.HIDDEN if keep_hidden else Status.DRAFT
        article.save(update_fields=["status", "updated_at"])
        _log(article, by, ArticleEvent.Action.UNPUBLISHED)
    return article


def trash(*, article: Article, by) -> Article:
    """Move an article to the trash: hidden everywhere, restorable by an editor for TRASH_DAYS days."""
    _require(can_edit(by, article), "Bạn không được xóa bài viết này.")
    if article.is_trashed:
        return article
    with transaction.atomic():
        article.trash(by=by)
        _log(article, by, ArticleEvent.Action.TRASHED)
    return article


def restore(*, article: Article, by) -> Article:
    """Take an article out of the trash, in the state it had."""
    _require(is_editor(by), "Chỉ biên tập viên mới được khôi phục bài.")
    if not article.is_trashed:
        return article
    with transaction.atomic():
        article.restore()
        _log(article, by, ArticleEvent.Action.RESTORED)
    return article


def record_import(*, article: Article, by) -> None:
    """An imported article that arrives published has its publication in its events, as if an
    editor had published it: a later republish keeps its original time."""
    if article.status == Status.PUBLISHED:
        _log(article, by, ArticleEvent.Action.PUBLISHED)


def check_edit(*, article: Article, before: Article | None, by) -> None:
    """Guard a save from the change form: what only editors may change stays unchanged."""
    if is_editor(by):
        return
    if before is not None:
        _require(can_edit(by, before), "Bạn không được sửa bài viết này.")
    protected = {"status": Status.DRAFT, "featured": False, "unpublish_at": None}
    for field, default in protected.items():
        old = getattr(before, field) if before is not None else default
        _require(
            getattr(article, field) == old,
            "Cộng tác viên không được đăng bài, đặt tin nổi bật hay hẹn giờ; hãy gửi duyệt.",
        )


# Notifications -----------------------------------------------------------------------------------


def _admin_url(article):
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{base}{reverse('admin:news_article_change', args=[article.pk])}"


def _notify_editors(article, by):
    User = get_user_model()
    editors = User.objects.filter(is_active=True, groups__name=roles.EDITORS).exclude(email="")
    recipients = sorted({u.email for u in editors if u.pk != by.pk})
    if not recipients:
        return
    author = by.get_full_name() or by.get_username()
    send_mail(
        subject=f"[Chờ duyệt] {article.title}",
        message=(
            f"{author} vừa gửi bài «{article.title}» để duyệt.\n\n"
            f"Xem và duyệt bài: {_admin_url(article)}\n"
        ),
        from_email=None,
        recipient_list=recipients,
        fail_silently=True,
    )


def _notify_author(article, by, what, comment=""):
    author = article.created_by
    if author is None or not author.email or author.pk == by.pk:
        return
    lines = [f"Bài viết «{article.title}» của bạn {what}."]
    if comment:
        lines += ["", "Nhận xét của biên tập viên:", comment]
    if article.status == Status.PUBLISHED:
        lines += ["", f"Thời gian đăng: {timezone.localtime(article.published_at):%H:%M, %d/%m/%Y}"]
    lines += ["", f"Mở bài viết: {_admin_url(article)}"]
    send_mail(
        subject=f"[{article.get_status_display()}] {article.title}",
        message="\n".join(lines) + "\n",
        from_email=None,
        recipient_list=[author.email],
        fail_silently=True,
    )
