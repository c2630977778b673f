"""Admin for the site profile; the worker profiles' admin is federation.workers.admin."""

from django.contrib import admin
from django.shortcuts import redirect

from core.staging import StagedUploadsAdminMixin
from federation.models import SiteProfile

# Django's admin autodiscovery imports each app's admin module: the worker unit's comes with this one.
from federation.workers import admin as worker_admin  # noqa: F401


@admin.register(SiteProfile)
class SiteProfileAdmin(StagedUploadsAdminMixin, admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["name", "short_name", "tagline", "description", "logo", "brand_color"]}),
        ("Liên hệ", {"fields": ["address", "phone", "email"]}),
        (
            "Thông tin pháp lý (chân trang)",
            {
                "fields": [
                    "governing_body",
                    "licence_number",
                    "licence_date",
                    "licence_issuer",
                    "content_responsible",
                ]
            },
        ),
        ("Mạng xã hội", {"fields": ["facebook_url", "zalo_url", "youtube_url"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "brand_color":
            field.widget.input_type = "color"
        return field

    def has_add_permission(self, request):
        return not SiteProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # There is only one profile: go straight to its form.
        profile = SiteProfile.load()
        return redirect("admin:federation_siteprofile_change", profile.pk)
