"""The admin site, in Vietnamese, named after the federation that runs it."""

from django.contrib import admin

from federation.models import SiteProfile


class FederationAdminSite(admin.AdminSite):
    site_title = "Quản trị cổng thông tin"
    index_title = "Bảng điều khiển"

    def each_context(self, request):
        context = super().each_context(request)
        name = SiteProfile.load().name
        context["site_header"] = f"Quản trị – {name}"
        context["site_title"] = f"Quản trị – {name}"
        return context
