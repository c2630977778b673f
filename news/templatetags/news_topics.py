"""{% topic_strip %}: the active topics as a band, for the front page (one query per change)."""

from django import template

from core import memo
from news.models import Topic

register = template.Library()

STRIP_SIZE = 6


@register.inclusion_tag("includes/topic_strip.html")
def topic_strip(limit=STRIP_SIZE):
    # On the front page of every visit: read once per change of the news (a saved topic bumps it).
    return {
        "topics": memo.remember(
            f"topic-strip:{limit}", ("news",), lambda: list(Topic.objects.active()[:limit])
        )
    }
