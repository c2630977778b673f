"""Demo articles in every editorial state: written by the demo correspondent, one submitted for
review, one returned with the editor's comment, one draft, and one the editor has scheduled."""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from core.text import slugify_vi
from demo import images as demo_images
from demo.federation import DEMO_CORRESPONDENT_UNIT
from news.models import Article, ArticleEvent, Category, Correspondent, Photo

CORRESPONDENT = "congtacvien"
EDITOR = "bientap"

RETURN_COMMENT = (
    "Bài còn thiếu số liệu cụ thể: bao nhiêu công nhân được tập huấn, ở những tổ đội nào? "
    "Đề nghị bổ sung và ghi rõ họ tên, chức vụ người được trích lời."
)

ARTICLES = [
    {
        "title": "Công nhân chè Cầu Đất học kỹ năng sơ cứu tại vườn chè",
        "lead": "Gần 60 công nhân hái chè được hướng dẫn cách sơ cứu khi bị ong đốt, rắn cắn và say nắng ngay trên đồi chè.",
        "body": "<p>Buổi tập huấn do công đoàn cơ sở phối hợp với trạm y tế xã tổ chức vào sáng thứ Bảy, ngay giữa ca hái.</p><p>Mỗi tổ được phát một túi sơ cứu và cử một người phụ trách.</p>",
        "status": Article.Status.SUBMITTED,
        "category": "hoat-dong-cong-doan",
        "scene": "tea",
    },
    {
        "title": "Tổ công đoàn đội chế biến thi đua tiết kiệm điện",
        "lead": "Sau ba tháng phát động, tổ chế biến chè đã giảm đáng kể lượng điện tiêu thụ của xưởng sấy.",
        "body": "<p>Các tổ viên tự rà soát lại giờ chạy máy sấy, thay bóng đèn tiết kiệm năng lượng.</p>",
        "status": Article.Status.RETURNED,
        "category": "hoat-dong-cong-doan",
        "scene": "hills",
    },
    {
        "title": "Ghi chép: một ngày theo chân tổ hái chè đêm",
        "lead": "Những người hái chè búp lúc rạng sáng kể về nghề và về sự quan tâm của công đoàn.",
        "body": "<p>Bản nháp đang viết tiếp.</p>",
        "status": Article.Status.DRAFT,
        "category": "guong-dien-hinh",
        "scene": "landscape",
    },
]

SCHEDULED = {
    "title": "Thông báo lịch tiếp đoàn viên tháng tới của Ban Thường vụ Liên đoàn Lao động tỉnh",
    "lead": "Ban Thường vụ Liên đoàn Lao động tỉnh thông báo lịch tiếp đoàn viên, người lao động định kỳ tại trụ sở.",
    "body": "<p>Đoàn viên, người lao động có kiến nghị về quyền lợi có thể đến trực tiếp hoặc gửi đơn qua công đoàn cơ sở.</p>",
    "category": "tin-tuc-su-kien",
    "scene": "banner",
}


def _category(slug):
    return Category.objects.filter(slug=slug).first() or Category.objects.order_by("order").first()


def _photo(article, scene, alt):
    data = demo_images.SCENES[scene](article.slug, demo_images.PHOTO_SIZE)
    Photo.objects.create(
        article=article,
        image=ContentFile(data, name=f"{article.slug[:60]}.jpg"),
        caption=alt,
        alt_text=alt,
        is_cover=True,
    )


def _article(spec, *, by, status, byline, alt, published_at=None):
    """A demo article with its cover photo, unless one with its slug is there already."""
    slug = slugify_vi(spec["title"])
    if Article.objects.filter(slug=slug).exists():
        return None
    article = Article.objects.create(
        title=spec["title"],
        slug=slug,
        lead=spec["lead"],
        body=spec["body"],
        category=_category(spec["category"]),
        byline=byline,
        created_by=by,
        status=status,
        published_at=published_at,
    )
    _photo(article, spec["scene"], alt)
    return article


def _event(article, actor, action, status, comment=""):
    ArticleEvent.objects.create(
        article=article, actor=actor, action=action, status=status, comment=comment
    )


def load_workflow():
    """Idempotent: articles are matched by slug. Returns a summary for load_demo."""
    User = get_user_model()
    author = User.objects.filter(username=CORRESPONDENT).first()
    editor = User.objects.filter(username=EDITOR).first()
    if author is None or editor is None:
        return "bỏ qua: chưa có tài khoản mẫu"
    Correspondent.objects.get_or_create(user=author, defaults={"unit": DEMO_CORRESPONDENT_UNIT})
    Status, Action = Article.Status, ArticleEvent.Action
    created = 0
    for spec in ARTICLES:
        status = spec["status"]
        article = _article(spec, by=author, status=status, byline="T.V.LỘC", alt=spec["lead"][:120])
        if article is None:
            continue
        if status in (Status.SUBMITTED, Status.RETURNED):
            _event(article, author, Action.SUBMITTED, Status.SUBMITTED)
        if status == Status.RETURNED:
            _event(article, editor, Action.RETURNED, Status.RETURNED, RETURN_COMMENT)
        created += 1
    article = _article(
        SCHEDULED,
        by=editor,
        status=Status.PUBLISHED,
        byline="VĂN PHÒNG LĐLĐ",
        alt="Trụ sở Liên đoàn Lao động tỉnh",
        published_at=timezone.now() + timezone.timedelta(days=2),
    )
    if article is not None:
        _event(article, editor, Action.PUBLISHED, Status.PUBLISHED)
        created += 1
    return f"chờ duyệt, trả lại, nháp, hẹn giờ: thêm mới {created} bài"
