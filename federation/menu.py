"""The main menu, built once for every page at the project level: like urls.py, it names every app."""

import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse

from core import pagecache
from news.models import Category

logger = logging.getLogger(__name__)


@dataclass
class MenuItem:
    label: str
    url: str
    current: bool = False


def _categories():
    """(name, url) of the categories shown in the menu, in their order. Every page shows them, so
    they are kept in the cache under the news section's generation (a saved category bumps it) and
    read from the database once per change, not once per page. A cache in each process (no
    Redis) learns of another process's change when the entry expires."""
    key = None
    try:
        (generation,), _ = pagecache.generations(("news",))
        if generation is not None:
            key = f"main-menu:{generation}"
            found = cache.get(key)
            if found is not None:
                return found
    except Exception:  # a cache that does not answer costs one query, never the page
        logger.warning("Main menu: cache unavailable", exc_info=True)
        key = None
    found = [
        (c.name, c.get_absolute_url())
        for c in Category.objects.filter(show_in_menu=True).only("name", "slug")
    ]
    if key:
        try:
            cache.set(key, found, pagecache.default_seconds())
        except Exception:
            logger.warning("Main menu: not cached", exc_info=True)
    return found


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
