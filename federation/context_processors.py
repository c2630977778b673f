"""Template context shared by every page: the site profile and the main menu."""

from django.utils.functional import SimpleLazyObject

from federation.models import SiteProfile

MAIN_MENU = [
    ("Trang chủ", "/"),
    ("Tin tức", "/tin-tuc/"),
    ("Chương trình phối hợp", "/chuong-trinh-phoi-hop/"),
    ("Điển hình tiên tiến", "/dien-hinh-tien-tien/"),
    ("Văn bản", "/van-ban/"),
    ("Hỏi đáp pháp luật", "/hoi-dap/"),
]


def site_profile(request):
    path = request.path
    menu = [
        {
            "label": label,
            "url": url,
            "active": path == url if url == "/" else path.startswith(url),
        }
        for label, url in MAIN_MENU
    ]
    return {"site_profile": SimpleLazyObject(SiteProfile.load), "main_menu": menu}
