"""News models: slugs, what the public may see, the rules the database holds, search text."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from news.models import Article, Category, Photo, Tag
from tests.factories import make_article, make_category, make_photo

pytestmark = pytest.mark.django_db

TZ = timezone.get_default_timezone()


def at(*args):
    return dt.datetime(*args, tzinfo=TZ)


# Slugs --------------------------------------------------------------------------------------------


def test_article_slug_reads_right_for_vietnamese():
    article = make_article(title="Hội nghị ký kết Chương trình phối hợp tuyên truyền năm 2021")
    assert article.slug == "hoi-nghi-ky-ket-chuong-trinh-phoi-hop-tuyen-truyen-nam-2021"


def test_same_title_gets_a_numbered_slug():
    first = make_article(title="Đại hội Công đoàn")
    second = make_article(title="Đại hội Công đoàn")
    third = make_article(title="ĐẠI HỘI CÔNG ĐOÀN")
    assert [first.slug, second.slug, third.slug] == [
        "dai-hoi-cong-doan",
        "dai-hoi-cong-doan-2",
        "dai-hoi-cong-doan-3",
    ]


def test_title_without_letters_still_gets_a_slug():
    first = make_article(title="!!! ??? …")
    second = make_article(title="— — —")
    assert first.slug == "bai-viet"
    assert second.slug == "bai-viet-2"


def test_very_long_title_gets_a_slug_that_fits_even_with_a_suffix():
    title = ("Tuyên truyền pháp luật lao động cho công nhân khu công nghiệp " * 4).strip()
    first = make_article(title=title)
    second = make_article(title=title)
    assert len(first.slug) <= 200
    assert len(second.slug) <= 200
    assert second.slug == f"{first.slug}-2"
    assert not first.slug.endswith("-")


def test_slug_does_not_change_when_the_title_is_edited():
    article = make_article(title="Tiêu đề ban đầu")
    article.title = "Tiêu đề đã sửa"
    article.save()
    article.refresh_from_db()
    assert article.slug == "tieu-de-ban-dau"


def test_published_article_may_change_its_slug_and_its_old_address_redirects(client):
    # Issue 17: the old address now answers with a 301 (core.redirects), so the slug may move.
    article = make_article(title="Bài đã đăng")
    article.slug = "duong-dan-moi"
    article.full_clean()
    article.save()
    response = client.get("/tin-tuc/bai-da-dang/")
    assert (response.status_code, response["Location"]) == (301, "/tin-tuc/duong-dan-moi/")


def test_draft_may_still_change_its_slug():
    article = make_article(title="Bản nháp", status=Article.Status.DRAFT, published_at=None)
    article.slug = "ban-nhap-da-sua"
    article.full_clean()
    article.save()
    assert Article.objects.get(pk=article.pk).slug == "ban-nhap-da-sua"


def test_category_slug_is_vietnamese_and_unique():
    category = make_category(name="Chính sách – Pháp luật")
    assert category.slug == "chinh-sach-phap-luat"
    other = make_category(name="Chính sách - Pháp luật")
    assert other.slug == "chinh-sach-phap-luat-2"


def test_tag_slugs_are_vietnamese_correct():
    article = make_article(tags=["Công đoàn", "Đoàn viên", "Lâm Đồng 2015–2020"])
    slugs = set(article.tags.values_list("slug", flat=True))
    assert slugs == {"cong-doan", "doan-vien", "lam-dong-2015-2020"}


def test_tags_that_fold_to_the_same_slug_get_distinct_slugs():
    make_article(tags=["Công đoàn"])
    make_article(tags=["Cong doan"])
    assert Tag.objects.count() == 2
    assert set(Tag.objects.values_list("slug", flat=True)) == {"cong-doan", "cong-doan-1"}


# Visibility ---------------------------------------------------------------------------------------


def test_only_published_articles_whose_time_has_come_are_public():
    now = timezone.now()
    shown = make_article(published_at=now - dt.timedelta(minutes=1))
    make_article(status=Article.Status.DRAFT, published_at=now - dt.timedelta(days=1))
    make_article(status=Article.Status.SUBMITTED, published_at=now - dt.timedelta(days=1))
    make_article(status=Article.Status.RETURNED, published_at=now - dt.timedelta(days=1))
    make_article(status=Article.Status.HIDDEN, published_at=now - dt.timedelta(days=1))
    make_article(published_at=now + dt.timedelta(minutes=1))
    make_article(
        published_at=now - dt.timedelta(days=2), unpublish_at=now - dt.timedelta(seconds=1)
    )
    assert list(Article.objects.published()) == [shown]


def test_is_public_agrees_with_published_for_every_kind_of_article():
    now = timezone.now()
    articles = [
        make_article(published_at=now - dt.timedelta(minutes=1)),
        make_article(published_at=now + dt.timedelta(minutes=1)),
        make_article(status=Article.Status.HIDDEN, published_at=now - dt.timedelta(days=1)),
        make_article(status=Article.Status.DRAFT, published_at=None),
        make_article(
            published_at=now - dt.timedelta(days=2), unpublish_at=now - dt.timedelta(seconds=1)
        ),
    ]
    trashed = make_article(published_at=now - dt.timedelta(days=1))
    trashed.trash()
    articles.append(trashed)
    published = set(Article.objects.published())
    assert {a for a in articles if a.is_public} == published
    assert published == {articles[0]}
    assert not trashed.is_public


def test_scheduled_article_appears_when_its_time_comes_and_goes_when_taken_down():
    with time_machine.travel(at(2021, 4, 8, 1, 0), tick=False):
        article = make_article(
            published_at=at(2021, 4, 8, 2, 4), unpublish_at=at(2021, 4, 30, 0, 0)
        )
        assert not Article.objects.published().exists()
        assert not article.is_public
    with time_machine.travel(at(2021, 4, 8, 2, 3, 59), tick=False):
        assert not Article.objects.published().exists()
    with time_machine.travel(at(2021, 4, 8, 2, 4), tick=False):
        assert list(Article.objects.published()) == [article]
        assert article.is_public
    with time_machine.travel(at(2021, 4, 29, 23, 59), tick=False):
        assert Article.objects.published().exists()
    with time_machine.travel(at(2021, 4, 30, 0, 0), tick=False):
        assert not Article.objects.published().exists()
        assert not article.is_public


def test_publishing_without_a_time_stamps_now():
    with time_machine.travel(at(2021, 4, 8, 2, 4), tick=False):
        article = make_article(published_at=None)
        assert article.published_at == at(2021, 4, 8, 2, 4)
        assert article.is_public


def test_draft_without_a_time_keeps_none():
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    assert article.published_at is None
    assert not article.is_public


# Database rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize("hours_after", [0, -1])
def test_database_refuses_taking_down_before_publishing(hours_after):
    published = at(2021, 4, 8, 2, 4)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(
            published_at=published, unpublish_at=published + dt.timedelta(hours=hours_after)
        )


def test_database_refuses_it_on_update_too():
    article = make_article(published_at=at(2021, 4, 8, 2, 4))
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(unpublish_at=at(2021, 4, 1))


def test_take_down_rule_is_a_vietnamese_validation_error_in_forms():
    article = make_article(published_at=at(2021, 4, 8, 2, 4))
    article.unpublish_at = at(2021, 4, 1)
    with pytest.raises(ValidationError) as exc:
        article.full_clean()
    assert "Thời điểm tự gỡ phải sau thời điểm đăng." in exc.value.messages


def test_an_article_has_at_most_one_cover_in_the_database():
    article = make_article()
    make_photo(article=article, is_cover=True, with_image=False)
    make_photo(article=article, is_cover=False, with_image=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_photo(article=article, is_cover=True, with_image=False)


def test_other_articles_each_keep_their_own_cover():
    make_photo(is_cover=True, with_image=False)
    make_photo(is_cover=True, with_image=False)
    assert Photo.objects.filter(is_cover=True).count() == 2


def test_second_cover_is_a_vietnamese_validation_error_in_forms():
    article = make_article()
    make_photo(article=article, is_cover=True, with_image=False)
    photo = Photo(article=article, is_cover=True, caption="x")
    with pytest.raises(ValidationError) as exc:
        photo.full_clean()
    assert "Mỗi bài chỉ có một ảnh đại diện." in exc.value.messages


def test_category_in_use_cannot_be_deleted():
    article = make_article()
    with pytest.raises(Exception) as exc, transaction.atomic():
        article.category.delete()
    assert type(exc.value).__name__ == "ProtectedError"


def test_photo_with_an_image_needs_alt_text():
    photo = Photo(article=make_article(), caption="Chú thích", alt_text="   ")
    photo.image.name = "news/2021/04/anh.jpg"
    with pytest.raises(ValidationError) as exc:
        photo.clean()
    assert exc.value.message_dict["alt_text"] == ["Hãy nhập mô tả ảnh (alt) cho ảnh này."]


# Cover, description, search text ------------------------------------------------------------------


def test_cover_is_the_marked_photo_else_the_first_with_an_image():
    article = make_article()
    make_photo(article=article, with_image=False, order=0)
    first = make_photo(article=article, order=1)
    marked = make_photo(article=article, order=2)
    assert Article.objects.get(pk=article.pk).cover == first
    Photo.objects.filter(pk=marked.pk).update(is_cover=True)
    assert Article.objects.get(pk=article.pk).cover == marked


def test_article_without_images_has_no_cover():
    article = make_article()
    make_photo(article=article, with_image=False, is_cover=True)
    assert article.cover is None


def test_short_lead_is_the_description_as_it_is():
    article = make_article(lead="  Sáng 8/4,\nLĐLĐ tỉnh   tổ chức hội nghị.  ")
    assert article.description == "Sáng 8/4, LĐLĐ tỉnh tổ chức hội nghị."


def test_long_lead_is_cut_at_a_word_near_160_characters():
    lead = "Liên đoàn Lao động tỉnh Lâm Đồng phối hợp với các cơ quan báo chí " * 5
    description = make_article(lead=lead).description
    assert len(description) <= 160
    assert description.endswith("…")
    assert lead.startswith(description[:-1])
    assert lead[len(description) - 1] == " "  # cut between two words


def test_search_text_is_folded_and_covers_title_lead_body_and_byline():
    article = make_article(
        title="Hội nghị CÔNG ĐOÀN",
        lead="Đoàn viên tham dự",
        body="<p>Nội dung <strong>quan trọng</strong></p>",
        byline="D.QUỲNH",
    )
    assert article.search_title == " hoi nghi cong doan "
    for words in ["hoi nghi cong doan", "doan vien tham du", "noi dung quan trong", " d quynh "]:
        assert words in article.search_text


def test_tags_added_after_saving_reach_the_search_text():
    article = make_article(title="Bài không có thẻ")
    article.tags.add("Truyền thông", "Pháp luật")
    assert "truyen thong" in Article.objects.get(pk=article.pk).search_text
    article.tags.remove("Truyền thông")
    stored = Article.objects.get(pk=article.pk).search_text
    assert "truyen thong" not in stored
    assert "phap luat" in stored
    article.tags.clear()
    assert "phap luat" not in Article.objects.get(pk=article.pk).search_text


def test_saving_with_update_fields_keeps_the_search_text_in_step():
    article = make_article(title="Tiêu đề cũ")
    article.title = "Tiêu đề mới về đoàn viên"
    article.save(update_fields=["title"])
    stored = Article.objects.get(pk=article.pk)
    assert stored.search_title == " tieu de moi ve doan vien "


def test_everything_has_a_readable_name_and_a_vietnamese_url():
    article = make_article(title="Gương sáng", tags=["Công đoàn"])
    photo = make_photo(article=article, caption="Chú thích ảnh")
    assert str(article) == "Gương sáng"
    assert str(article.category) == article.category.name
    assert str(photo) == "Chú thích ảnh"
    assert article.get_absolute_url() == "/tin-tuc/guong-sang/"
    assert article.category.get_absolute_url().startswith("/chuyen-muc/")
    assert Tag.objects.get().get_absolute_url() == "/the/cong-doan/"
    assert Category._meta.verbose_name == "chuyên mục"


def test_article_titled_rss_does_not_take_the_feed_address():
    article = make_article(title="RSS")
    assert article.slug == "rss-2"
    article.slug = "rss"
    article.status = Article.Status.DRAFT
    with pytest.raises(ValidationError) as exc:
        article.full_clean()
    assert "đã dành cho trang khác" in exc.value.message_dict["slug"][0]


# The next scheduled change (the page cache's clock) -------------------------------------------------


def test_the_next_change_is_the_nearest_publication_or_take_down_to_come():
    now = timezone.now()
    assert Article.objects.next_change() is None
    make_article(published_at=now - dt.timedelta(days=1))  # up already: no change to come
    going_up = make_article(published_at=now + dt.timedelta(hours=3))
    assert Article.objects.next_change() == going_up.published_at
    coming_down = make_article(
        published_at=now - dt.timedelta(days=1), unpublish_at=now + dt.timedelta(hours=1)
    )
    assert Article.objects.next_change() == coming_down.unpublish_at
    # A draft or a trashed article changes nothing at its time.
    make_article(status=Article.Status.DRAFT, published_at=now + dt.timedelta(minutes=5))
    trashed = make_article(published_at=now + dt.timedelta(minutes=10))
    trashed.trash()
    assert Article.objects.next_change() == coming_down.unpublish_at
    with time_machine.travel(now + dt.timedelta(hours=2), tick=False):
        assert Article.objects.next_change() == going_up.published_at
    with time_machine.travel(now + dt.timedelta(hours=4), tick=False):
        assert Article.objects.next_change() is None


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="chỉ PostgreSQL cho biết kế hoạch truy vấn"
)
def test_the_next_take_down_is_found_through_its_index_not_the_whole_table():
    now = timezone.now()
    category = make_category()
    Article.objects.bulk_create(
        Article(
            title=f"Tin số {n}",
            slug=f"tin-so-{n}",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - dt.timedelta(minutes=n),
            unpublish_at=now + dt.timedelta(days=n + 1) if n % 500 == 0 else None,
        )
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Article._meta.db_table}")
    query = (
        Article.objects.alive()
        .filter(status=Article.Status.PUBLISHED, unpublish_at__gt=now)
        .order_by("unpublish_at")
        .values_list("unpublish_at", flat=True)[:1]
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "article_unpublish_at" in plan
