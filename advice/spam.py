"""Keeping spam out of the question form without any outside service (no CAPTCHA can be reached
from here): a honeypot, a minimum time to fill the form, rate limits per client address and per
contact, and a refusal of markup and link lists.

The rate limits are counters in Django's cache (cache.add, then cache.incr): Redis in production,
shared by every worker. django-ratelimit was not used because its system check refuses the
per-process cache that development and the tests run on.
"""

import html
import re
import time

import nh3
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from core.clientip import client_ip
from core.text import fold_vi

_SIGNER_SALT = "advice.question-form"
_LINK = re.compile(r"(https?://|www\.)", re.I)
MAX_LINKS = 2


def client_address(request):
    """The visitor's address, as the rate limit counts them: by the rule the login lockout uses,
    so that a proxy in front of the site is not taken for one busy visitor."""
    return client_ip(request) or "unknown"


# The form's start time -----------------------------------------------------------------------------


def start_token():
    """A signed "form shown at" stamp: a bot cannot forge it, nor post faster than a person."""
    return signing.dumps(round(time.time(), 1), salt=_SIGNER_SALT)


def seconds_since(token):
    """How long ago the form was shown, or None when the stamp is missing, forged or too old."""
    try:
        shown = signing.loads(
            token or "", salt=_SIGNER_SALT, max_age=settings.ADVICE_FORM_MAX_AGE_SECONDS
        )
        return time.time() - float(shown)
    except (signing.BadSignature, TypeError, ValueError):
        return None


# What people type -------------------------------------------------------------------------------


def has_markup(text):
    """Whether the text holds HTML (a tag, a script, a comment), which no question needs."""
    if "<" not in (text or ""):
        return False
    as_text = html.unescape(nh3.clean(text, tags=set(), clean_content_tags={"script", "style"}))
    return as_text != text


def too_many_links(text):
    return len(_LINK.findall(text or "")) > MAX_LINKS


def normalise_contact(value):
    """An email in lower case, or a phone number as its digits with a leading 0."""
    value = (value or "").strip()
    if "@" in value:
        return value.lower()
    digits = re.sub(r"[\s.\-()]", "", value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


# Rate limits and repeats ---------------------------------------------------------------------------


def _key(kind, value):
    # Addresses and contacts are personal data: only a keyed hash of them goes into the cache.
    digest = salted_hmac("advice.rate", value).hexdigest()[:32]
    return f"advice:rate:{kind}:{digest}"


def _count(key):
    return cache.get(key) or 0


def _add(key, seconds):
    if not cache.add(key, 1, seconds):
        try:
            cache.incr(key)
        except ValueError:
            # It expired between add() and incr().
            cache.set(key, 1, seconds)


def limits():
    """(kind, how many, seconds): per client address and per contact."""
    return [
        ("client", settings.ADVICE_RATE_PER_CLIENT, 3600),
        ("contact", settings.ADVICE_RATE_PER_CONTACT, 24 * 3600),
    ]


def refusal(*, client, contact, question):
    """The message that refuses this post (too many, or the same question again), or None."""
    values = {"client": client, "contact": normalise_contact(contact)}
    fingerprint = fold_vi(question)
    for kind, value in values.items():
        if cache.get(_key("same", f"{kind}:{value}:{fingerprint}")):
            return (
                "Câu hỏi này đã được gửi trước đó và đang chờ cán bộ tư vấn trả lời; không cần "
                "gửi lại."
            )
    for kind, limit, seconds in limits():
        if _count(_key(kind, values[kind])) >= limit:
            wait = "một giờ" if seconds <= 3600 else "một ngày"
            return (
                "Bạn đã gửi nhiều câu hỏi trong thời gian ngắn. Hãy thử lại sau khoảng "
                f"{wait}; cán bộ tư vấn sẽ trả lời các câu hỏi đã gửi."
            )
    return None


def record(*, client, contact, question):
    values = {"client": client, "contact": normalise_contact(contact)}
    fingerprint = fold_vi(question)
    for kind, _, seconds in limits():
        _add(_key(kind, values[kind]), seconds)
    for kind, value in values.items():
        cache.set(_key("same", f"{kind}:{value}:{fingerprint}"), 1, 24 * 3600)
