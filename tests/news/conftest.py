"""Fixtures that the news tests share: two categories an article can move between."""

import pytest

from tests.factories import make_category


@pytest.fixture
def events():
    return make_category(name="Sự kiện")


@pytest.fixture
def sport():
    return make_category(name="Thể thao công nhân")
