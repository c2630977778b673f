"""{% topic_strip %}: the active topics as a band, for the front page (one query)."""

from django import template

from news.models import Topic

register = template.Library()

STRIP_SIZE = 6


@register.inclusion_tag("includes/topic_strip.html")
def topic_strip(limit=STRIP_SIZE):
    return {"topics": list(Topic.objects.active()[:limit])}
