"""Accessibility: axe-core, run inside the browser on every kind of public page, at phone and
desktop widths. Serious and critical problems fail the test; the report says what and where."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import WIDTHS

pytestmark = pytest.mark.django_db(transaction=True)

BLOCKING = {"serious", "critical"}


def blocking_violations(page):
    """axe's serious and critical findings on the page, as readable lines."""
    # axe ships inside the Python package: no network is needed to load it.
    results = Axe().run(page)
    assert results.response["passes"], "axe-core không chạy được trên trang"
    lines = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        targets = [", ".join(map(str, node["target"])) for node in violation["nodes"]][:5]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} → {targets}")
    return lines


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_have_no_serious_accessibility_problems(
    live_server, new_page, public_site, width
):
    page = new_page(width=width, height=800)
    found = {}
    for name, path in public_site.pages.items():
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        problems = blocking_violations(page)
        if problems:
            found[name] = problems
    report = "\n".join(f"{name}: {line}" for name, lines in found.items() for line in lines)
    assert not found, f"axe-core ở {width} px:\n{report}"


def test_the_officer_login_page_has_no_serious_accessibility_problems(live_server, new_page):
    page = new_page(width=375)
    for path in ["/dang-nhap/", "/dang-nhap/quen-mat-khau/", "/dang-nhap/quen-mat-khau/da-gui/"]:
        page.goto(live_server.url + path)
        assert blocking_violations(page) == [], path
