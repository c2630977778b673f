"""Keep each article's search text in step with its tags, which are saved after it."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from news.models import Article


@receiver(m2m_changed, sender=Article.tags.through)
def tags_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Article):
        instance.refresh_search_text()
