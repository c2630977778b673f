"""Keep the names at signing and the search text in step with partners, which are saved after, and
the programmes' pages with links to articles made from the articles' side."""

from django.db.models import OuterRef, Subquery
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from agreements.models import Agreement, AgreementPartner, AgreementTask, Partner
from core import pagecache


@receiver(m2m_changed, sender=Agreement.partners.through)
def partners_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        links = AgreementPartner.objects.filter(partner=instance)
        agreements = list(Agreement.objects.filter(pk__in=pk_set or ()))
    else:
        links = AgreementPartner.objects.filter(agreement=instance)
        agreements = [instance]
    if action == "post_add":
        # .add() and .set() create the through rows in bulk, without calling their save().
        current_name = Partner.objects.filter(pk=OuterRef("partner_id")).values("name")[:1]
        links.filter(name_at_signing="").update(name_at_signing=Subquery(current_name))
    for agreement in agreements:
        agreement.refresh_search_text()


@receiver(post_save, sender=Partner)
def partner_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    for agreement in Agreement.objects.filter(partners=instance):
        agreement.refresh_search_text()


@receiver(m2m_changed, sender=Agreement.related_articles.through)
@receiver(m2m_changed, sender=AgreementTask.related_articles.through)
def articles_linked_from_their_side(sender, action, reverse, **kwargs):
    """A link made from the article's side bumps the news; a programme's page also keeps which
    articles it links to under the programmes' section (agreements.page)."""
    if reverse and action.startswith("post_"):
        pagecache.bump("agreements")
