"""Demo topics for `manage.py load_demo`: the Workers' Month and the 2021–2023 programme."""

from django.core.files.base import ContentFile

from demo import images as demo_images
from demo.news import demo_slug
from news.models import Article, Topic, TopicArticle

# (title, picture scene, introduction, article titles in the topic's order, running)
TOPICS = [
    (
        "Tháng Công nhân 2026",
        "tea",
        "<p>Tháng Công nhân là dịp công đoàn các cấp chăm lo đời sống, bảo vệ quyền lợi và "
        "lắng nghe người lao động: khám sức khỏe, đối thoại, an toàn lao động và những "
        "sân chơi văn hóa, thể thao cho công nhân.</p>",
        [
            "Phát động Tháng Công nhân với nhiều hoạt động thiết thực cho người lao động",
            "Hưởng ứng Tháng hành động về an toàn, vệ sinh lao động tại doanh nghiệp",
            "Khám sức khỏe miễn phí cho công nhân Khu công nghiệp Lộc Sơn",
            "Khai mạc Giải bóng đá công nhân, viên chức, lao động toàn tỉnh",
        ],
        True,
    ),
    (
        "Chương trình phối hợp 2021–2023",
        "lake",
        "<p>Chương trình phối hợp truyền thông giữa Liên đoàn Lao động tỉnh và các cơ quan báo "
        "chí giai đoạn 2021–2023: từ lễ ký kết đến những diễn đàn, lớp tập huấn cho cộng tác "
        "viên.</p>",
        [
            "Liên đoàn Lao động tỉnh ký kết chương trình phối hợp truyền thông giai đoạn 2021–2023",
            "Diễn đàn “Lắng nghe người lao động nói” tại Khu công nghiệp Phú Hội",
            "Tập huấn nghiệp vụ cho cộng tác viên, thông tín viên công đoàn",
        ],
        True,
    ),
]


def load_topics():
    """Create the demo topics that are missing (matched by slug), with their articles in order;
    an existing topic is left as the editors may have changed it."""
    created = 0
    for order, (title, kind, introduction, titles, active) in enumerate(TOPICS, start=1):
        slug = demo_slug(title)
        if Topic.objects.filter(slug=slug).exists():
            continue
        topic = Topic.objects.create(
            title=title,
            slug=slug,
            introduction=introduction,
            # A scene with no words on it: a crop cannot cut a sentence in half.
            picture=ContentFile(demo_images.scene(kind, f"chuyen-de-{slug}"), name=f"{slug}.jpg"),
            picture_alt=f"Ảnh minh họa chuyên đề {title}",
            is_active=active,
            order=order * 10,
        )
        articles = {a.slug: a for a in Article.objects.filter(slug__in=map(demo_slug, titles))}
        for place, article_title in enumerate(titles, start=1):
            article = articles.get(demo_slug(article_title))
            if article:
                TopicArticle.objects.create(topic=topic, article=article, order=place * 10)
        created += 1
    return f"{len(TOPICS)} chuyên đề, thêm mới {created}"
