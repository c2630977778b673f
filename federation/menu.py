"""The main menu, built once for every page at the project level: like urls.py, it names every app."""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from core import memo
from news.freshness import TAXONOMY
from news.models import Category


@dataclass
class MenuItem:
    label: str
    url: str
    current: bool = False


def _categories():
    """(name, url) of the categories shown in the menu, in their order: every page shows them, so
    they are read once per change of the categories' names (a saved category bumps the news's
    taxonomy; publishing an article does not)."""
    return memo.remember(
        "main-menu",
        (TAXONOMY,),
        lambda: [
            (c.name, c.get_absolute_url())
            for c in Category.objects.filter(show_in_menu=True).only("name", "slug")
        ],
    )


@functools.lru_cache(maxsize=8)
def _fixed(script_prefix, urlconf):
    """The items before and after the categories: their addresses only change with the prefix the
    site is served under (or the URLconf), so they are reversed once each, not on every page."""
    before = [("Trang chủ", reverse("home")), ("Tin tức", reverse("news:list"))]
    after = [
        ("Chương trình phối hợp", reverse("agreements:list")),
        ("Điển hình tiên tiến", reverse("workers:list")),
        ("Văn bản", reverse("documents:list")),
        ("Hỏi đáp pháp luật", reverse("advice:list")),
    ]
    return before, after


def main_menu(current_path):
    """The menu's items; the one whose address is the longest start of `current_path` is current
    (the home page only for "/" itself)."""
    before, after = _fixed(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    items = [MenuItem(*pair) for pair in (*before, *_categories(), *after)]
    matching = [
        item
        for item in items
        if current_path == item.url or (item.url != "/" and current_path.startswith(item.url))
    ]
    if matching:
        max(matching, key=lambda item: len(item.url)).current = True
    return items
