"""The main menu, built once for every page at the project level: like urls.py, it names every app."""

from dataclasses import dataclass

from django.urls import reverse

from core import memo
from news.models import Category


@dataclass
class MenuItem:
    label: str
    url: str
    current: bool = False


def _categories():
    """(name, url) of the categories shown in the menu, in their order: every page shows them, so
    they are read once per change of the news (a saved category bumps it)."""
    return memo.remember(
        "main-menu",
        ("news",),
        lambda: [
            (c.name, c.get_absolute_url())
            for c in Category.objects.filter(show_in_menu=True).only("name", "slug")
        ],
    )


def main_menu(current_path):
    """The menu's items; the one whose address is the longest start of `current_path` is current
    (the home page only for "/" itself)."""
    items = [
        MenuItem("Trang chủ", reverse("home")),
        MenuItem("Tin tức", reverse("news:list")),
        *(MenuItem(name, url) for name, url in _categories()),
        MenuItem("Chương trình phối hợp", reverse("agreements:list")),
        MenuItem("Điển hình tiên tiến", reverse("workers:list")),
        MenuItem("Văn bản", reverse("documents:list")),
        MenuItem("Hỏi đáp pháp luật", reverse("advice:list")),
    ]
    matching = [
        item
        for item in items
        if current_path == item.url or (item.url != "/" and current_path.startswith(item.url))
    ]
    if matching:
        max(matching, key=lambda item: len(item.url)).current = True
    return items
