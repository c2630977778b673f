"""A replaced document stops being in force the day before its replacement takes effect."""

from datetime import timedelta

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from documents.models import Document


def end_replaced(old, new):
    """Set the old document's last day in force from the new one, unless it already ends sooner."""
    last_day = (new.effective_from or new.issued_on) - timedelta(days=1)
    start = old.effective_from or old.issued_on
    if last_day < start or (old.expires_on is not None and old.expires_on <= last_day):
        return
    old.expires_on = last_day
    old.save(update_fields=["expires_on"])


@receiver(m2m_changed, sender=Document.replaces.through)
def replaces_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add" or not pk_set:
        return
    others = Document.objects.filter(pk__in=pk_set)
    for other in others:
        old, new = (instance, other) if reverse else (other, instance)
        end_replaced(old, new)
