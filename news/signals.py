"""Keep each article's search text in step with its tags, which are saved after it, and its old
address (from an import or the admin) answering with a 301 to it."""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from core import redirects
from news.models import Article


@receiver(m2m_changed, sender=Article.tags.through)
def tags_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Article):
        instance.refresh_search_text()


@receiver(post_save, sender=Article)
def old_address_redirects(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not instance.old_path:
        return
    if update_fields is not None and not ({"old_path", "slug"} & set(update_fields)):
        return
    redirects.point(instance.old_path, instance.get_absolute_url())
