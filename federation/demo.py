"""Demo content for the federation app: the site profile and one account per role."""

from django.contrib.auth import get_user_model

from federation.models import SiteProfile

# (username, password, full name, role label, superuser)
DEMO_ACCOUNTS = [
    ("quantri", "QuanTri@2026", "Quản trị hệ thống", "quản trị (toàn quyền)", True),
]


def load_site_profile():
    profile = SiteProfile.load()
    if not profile.address:
        profile.description = (
            "Cổng thông tin điện tử của Liên đoàn Lao động tỉnh Lâm Đồng: tin tức hoạt động công "
            "đoàn, chương trình phối hợp truyền thông và gương điển hình tiên tiến."
        )
        profile.address = "Số 2 Lê Hồng Phong, Phường Xuân Hương – Đà Lạt, tỉnh Lâm Đồng"
        profile.phone = "0263 3822 xxx"
        profile.email = "lienhe@congdoanlamdong.example.vn"
        profile.facebook_url = "https://www.facebook.com/congdoanlamdong.example"
        profile.zalo_url = "https://zalo.me/congdoanlamdong.example"
        profile.save()
    return profile


def load_accounts():
    """Create the demo accounts that are missing; never touch an existing password."""
    User = get_user_model()
    accounts = []
    for username, password, full_name, role, is_superuser in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": full_name,
                "is_staff": True,
                "is_superuser": is_superuser,
                "email": f"{username}@congdoanlamdong.example.vn",
            },
        )
        if created:
            user.set_password(password)
            user.save()
        accounts.append((username, password, role))
    return accounts
