"""Fixtures of the security tests: one page of every public kind, and a client that reports a
server error as a 500 response (as a visitor would get it) instead of raising it."""

from dataclasses import dataclass

import pytest
from django.test import Client

from agreements.models import Agreement
from tests import factories as f


@dataclass
class Site:
    article: object
    agreement: object
    worker: object
    pages: dict  # page kind → path


@pytest.fixture
def site(db):
    """A small public site: an illustrated, tagged article, a public programme with a partner and
    a task, and a published profile with an honour."""
    category = f.make_category(name="Hoạt động công đoàn")
    article = f.make_article(
        title="Công đoàn Đà Lạt chăm lo Tết cho đoàn viên",
        category=category,
        tags=["công đoàn"],
    )
    f.make_photo(article=article, is_cover=True)
    partner = f.make_partner(name="Báo Lâm Đồng")
    agreement = f.make_agreement(
        title="Chương trình phối hợp tuyên truyền 2024–2026",
        partners=[partner],
        visibility=Agreement.Visibility.PUBLIC,
    )
    f.make_task(agreement=agreement, title="Mở chuyên mục công đoàn")
    worker = f.make_worker(
        full_name="Nguyễn Thị Hoa",
        honours=[(f.make_period(start_year=2020, end_year=2025), "Chiến sĩ thi đua", 2023)],
    )
    tag = article.tags.get()
    document = f.make_document(summary="Tổ chức Tháng Công nhân năm 2026", files=[f.pdf_upload()])
    answer = f.make_answered_question(title="Công ty chậm trả lương thì làm gì?")
    pages = {
        "home": "/",
        "list": "/tin-tuc/",
        "category": category.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": "/tim-kiem/?q=cong+doan",
        "feed": "/tin-tuc/rss/",
        "category-feed": f"{category.get_absolute_url()}rss/",
        "sitemap": "/sitemap.xml",
        "sitemap-section": "/sitemap-tin-tuc.xml",
        "robots": "/robots.txt",
        "agreements": "/chuong-trinh-phoi-hop/",
        "agreement": agreement.get_absolute_url(),
        "partner": partner.get_absolute_url(),
        "gallery": "/dien-hinh-tien-tien/",
        "profile": worker.get_absolute_url(),
        "documents": "/van-ban/",
        "document": document.get_absolute_url(),
        "documents-feed": "/van-ban/rss/",
        "advice": "/hoi-dap/",
        "answer": answer.get_absolute_url(),
        "ask": "/hoi-dap/gui-cau-hoi/",
        "login": "/dang-nhap/",
        "not-found": "/trang-nay-khong-co/",
    }
    return Site(article=article, agreement=agreement, worker=worker, pages=pages)


@pytest.fixture
def visitor():
    """An anonymous visitor: a server error comes back as the 500 page, never as an exception."""
    return Client(raise_request_exception=False)
