"""Real-browser tests: Playwright driving the machine's Chromium against a live server."""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; the ORM calls in test set-up are
# still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
)
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "e2e"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.fail("Không tìm thấy Chromium: cài gói 'chromium' (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# A phone and a desktop: every layout, accessibility and screenshot check runs at both.
WIDTHS = [375, 1280]


@pytest.fixture(autouse=True)
def _serve_media(settings):
    """The live server serves uploaded media too (tests only; see tests/e2e/urls.py)."""
    settings.ROOT_URLCONF = "tests.e2e.urls"


@pytest.fixture
def new_page(browser):
    """Pages in fresh browser contexts: one per person, each with its own cookies."""
    contexts = []

    def make(width=1280, height=900):
        context = browser.new_context(
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            viewport={"width": width, "height": height},
            accept_downloads=True,
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def admin_login(page, base_url, username, password):
    """Sign in through the admin's own login form, as a person would."""
    page.goto(base_url + "/quan-tri/login/?next=/quan-tri/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url(base_url + "/quan-tri/")


def officer_login(page, base_url, username, password):
    """Sign in on the public site (/dang-nhap/), where officers who never use the admin do."""
    page.goto(base_url + "/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form.login__form [type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def no_horizontal_scroll(page):
    """Nothing wider than the window: a phone reader never scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@dataclass
class PublicSite:
    """The rows behind one page of each kind, and the paths of those pages."""

    article: object
    agreement: object
    worker: object
    pages: dict  # name → path


@pytest.fixture
def public_site():
    """A small, realistic public site: a few illustrated articles with accented titles, a public
    programme with a partner and a task, and an exemplary worker's profile."""
    from django.urls import reverse

    from agreements.models import AgreementTask
    from federation.models import SiteProfile
    from tests import factories as f

    profile = SiteProfile.load()
    profile.address = "Số 1 Trần Hưng Đạo, phường Xuân Hương – Đà Lạt, tỉnh Lâm Đồng"
    profile.phone = "0263 382 2000"
    profile.email = "lienhe@congdoanlamdong.vn"
    profile.save()

    news = f.make_category(name="Hoạt động công đoàn", order=1)
    care = f.make_category(name="Chăm lo đoàn viên", order=2)
    article = f.make_article(
        title="Công đoàn Đà Lạt chăm lo Tết cho đoàn viên khó khăn",
        lead="Liên đoàn Lao động thành phố trao 300 suất quà Tết cho đoàn viên, người lao động "
        "có hoàn cảnh khó khăn tại các công đoàn cơ sở.",
        body="<p>Sáng nay, tại Nhà Văn hóa Lao động, ban chấp hành <strong>công đoàn</strong> "
        "thành phố đã trao quà cho đoàn viên.</p><h2>Nguồn kinh phí</h2>"
        "<p>Kinh phí do các doanh nghiệp và đoàn viên cùng đóng góp.</p>",
        category=news,
        featured=True,
        byline="MINH ANH",
        tags=["công đoàn", "Tết sum vầy"],
    )
    cover = f.make_photo(
        article=article,
        caption="Đại diện công đoàn thành phố trao quà Tết cho đoàn viên",
        alt_text="Cán bộ công đoàn trao túi quà cho một nữ công nhân",
        credit="Hoàng Nam",
        is_cover=True,
    )
    others = [
        ("Công đoàn ngành Giáo dục tổ chức hội thao cho nhà giáo", news),
        ("Công đoàn cơ sở Công ty Chè Cầu Đất ký thỏa ước lao động tập thể", news),
        ("Tháng Công nhân: khám sức khỏe miễn phí cho 500 người lao động", care),
        ("Mái ấm Công đoàn trao nhà cho đoàn viên ở Bảo Lộc", care),
    ]
    for title, category in others:
        other = f.make_article(title=title, category=category)
        f.make_photo_like(cover, article=other, is_cover=True)

    agreement = f.make_agreement(
        title="Chương trình phối hợp tuyên truyền với Báo Lâm Đồng giai đoạn 2024–2026",
        summary="<p>Hai bên phối hợp đưa tin về hoạt động công đoàn và phong trào công nhân.</p>",
        partners=[f.make_partner(name="Báo Lâm Đồng")],
    )
    AgreementTask.objects.create(
        agreement=agreement,
        title="Mở chuyên mục «Công đoàn Lâm Đồng» trên báo in hằng tuần",
        responsible=AgreementTask.Responsible.BOTH,
    )
    agreement.related_articles.add(article)

    worker = f.make_worker(
        full_name="Nguyễn Thị Hoa",
        honours=[(f.make_period(start_year=2020, end_year=2025), "Chiến sĩ thi đua", 2023)],
    )
    worker.related_articles.add(article)

    topic = f.make_topic(
        title="Tháng Công nhân 2026",
        introduction="<p>Công đoàn các cấp chăm lo, lắng nghe người lao động.</p>",
        picture=cover.image.name,
        picture_alt="Công nhân nhận quà trong Tháng Công nhân",
        articles=[article, *article.category.articles.exclude(pk=article.pk)],
    )
    document = f.make_document(
        number="Số 125/KH-LĐLĐ",
        summary="Tổ chức các hoạt động Tháng Công nhân năm 2026",
        signer="Phạm Quốc Hưng",
        signer_position="Phó Chủ tịch",
        files=[f.pdf_upload("ke-hoach.pdf"), f.office_upload("phu-luc.docx")],
    )
    document.related_articles.add(article)
    document.related_agreements.add(agreement)
    answer = f.make_answered_question(
        title="Công ty chậm trả lương hai tháng, tôi có được nghỉ việc ngay không?"
    )
    answer.cited_documents.add(document)

    pages = {
        "home": reverse("home"),
        "article": article.get_absolute_url(),
        "news": reverse("news:list"),
        "category": news.get_absolute_url(),
        "search": reverse("search") + "?q=cong+doan",
        "agreements": reverse("agreements:list"),
        "agreement": agreement.get_absolute_url(),
        "gallery": reverse("workers:list"),
        "profile": worker.get_absolute_url(),
        "topics": reverse("news:topics"),
        "topic": topic.get_absolute_url(),
        "documents": reverse("documents:list"),
        "document": document.get_absolute_url(),
        "advice": reverse("advice:list"),
        "answer": answer.get_absolute_url(),
        "ask": reverse("advice:ask"),
    }
    return PublicSite(article=article, agreement=agreement, worker=worker, pages=pages)
