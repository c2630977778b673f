"""Keep the profiles' pages in step with links to articles made from the articles' side."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from core import pagecache
from federation.workers.models import ExemplaryWorker


@receiver(m2m_changed, sender=ExemplaryWorker.related_articles.through)
def articles_linked_from_their_side(sender, action, reverse, **kwargs):
    """A link made from the article's side bumps the news; a profile's page also keeps which
    articles it links to under the profiles' section (federation.workers.views)."""
    if reverse and action.startswith("post_"):
        pagecache.bump("workers")
