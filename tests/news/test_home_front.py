"""The home page's news, remembered per change of the news (news.home): a cold render reads no
article while nothing changed; every change that shows on the page shows on the next render, and
a scheduled article at its time, with no save; the page is the same whether the news is
remembered, rendered afresh or without a shared cache."""

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import pagecache
from news import popularity
from news.models import Article, ArticleViewCount
from tests.cached_pages import HEADER
from tests.factories import (
    image_upload,
    make_agreement,
    make_article,
    make_category,
    make_partner,
    make_period,
    make_photo,
    make_topic,
    make_worker,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def site():
    """Three categories on the home page and one kept off it, a featured story, pictures, a
    topic, reads, a programme with a partner's logo and a featured worker."""
    unions = make_category(name="Hoạt động công đoàn", order=1)
    welfare = make_category(name="Chăm lo đời sống", order=2)
    policy = make_category(name="Chính sách – Pháp luật", order=3)
    internal = make_category(name="Thông báo nội bộ", order=4, show_on_home=False)
    articles = []
    for n in range(16):
        article = make_article(
            title=f"Hội nghị người lao động lần {n}",
            category=[unions, welfare, policy, internal][n % 4],
        )
        if n % 3 == 0:
            make_photo(article=article, image=image_upload(color=(10 * n, 90, 160)))
        articles.append(article)
    featured = make_article(
        title="Đại hội Công đoàn tỉnh",
        category=unions,
        featured=True,
        published_at=timezone.now() - timezone.timedelta(days=2),
    )
    make_topic(title="Tháng Công nhân", articles=articles[:3])
    for article, reads in [(articles[5], 4), (articles[2], 2)]:
        ArticleViewCount.objects.create(article=article, day=timezone.localdate(), count=reads)
    make_agreement(
        title="Chương trình phối hợp tuyên truyền",
        partners=[make_partner(name="Báo Lâm Đồng", logo=image_upload("logo.png"))],
    )
    worker = make_worker(
        full_name="Nguyễn Thị Hoa",
        featured=True,
        honours=[(make_period(), "Chiến sĩ thi đua", 2024)],
    )
    return {
        "articles": articles,
        "featured": featured,
        "unions": unions,
        "welfare": welfare,
        "internal": internal,
        "worker": worker,
    }


def cold():
    """The home page rendered past the page cache (a visitor with a session is never served
    from it): what the remembered news gives."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "khong-co-phien"
    response = client.get("/")
    assert response.status_code == 200
    assert HEADER not in response
    return response.content.decode()


def warmed():
    """The home page once its news is remembered: the same render twice."""
    first = cold()
    assert cold() == first
    return first


def part(html, anchor, end="</section>"):
    pieces = html.split(f'id="{anchor}"')
    return pieces[1].split(end)[0] if len(pieces) > 1 else ""


def lead(html):
    return html.split('class="card card--hero"')[1].split("</article>")[0]


def latest(html):
    return part(html, "tin-moi")


def block(html, category):
    return part(html, f"cm-{category.slug}")


NEWS_TABLES = ('"news_article"', '"news_category"', '"news_photo"', '"news_topic"')


def test_a_cold_render_reads_no_article_while_the_news_is_unchanged(site):
    warmed()
    with CaptureQueriesContext(connection) as queries:
        cold()
    read = [q["sql"] for q in queries.captured_queries]
    assert not [sql for sql in read if any(table in sql for table in NEWS_TABLES)], read


def test_an_anonymous_cold_render_reads_nothing_from_the_database(client, site):
    # The news, the most read, the side blocks, the menu and the site profile all remembered.
    client.get("/")
    pagecache.bump("site")  # every page is stale; nothing the home page shows has changed
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response[HEADER] == "MISS"
    assert queries.captured_queries == []
    assert "Hội nghị người lao động lần 5" in part(response.content.decode(), "doc-nhieu")


def test_the_page_is_the_same_remembered_rendered_afresh_and_without_a_shared_cache(
    client, settings, site
):
    settings.PAGECACHE_ENABLED = False
    without = cold()
    settings.PAGECACHE_ENABLED = True
    pagecache.bump("news")  # the news rendered again from the cards
    assert cold() == without
    assert cold() == without  # remembered
    # An anonymous visitor's render through the page cache: its cached facts in one batch.
    pagecache.bump("site")
    response = client.get("/")
    assert response[HEADER] == "MISS"
    assert response.content.decode() == without
    assert "Đại hội Công đoàn tỉnh" in lead(without)
    assert "Báo Lâm Đồng" in without and "Nguyễn Thị Hoa" in without
    assert "Tháng Công nhân" in without


def test_a_published_article_shows_on_the_next_render(site):
    draft = make_article(
        title="Tin vừa duyệt xong", category=site["welfare"], status=Article.Status.DRAFT
    )
    assert "Tin vừa duyệt xong" not in warmed()
    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()
    assert "Tin vừa duyệt xong" in latest(cold())


def test_an_edited_article_shows_on_the_next_render_in_its_block_and_the_most_read(site):
    article = site["articles"][5]  # in the welfare block, and the most read
    html = warmed()
    assert article.title in block(html, site["welfare"])
    assert article.title in part(html, "doc-nhieu")
    article.title = "Tiêu đề đã sửa sau khi đăng"
    article.save()
    html = cold()
    assert "Tiêu đề đã sửa sau khi đăng" in block(html, site["welfare"])
    assert "Tiêu đề đã sửa sau khi đăng" in part(html, "doc-nhieu")
    assert "Hội nghị người lao động lần 5<" not in html


def test_an_unpublished_or_trashed_article_leaves_on_the_next_render(site):
    newest, second = site["articles"][0], site["articles"][1]
    html = warmed()
    assert newest.title in latest(html) and second.title in latest(html)
    newest.status = Article.Status.DRAFT
    newest.save()
    second.trash()
    html = cold()
    assert newest.title + "<" not in html
    assert second.title + "<" not in html


def test_a_featured_article_leads_on_the_next_render_and_leaves_the_lead_when_unfeatured(site):
    article = site["articles"][6]
    assert article.title not in lead(warmed())
    article.featured = True
    article.save()
    assert article.title in lead(cold())
    article.featured = False
    article.save()
    site["featured"].featured = False
    site["featured"].save()
    assert article.title not in lead(cold())


def test_a_category_taken_off_or_put_on_the_home_page_shows_on_the_next_render(site):
    unions, internal = site["unions"], site["internal"]
    html = warmed()
    assert block(html, unions) and not block(html, internal)
    unions.show_on_home = False
    unions.save()
    internal.show_on_home = True
    internal.save()
    html = cold()
    assert not block(html, unions)
    assert "Hội nghị người lao động lần 7" in block(html, internal)


def test_a_renamed_category_shows_on_the_next_render(site):
    welfare = site["welfare"]
    warmed()
    welfare.name = "Chăm lo cho đoàn viên"
    welfare.save()
    assert "Chăm lo cho đoàn viên</a></h2>" in cold()


@pytest.fixture
def ten_oclock():
    """The next ten o'clock, site time: after every article the site fixture published (at any
    hour the tests run), and three minutes from it stay on the same day."""
    now = timezone.localtime()
    today = now.replace(hour=10, minute=0, second=0, microsecond=0)
    return today if today > now else today + timezone.timedelta(days=1)


def test_a_scheduled_article_shows_at_its_time_with_no_save(site, ten_oclock):
    # Due half a second into a second: the cache keeps a value for whole seconds, the remembered
    # news no later than the moment itself.
    due = ten_oclock + timezone.timedelta(minutes=3, milliseconds=500)
    with time_machine.travel(ten_oclock, tick=False) as traveller:
        make_article(title="Tin hẹn giờ đăng", category=site["welfare"], published_at=due)
        assert "Tin hẹn giờ đăng" not in warmed()
        traveller.move_to(due - timezone.timedelta(milliseconds=100))
        assert "Tin hẹn giờ đăng" not in cold()
        traveller.move_to(due + timezone.timedelta(milliseconds=100))
        html = cold()
    assert "Tin hẹn giờ đăng" in latest(html)


def test_a_scheduled_takedown_leaves_at_its_time_with_no_save(site, ten_oclock):
    article = site["articles"][5]
    with time_machine.travel(ten_oclock, tick=False) as traveller:
        article.unpublish_at = ten_oclock + timezone.timedelta(minutes=3)
        article.save()
        html = warmed()
        assert article.title in block(html, site["welfare"])
        assert article.title in part(html, "doc-nhieu")
        traveller.move_to(ten_oclock + timezone.timedelta(minutes=3, seconds=1))
        html = cold()
    assert article.title + "<" not in html


def test_the_most_read_follow_new_reads_once_their_list_is_counted_again(site):
    quiet = site["articles"][9]
    assert quiet.title not in part(warmed(), "doc-nhieu")
    ArticleViewCount.objects.create(article=quiet, day=timezone.localdate(), count=50)
    popularity.cache.delete(popularity.MOST_READ_CACHE_KEY)  # its few minutes are over
    most_read = part(cold(), "doc-nhieu")
    assert most_read.index(quiet.title) < most_read.index(site["articles"][5].title)


def test_the_side_blocks_remembered_as_html_follow_their_saves(site):
    html = warmed()
    assert "Nguyễn Thị Hoa" in part(html, "dien-hinh-tien-tien")
    worker = site["worker"]
    worker.full_name = "Nguyễn Thị Hoa Mai"
    worker.save()
    honour = worker.honours.get()
    honour.title = "Lao động sáng tạo"
    honour.save()
    make_topic(title="Chuyên đề An toàn lao động")
    html = cold()
    assert "Nguyễn Thị Hoa Mai" in part(html, "dien-hinh-tien-tien")
    assert "Lao động sáng tạo" in part(html, "dien-hinh-tien-tien")
    assert "Chuyên đề An toàn lao động" in part(html, "chuyen-de-noi-bat")
