from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = "Liên đoàn Lao động"
    default = True

    def ready(self):
        from federation import cleaning, files, pagecache, permissions, search

        cleaning.connect()
        files.connect()
        permissions.connect()
        pagecache.connect_signals()
        from federation.workers import SEARCH_SOURCE

        search.register(SEARCH_SOURCE)


class FederationAdminConfig(admin_apps.AdminConfig):
    """The admin, with the site that names the federation (federation.admin)."""

    default = False
    default_site = "federation.admin_site.FederationAdminSite"
