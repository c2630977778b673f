"""Template context shared by every page: the site profile (the menu is federation.menu)."""

from django.utils.functional import SimpleLazyObject

from federation.models import SiteProfile


def site_profile(request):
    return {"site_profile": SimpleLazyObject(SiteProfile.load)}
