"""Fixtures shared by every test: a fresh cache and a private media folder per test."""

import pytest
from django.core.cache import cache

from federation import files


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cache.clear()
    yield
    cache.clear()
    # A test's own transaction never commits: what its saves left to check goes with it.
    files.forget()
