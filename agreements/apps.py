"""The agreements app: partners, cooperation programmes, their tasks and documents."""

from django.apps import AppConfig
from django.core.signals import setting_changed


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Chương trình phối hợp"

    def ready(self):
        from agreements import signals  # noqa: F401
        from agreements.calendar import deadlines
        from agreements.search import SOURCE
        from agreements.sitemaps import AgreementSitemap
        from core import pagecache, registration

        registration.join(
            "agreements",
            sources=[SOURCE],
            due=[deadlines],
            section="agreements",
            models=[
                "agreements.Partner",
                "agreements.Agreement",
                "agreements.AgreementPartner",
                "agreements.AgreementTask",
            ],
            # Programmes list the published articles they link to; a partner's page does not.
            shows=["news"],
            editors=["partner", "agreement", "agreementpartner", "agreementtask", "partnerfeed"],
            editor_extras=[
                "agreements.view_historicalagreement",
                "agreements.view_historicalagreementtask",
            ],
            content=["agreements.Agreement", "agreements.Partner"],
            summary=[
                ("agreements.Agreement", "chương trình phối hợp"),
                ("agreements.AgreementTask", "nhiệm vụ"),
            ],
            sitemaps=[("chuong-trinh-phoi-hop", AgreementSitemap, 40)],
            tracked=["agreements.Partner", "agreements.Agreement"],
        )
        pagecache.register_urls(["agreements:partner"], sections=["site", "agreements"])
        # A partner's feed is behind its token: read time recorded, revocation immediate.
        pagecache.register_uncached(["agreements:partner-feed-rss", "agreements:partner-feed-json"])

        setting_changed.connect(_storages_changed)


def _storages_changed(*, setting, **kwargs):
    """A field with the private storage chose it when it was made; a change of STORAGES (a
    test's settings) makes each choose again, as Django's own storages do."""
    if setting == "STORAGES":
        from django.apps import apps

        from agreements.documents import private_storage

        for model in apps.get_models():
            for field in model._meta.fields:
                if getattr(field, "_storage_callable", None) is private_storage:
                    field.storage = private_storage()
