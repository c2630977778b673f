"""Fixtures shared by every test: a fresh cache, a private media folder, no pending read counts
and the factories' numbering from 1 for each test; and the clock that --clock / TEST_CLOCK moves
for the whole run."""

import datetime as dt
import os
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache

from core import files, redirects

_clock = {}


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=os.environ.get("TEST_CLOCK", ""),
        metavar="'YYYY-MM-DD HH:MM'",
        help=(
            "run every test as if it started at this moment (local time of the site, "
            "Asia/Ho_Chi_Minh, unless an offset is given), the clock running on from there; "
            "default: the environment variable TEST_CLOCK, else the real time"
        ),
    )


def pytest_configure(config):
    value = config.getoption("clock").strip()
    if not value:
        return
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(
            f"--clock/TEST_CLOCK không hợp lệ: {value!r}. Ví dụ đúng: '2026-12-31 23:59'."
        ) from None
    if moment.tzinfo is None:
        from django.conf import settings

        moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    # A bare timestamp, so that time-machine leaves the process's TZ as Django set it: only
    # the clock moves, not the time zone.
    _clock["at"] = moment.timestamp()
    _clock["label"] = f"{moment:%Y-%m-%d %H:%M:%S %z} ({moment.tzinfo})"
    # Started here, not in a fixture, so that dates computed at collection (module constants)
    # and by the session's fixtures come from the same clock as the tests.
    _clock["travel"] = time_machine.travel(_clock["at"], tick=False)
    _clock["traveller"] = _clock["travel"].start()


def pytest_unconfigure(config):
    if "travel" in _clock:
        _clock.pop("travel").stop()
        _clock.clear()


def pytest_report_header(config):
    if "label" in _clock:
        return f"clock: every test starts at {_clock['label']}"


# Every test starts at the chosen moment, not minutes later when a long run reaches it: a run at
# 23:59 puts each test a minute before midnight, not only the first few. The clock stands still
# while the fixtures are made, so nothing they create is later than the test's start, and runs on
# from there during the test.
@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if "traveller" in _clock:
        _clock["traveller"].move_to(_clock["at"], tick=False)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    if "traveller" in _clock:
        _clock["traveller"].move_to(_clock["at"], tick=True)


@pytest.fixture
def page_cache_on(settings, db):
    """The full-page cache turned on, with the site profile already there: created once on a live
    site, its first save would make every section stale."""
    from federation.models import SiteProfile

    settings.PAGECACHE_ENABLED = True
    SiteProfile.load()


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    from news import popularity
    from tests import factories

    cache.clear()
    # The read counter lives in the process when there is no Redis, as in tests.
    popularity.counter().drain()
    factories.reset_sequence()
    # pytest-django empties the sites framework's cache before each test; the site primes it at
    # start-up, so that no page pays a query for the Site (core.redirects).
    redirects.prime_site_cache()
    yield
    cache.clear()
    popularity.counter().drain()
    # A test's own transaction never commits: what its saves left to check goes with it.
    files.forget()
