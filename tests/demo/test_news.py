"""The demo news: load_demo fills the site with illustrated articles, once; the pictures it draws."""

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image, ImageStat

from core.renditions import SPECS, all_sizes, rendition_file
from core.text import slugify_vi
from demo import images as demo_images
from demo import news as demo
from news.models import Article, Category, Photo, Tag


def run_load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def media_files(root):
    return sorted(str(p.relative_to(root)) for p in Path(root).rglob("*") if p.is_file())


def counts():
    return (
        Category.objects.count(),
        Article.objects.count(),
        Photo.objects.count(),
        Tag.objects.count(),
    )


# One test loads the demo twice: each load draws and renders some thirty photos, so the checks
# share the two runs instead of paying for them again.
@pytest.mark.django_db
def test_load_demo_fills_the_news_with_illustrated_articles_once(settings):
    output = run_load_demo()

    # It says how many articles it wrote: every story of the demo.
    assert f"• Tin tức… xong ({len(demo.STORIES)} bài" in output
    category_slugs = [slugify_vi(name) for name, _ in demo.CATEGORIES]
    assert Category.objects.filter(slug__in=category_slugs).count() == 6
    slugs = [story.slug for story in demo.STORIES]
    articles = list(
        Article.objects.published()
        .filter(slug__in=slugs)
        .select_related("category")
        .prefetch_related("photos", "tags")
    )
    assert len(articles) >= 20
    assert {a.category.slug for a in articles} == set(category_slugs)
    assert 2 <= sum(a.featured for a in articles) <= 3

    now = timezone.now()
    recent = [a for a in articles if a.published_at >= now - dt.timedelta(weeks=10)]
    assert len(recent) >= 15, "most demo articles are from the last ten weeks"

    covers = set()
    for article in articles:
        assert article.byline and article.lead and "<p>" in article.body
        assert 2 <= len(article.tags.all()) <= 4
        photos = list(article.photos.all())
        assert 1 <= len(photos) <= 3
        assert sum(p.is_cover for p in photos) == 1
        for photo in photos:
            assert photo.caption and photo.alt_text and photo.credit
            with Image.open(photo.image.path) as image:
                image.verify()
            assert (photo.width, photo.height) == demo_images.PHOTO_SIZE
            for size in all_sizes("photo"):
                for image_format in SPECS[size]:
                    rendition = rendition_file(photo.image, size, image_format)
                    assert (Path(settings.MEDIA_ROOT) / rendition.name).is_file()
        covers.add(hashlib.sha256(Path(article.cover.image.path).read_bytes()).hexdigest())
    assert len(covers) == len(articles), "every article has its own cover picture"

    # Tag pages have several articles each.
    shared = Tag.objects.get(slug="nguoi-lao-dong")
    assert Article.objects.published().filter(tags=shared).count() >= 3

    # The signing conference that the demo programme links to: an article of its own time,
    # years before the rest, with a byline and a source.
    conference = Article.objects.get(slug=demo.CONFERENCE_SLUG)
    story = next(s for s in demo.STORIES if s.slug == demo.CONFERENCE_SLUG)
    assert conference.published_at == story.when(now)
    assert conference.published_at < now - dt.timedelta(days=365)
    assert conference.byline == "D.QUỲNH"
    assert conference.source_label == "LĐ online"
    assert conference.category.name == "Tin tức – Sự kiện"
    assert "Báo Lâm Đồng" in conference.lead
    assert conference.is_public

    before, files_before = counts(), media_files(settings.MEDIA_ROOT)
    second = run_load_demo()

    assert f"• Tin tức… xong ({len(demo.STORIES)} bài, đã có sẵn)" in second
    assert counts() == before
    assert media_files(settings.MEDIA_ROOT) == files_before, "no picture is drawn again"


def test_conference_slug_is_made_from_its_title():
    assert slugify_vi(demo.CONFERENCE_TITLE) == demo.CONFERENCE_SLUG
    assert demo.CONFERENCE_SLUG in {story.slug for story in demo.STORIES}


def test_demo_stories_have_unique_titles_and_known_categories():
    categories = {slugify_vi(name) for name, _ in demo.CATEGORIES}
    assert len({story.slug for story in demo.STORIES}) == len(demo.STORIES)
    assert {story.category for story in demo.STORIES} == categories


# The pictures ------------------------------------------------------------------------------------


def open_jpeg(data):
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    return image


@pytest.mark.parametrize("kind", sorted(demo_images.SCENES))
def test_every_demo_scene_is_a_colourful_jpeg_not_a_grey_box(kind):
    image = open_jpeg(demo_images.scene(kind, "essai", text="Công đoàn Lâm Đồng"))

    assert image.size == demo_images.PHOTO_SIZE
    stat = ImageStat.Stat(image.convert("HSV"))
    saturation, brightness_spread = stat.mean[1], stat.stddev[2]
    assert saturation > 25, "a grey picture"
    assert brightness_spread > 12, "a flat picture"


def test_the_same_seed_draws_the_same_picture_and_another_seed_a_different_one():
    assert demo_images.landscape(7) == demo_images.landscape(7)
    assert demo_images.landscape(7) != demo_images.landscape(8)
    assert demo_images.banner(1, text="A") != demo_images.banner(1, text="B")


def test_portrait_is_a_stylised_avatar_without_initials():
    # No text on it: the 1200×630 share picture would cut initials off (tests/demo/test_pictures.py).
    image = open_jpeg(demo_images.portrait("nguyen-van-a"))

    assert image.size == demo_images.PORTRAIT_SIZE
    assert demo_images.portrait(1) != demo_images.portrait(2)


def test_logo_is_a_square_emblem():
    image = open_jpeg(demo_images.logo("bao-lam-dong", "BLĐ"))

    assert image.size == demo_images.LOGO_SIZE


def test_smaller_sizes_are_honoured():
    assert open_jpeg(demo_images.hall(3, (640, 360), text="Hội nghị")).size == (640, 360)
    assert open_jpeg(demo_images.portrait(3, (240, 300))).size == (240, 300)


@pytest.mark.django_db
def test_load_demo_groups_articles_under_two_topics_once():
    from demo import topics as demo_topics
    from news.models import Topic

    demo.load_news()
    assert demo_topics.load_topics() == "2 chuyên đề, thêm mới 2"
    month = Topic.objects.get(title="Tháng Công nhân 2026")
    programme = Topic.objects.get(title="Chương trình phối hợp 2021–2023")
    assert month.published_articles().count() == 4
    assert programme.published_articles().first().slug == demo.CONFERENCE_SLUG
    assert month.picture and month.picture_alt
    assert list(Topic.objects.active()) == [month, programme]
    assert demo_topics.load_topics() == "2 chuyên đề, thêm mới 0"
    assert Topic.objects.count() == 2
