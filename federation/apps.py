"""The federation app: the site's own things (its profile, the admin site) and the exemplary-worker
unit, and what they tell the core."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = "Liên đoàn Lao động"
    default = True

    def ready(self):
        from core import pagecache, permissions, roles
        from federation import accounts
        from federation.workers import registration

        # The site's name and contacts are in every page's header and footer.
        pagecache.register_section("site")
        pagecache.register_models(["federation.SiteProfile"], sections=[pagecache.EVERY_SECTION])
        # The home page shows the news and the featured worker profiles; the site's own URLs.
        pagecache.register_urls(["home"], sections=["site", "news", "workers"])
        pagecache.register_urls(["robots"], sections=["site"])
        pagecache.register_uncached(
            ["login", "logout", "healthz", "ck_editor_5_upload_file", "staged-upload-preview"]
        )
        pagecache.register_uncached(accounts.URL_NAMES)

        permissions.grant(
            roles.EDITORS, *permissions.model_permissions("federation", ["siteprofile"])
        )

        registration.register()


class FederationAdminConfig(admin_apps.AdminConfig):
    """The admin, with the site that names the federation (federation.admin)."""

    default = False
    default_site = "federation.admin_site.FederationAdminSite"
