"""{% topic_strip %}: the active topics as a band, for the front page (one query per change)."""

from django import template

from core import memo
from news.models import Topic

register = template.Library()

STRIP_SIZE = 6


@register.simple_tag
def topic_strip(limit=STRIP_SIZE):
    # On the front page of every visit: read and rendered once per change of the news (a saved
    # topic bumps it).
    return memo.rendered(
        f"topic-strip:{limit}:html",
        ("news",),
        "includes/topic_strip.html",
        lambda: {"topics": list(Topic.objects.active()[:limit])},
    )
