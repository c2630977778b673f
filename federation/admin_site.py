"""The admin site, in Vietnamese, named after the federation that runs it."""

from django.contrib import admin

from federation.models import SiteProfile

# Django's URLify drops Vietnamese letters and admin-slug.js replaces it. Listing urlify.js first
# makes the media merge load ours after it; listed alone, ours can land before urlify.js.
SLUG_JS = ["admin/js/urlify.js", "js/admin-slug.js"]


class FederationAdminSite(admin.AdminSite):
    site_title = "Quản trị cổng thông tin"
    index_title = "Bảng điều khiển"

    def each_context(self, request):
        context = super().each_context(request)
        name = SiteProfile.load().name
        context["site_header"] = f"Quản trị – {name}"
        context["site_title"] = f"Quản trị – {name}"
        return context
