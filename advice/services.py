"""What a legal officer does to a question (publish, decline, reopen) and the mail to the asker."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from advice.models import Question
from federation.models import SiteProfile

logger = logging.getLogger(__name__)


def publication_problems(question):
    missing = [
        label
        for label, value in [
            ("tiêu đề", question.title.strip()),
            ("câu hỏi để đăng", question.public_question.strip()),
            ("câu trả lời", question.answer_text),
        ]
        if not value
    ]
    if missing:
        return "Chưa đăng được: còn thiếu " + ", ".join(missing) + "."
    return ""


def publish(*, question: Question, by) -> None:
    """Put the answer on the public site and, once committed, tell the asker by email."""
    problem = publication_problems(question)
    if problem:
        raise ValidationError(problem)
    now = timezone.now()
    question.status = Question.Status.PUBLISHED
    question.published_at = question.published_at or now
    question.closed_at = now
    question.answered_by = question.answered_by or by
    question.save()
    if question.contact_email and question.notified_at is None:
        transaction.on_commit(lambda: notify_asker(question.pk))


def decline(*, question: Question, by) -> None:
    """Close a question without publishing it (spam, out of scope, answered by phone…)."""
    now = timezone.now()
    question.status = Question.Status.DECLINED
    question.published_at = None
    question.closed_at = now
    question.save()


def reopen(*, question: Question, by) -> None:
    """Back to the queue: off the public site, open again (its contact is kept meanwhile)."""
    question.status = Question.Status.NEW
    question.published_at = None
    question.closed_at = None
    question.save()


def notify_asker(question_pk):
    """Email the asker the link to the published answer; a mail failure never undoes publishing."""
    question = Question.objects.filter(pk=question_pk).first()
    if question is None or not question.is_published or not question.contact_email:
        return False
    profile = SiteProfile.load()
    url = settings.SITE_URL.rstrip("/") + question.get_absolute_url()
    body = render_to_string(
        "advice/email/answered.txt", {"question": question, "url": url, "profile": profile}
    )
    try:
        send_mail(
            f"Câu hỏi của bạn đã có câu trả lời – {profile.name}",
            body,
            None,
            [question.contact_email],
        )
    except Exception:
        logger.exception("Could not email the asker of question %s", question.pk)
        return False
    Question.objects.filter(pk=question.pk).update(notified_at=timezone.now())
    return True


def purge_contacts(*, older_than_days: int, now=None) -> int:
    """Blank the contact of questions closed more than so many days ago; returns how many."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=older_than_days)
    return Question.objects.closed_before(cutoff).exclude(contact="").update(contact="")
