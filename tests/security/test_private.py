"""Nothing private is reachable by guessing: drafts and other unpublished articles, previews,
officers-only programmes and their signed PDFs, unpublished profiles. Tried from the outside,
anonymously and as a signed-in officer (who has no admin)."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core import signing
from django.utils import timezone

from agreements.models import Agreement
from news import preview
from news.models import Article
from tests.factories import (
    make_agreement,
    make_article,
    make_category,
    make_officer,
    make_photo,
    make_user,
    make_worker,
    pdf_bytes,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
SECRET = "Mật"  # every private title carries it; no public page may show it


@dataclass
class Hidden:
    articles: dict  # kind → article
    officers_only: Agreement
    public_agreement: Agreement
    workers: list
    category: object


@pytest.fixture
def hidden():
    now = timezone.now()
    category = make_category(name="Tin nội bộ")
    author = make_user(username="tacgia", is_staff=True)

    def article(kind, **kw):
        kw.setdefault("status", Status.PUBLISHED)
        return make_article(
            title=f"{SECRET} bài {kind}",
            category=category,
            created_by=author,
            tags=["nội bộ"],
            **kw,
        )

    articles = {
        "nháp": article("nháp", status=Status.DRAFT, published_at=None),
        "chờ duyệt": article("chờ duyệt", status=Status.SUBMITTED, published_at=None),
        "trả lại": article("trả lại", status=Status.RETURNED, published_at=None),
        "đã gỡ": article(
            "đã gỡ", status=Status.HIDDEN, published_at=now - timezone.timedelta(days=3)
        ),
        "hẹn giờ": article("hẹn giờ", published_at=now + timezone.timedelta(days=2)),
        "hết hạn đăng": article(
            "hết hạn đăng",
            published_at=now - timezone.timedelta(days=5),
            unpublish_at=now - timezone.timedelta(days=1),
        ),
        "thùng rác": article("thùng rác", published_at=now - timezone.timedelta(days=2)),
    }
    articles["thùng rác"].trash(by=author)
    make_photo(article=articles["nháp"], caption=f"{SECRET} ảnh nháp")
    officers_only = make_agreement(
        title=f"{SECRET} chương trình nội bộ",
        visibility=Agreement.Visibility.OFFICERS,
        document=pdf_upload("ban-ky-noi-bo.pdf", pdf_bytes(pages=2)),
    )
    public_agreement = make_agreement(
        title="Chương trình công khai", document=pdf_upload("ban-ky-cong-khai.pdf")
    )
    workers = [
        make_worker(full_name=f"{SECRET} Chưa công khai", is_published=False),
        make_worker(full_name=f"{SECRET} Chưa đồng ý", is_published=False, consent_on=None),
    ]
    return Hidden(articles, officers_only, public_agreement, workers, category)


@pytest.fixture(params=["anonymous", "officer"])
def outsider(request, visitor):
    if request.param == "officer":
        # An officer sees officers-only programmes, but no draft and no preview.
        visitor.force_login(make_officer(username="canbo"))
    visitor.kind = request.param
    return visitor


def test_unpublished_articles_are_404_whatever_their_state(outsider, hidden):
    for kind, article in hidden.articles.items():
        response = outsider.get(f"/tin-tuc/{article.slug}/")
        assert response.status_code == 404, kind
        assert SECRET not in response.content.decode(), kind


def test_staff_preview_asks_outsiders_to_sign_in_to_the_admin(outsider, hidden):
    for kind, article in hidden.articles.items():
        url = f"/xem-truoc/tin-tuc/{article.pk}/"
        response = outsider.get(url)
        assert response.status_code == 302, kind
        assert response["Location"].startswith("/quan-tri/login/?next="), kind


def forged_tokens(article, other):
    real = preview.preview_token(article)
    value, signature = real.rsplit(":", 1)
    return {
        "another key": signing.dumps(
            {"article": article.pk}, key="khoa-gia-mao" * 4, salt=preview.SALT
        ),
        "another salt": signing.dumps({"article": article.pk}, salt="news.khac"),
        "unsigned": signing.b64_encode(b'{"article":1}').decode(),
        "changed signature": f"{value}:{signature[:-3]}abc",
        "signature of another article": f"{preview.preview_token(other).rsplit(':', 1)[0]}:{signature}",
        "reversed": real[::-1],
        "empty payload": signing.dumps({}, salt=preview.SALT),
        "list payload": signing.dumps([article.pk], salt=preview.SALT),
    }


def test_forged_preview_links_are_404(outsider, hidden):
    draft, other = hidden.articles["nháp"], hidden.articles["chờ duyệt"]
    for name, token in forged_tokens(draft, other).items():
        response = outsider.get(f"/xem-truoc/{token}/")
        assert response.status_code == 404, name
        assert SECRET not in response.content.decode(), name


def test_a_real_preview_link_of_an_article_in_the_trash_is_404(outsider, hidden):
    response = outsider.get(preview.preview_link(hidden.articles["thùng rác"]))
    assert response.status_code == 404


def test_officers_only_programme_and_its_pdf_do_not_exist_for_the_public(visitor, hidden):
    agreement = hidden.officers_only
    for url in [agreement.get_absolute_url(), agreement.get_document_url()]:
        response = visitor.get(url)
        assert response.status_code == 404, url
        assert SECRET not in response.content.decode()
    # The public programme's PDF is there for everyone: the 404 above is not a broken link.
    public = visitor.get(hidden.public_agreement.get_document_url())
    assert public.status_code == 200
    assert b"".join(public.streaming_content).startswith(b"%PDF-")


def test_an_officer_reaches_the_officers_only_programme_and_its_pdf(visitor, hidden):
    visitor.force_login(make_officer(username="canbo"))
    agreement = hidden.officers_only
    assert visitor.get(agreement.get_absolute_url()).status_code == 200
    response = visitor.get(agreement.get_document_url())
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"private", "max-age=0"}


def test_unpublished_profiles_are_404(outsider, hidden):
    for worker in hidden.workers:
        response = outsider.get(worker.get_absolute_url())
        assert response.status_code == 404
        assert SECRET not in response.content.decode()


def test_no_list_feed_sitemap_or_search_gives_a_private_title_away(outsider, hidden):
    tag = hidden.articles["nháp"].tags.get()
    pages = [
        "/",
        "/tin-tuc/",
        hidden.category.get_absolute_url(),
        f"{hidden.category.get_absolute_url()}rss/",
        tag.get_absolute_url(),
        "/tin-tuc/rss/",
        "/sitemap-tin-tuc.xml",
        "/sitemap-chuong-trinh-phoi-hop.xml",
        "/sitemap-dien-hinh-tien-tien.xml",
        "/dien-hinh-tien-tien/",
        "/tim-kiem/?q=mat",
        "/tim-kiem/?q=mat+bai",
        "/tim-kiem/?q=chua+cong+khai",
    ]
    if outsider.kind == "anonymous":
        pages += ["/chuong-trinh-phoi-hop/", "/tim-kiem/?q=chuong+trinh+noi+bo"]
    for path in pages:
        response = outsider.get(path)
        assert response.status_code in (200, 404), path
        page = response.content.decode()
        assert SECRET not in page, path
        for article in hidden.articles.values():
            assert article.slug not in page, (path, article.slug)


# Files -------------------------------------------------------------------------------------------


@pytest.fixture
def media_served(settings):
    """The site as development serves it, with MEDIA_ROOT at /media/: even then, no URL reaches the
    private documents (production serves /media/ from the web server, from the same folder)."""
    settings.ROOT_URLCONF = "tests.security.urls"


def test_private_documents_are_not_under_any_media_url(visitor, hidden, media_served):
    stored = hidden.officers_only.document.name
    path = Path(settings.PRIVATE_MEDIA_ROOT) / stored
    assert path.is_file()
    assert not path.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    year = stored.split("/")[1]
    guesses = [
        f"/media/{stored}",
        f"/media/private/{stored}",
        f"/private/{stored}",
        f"/media/../private/{stored}",
        f"/media/%2e%2e/private/{stored}",
        f"/media/..%2Fprivate%2F{stored}",
        f"/media/%2e%2e%2f{Path(settings.PRIVATE_MEDIA_ROOT).name}/{stored}",
        f"/media/agreements/{year}/",
        f"/media/agreements/{year}/{hidden.officers_only.slug}.pdf",
        "/media/agreements/",
        "/media/",
        f"/{stored}",
    ]
    for url in guesses:
        response = visitor.get(url)
        # 400 for a path that tries to climb out of the folder (Django calls it suspicious).
        assert response.status_code in (400, 404), (url, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert not body.startswith(b"%PDF-"), url
    # The same server does serve public media: the guesses failed for the right reason.
    photo = hidden.articles["nháp"].photos.get()
    assert visitor.get(f"/media/{photo.image.name}").status_code == 200


def test_stored_document_names_cannot_be_guessed_from_the_programme(hidden):
    stored = Path(hidden.officers_only.document.name)
    # A random suffix: knowing the title, the slug and the year is not enough.
    assert stored.suffix == ".pdf"
    assert stored.stem.startswith("ban-ky-noi-bo-")
    assert len(stored.stem.rsplit("-", 1)[1]) == 8
    assert hidden.officers_only.slug not in stored.name
