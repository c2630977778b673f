"""Signed, expiring preview links: a draft shown to a colleague who has no account."""

from django.core import signing
from django.urls import reverse

SALT = "news.preview"
MAX_AGE_DAYS = 7


def preview_token(article):
    return signing.dumps({"article": article.pk}, salt=SALT, compress=True)


def preview_link(article):
    return reverse("news:shared-preview", kwargs={"token": preview_token(article)})


def article_pk_from(token):
    """The article's pk, or None for a forged, altered or expired token."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    return data.get("article") if isinstance(data, dict) else None
