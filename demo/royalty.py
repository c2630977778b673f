"""Demo pen names for the demo authors, author-fee rates, last month's tally (approved) and this
month's (pending), and a programme task with a quota."""

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from agreements.models import Agreement, AgreementTask
from core.text import slugify_vi
from news import tally
from news.models import Article, Correspondent, PenName, Photo, RoyaltyRate, RoyaltyTally
from news.pennames import link_pen_names, match_byline

# Who signs what: most bylines are the federation's staff; N.HÀ is the demo correspondent.
FULL_NAMES = {
    "D.QUỲNH": "Đặng Thị Quỳnh",
    "MINH ĐẠO": "Nguyễn Minh Đạo",
    "T.N": "Trần Ngọc",
    "HOÀNG YẾN": "Lê Hoàng Yến",
    "VĂN BÌNH": "Phạm Văn Bình",
    "K.PHƯƠNG": "Kiều Phương",
    "THÙY DUNG": "Võ Thùy Dung",
}
CORRESPONDENT_PEN_NAME = "N.HÀ"
RATES = [("tin", 150_000), ("bai", 350_000), ("anh", 60_000)]


def _staff_author(pen_name, full_name):
    # A person to pay, not an account to sign in with: no usable password, no admin access.
    user, created = get_user_model().objects.get_or_create(
        username=f"tacgia-{slugify_vi(pen_name)}",
        defaults={"first_name": full_name, "is_staff": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def load_royalty():
    for name, full_name in FULL_NAMES.items():
        if not PenName.objects.match(name):
            PenName.objects.create(
                name=name, user=_staff_author(name, full_name), staff_unit="Ban Tuyên giáo"
            )
    correspondent = Correspondent.objects.order_by("pk").first()
    if correspondent and not PenName.objects.match(CORRESPONDENT_PEN_NAME):
        PenName.objects.create(name=CORRESPONDENT_PEN_NAME, correspondent=correspondent)
    for article in Article.objects.exclude(byline="").filter(pen_name_links__isnull=True):
        link_pen_names(article, match_byline(article.byline))
    # Long pieces are "bài", short ones stay "tin"; photos credited to a byline are paid to it.
    for article in Article.objects.filter(kind=Article.Kind.NEWS):
        if len(article.body) > 1500:
            Article.objects.filter(pk=article.pk).update(kind=Article.Kind.ARTICLE)
    for photo in Photo.objects.filter(pen_name__isnull=True).exclude(credit="").exclude(image=""):
        pen_name = PenName.objects.match(photo.credit)
        if pen_name:
            Photo.objects.filter(pk=photo.pk).update(pen_name=pen_name)
    for kind, amount in RATES:
        RoyaltyRate.objects.get_or_create(
            kind=kind, valid_from=date(2020, 1, 1), defaults={"amount": amount}
        )
    this_month = timezone.localdate().replace(day=1)
    last_month = tally.months_back(this_month, 2)[0]
    approved = RoyaltyTally.objects.get_or_create(month=last_month)[0]
    tally.approve(tally=approved, by=get_user_model().objects.filter(username="bientap").first())
    RoyaltyTally.objects.get_or_create(month=this_month)
    task = _quota_task()
    return f"{PenName.objects.count()} bút danh, 2 bảng kê" + (
        f", chỉ tiêu cho «{task.title}»" if task else ""
    )


def _quota_task():
    agreement = Agreement.objects.with_status().order_by("-valid_until").first()
    task = agreement and agreement.tasks.order_by("order", "id").first()
    if task and not task.target_count:
        task.target_count = 6
        task.target_period = AgreementTask.Period.QUARTER
        task.save(update_fields=["target_count", "target_period"])
    return task
