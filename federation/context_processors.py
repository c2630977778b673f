"""Template context shared by every page: the site profile and the main menu."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from federation.models import SiteProfile

# (label, URL name): an item is active on its page and on every page below it.
MAIN_MENU = [
    ("Trang chủ", "home"),
    ("Tin tức", "news:list"),
    ("Chương trình phối hợp", "agreements:list"),
    ("Điển hình tiên tiến", "workers:list"),
]


def site_profile(request):
    path = request.path
    home = reverse("home")
    menu = []
    for label, name in MAIN_MENU:
        url = reverse(name)
        active = path == url if url == home else path.startswith(url)
        menu.append({"label": label, "url": url, "active": active})
    return {"site_profile": SimpleLazyObject(SiteProfile.load), "main_menu": menu}
