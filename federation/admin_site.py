"""The admin site, in Vietnamese, named and coloured after the federation that runs it, with the
newsroom's calendar ("Lịch đăng bài")."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path

from core import calendar
from core.admin_slugs import FreeSlugAdminMixin
from federation.models import SiteProfile

# Django's URLify drops Vietnamese letters and admin-slug.js replaces it. Listing urlify.js first
# makes the media merge load ours after it; listed alone, ours can land before urlify.js.
SLUG_JS = ["admin/js/urlify.js", "js/admin-slug.js"]


class NamedSlugAdmin(FreeSlugAdminMixin, admin.ModelAdmin):
    """A short list of named rows (categories, tags, sectors, periods): the slug is written from
    the name as it is typed, and a taken one becomes the next free one."""

    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    class Media:
        js = SLUG_JS


class FederationAdminSite(admin.AdminSite):
    site_title = "Quản trị cổng thông tin"
    index_title = "Bảng điều khiển"

    def each_context(self, request):
        context = super().each_context(request)
        profile = SiteProfile.load()
        context["site_header"] = f"Quản trị – {profile.name}"
        context["site_title"] = f"Quản trị – {profile.name}"
        # The logo, favicon and colour come from "Thông tin đơn vị" (templates/admin/base_site.html).
        context["brand_logo"] = profile.logo.url if profile.logo else static("img/logo.svg")
        context["brand_color"] = profile.brand_color
        return context

    def get_urls(self):
        calendar_view = self.admin_view(self.calendar_view)
        return [path("lich-dang-bai/", calendar_view, name="calendar"), *super().get_urls()]

    def calendar_view(self, request):
        """The next 14 days: scheduled publications and takedowns, deadlines and expiries."""
        context = {
            **self.each_context(request),
            "title": "Lịch đăng bài",
            "days": calendar.by_day(user=request.user),
            "day_count": calendar.DAYS,
        }
        return TemplateResponse(request, "admin/calendar.html", context)
