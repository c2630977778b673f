"""The Content-Security-Policy in a real browser: CKEditor 5 works in the admin under the admin's
policy, and public pages (with their JSON-LD blocks) raise no violation under the strict one."""

import pytest

from tests.e2e.conftest import admin_login
from tests.factories import image_bytes, make_category, make_user

pytestmark = pytest.mark.django_db(transaction=True)

# Chromium reports a blocked resource both as a `securitypolicyviolation` event and as a console
# error; the script below collects the events before any of the page's own scripts run.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def watch_csp(page):
    """Start collecting CSP violations (events and console messages) on this page."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.add_init_script(COLLECT_VIOLATIONS)

    def violations():
        return page.evaluate("window.__cspViolations || []") + console

    return violations


def test_ckeditor_works_in_the_admin_under_the_admin_policy(live_server, new_page):
    make_user(username="quantri", password="QuanTri@2026", is_staff=True, is_superuser=True)
    make_category(name="Hoạt động công đoàn")
    page = new_page(height=1000)
    violations = watch_csp(page)
    admin_login(page, live_server.url, "quantri", "QuanTri@2026")

    response = page.goto(live_server.url + "/quan-tri/news/article/add/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]

    editor = page.locator(".ck-editor__editable")
    editor.wait_for()
    editor.click()
    page.keyboard.type("Đoàn viên ")
    page.keyboard.press("Control+B")
    page.keyboard.type("Lâm Đồng")
    page.keyboard.press("Control+B")
    page.keyboard.press("Enter")
    with page.expect_response("**/ckeditor5/image_upload/") as upload:
        page.locator(".ck-editor input[type=file]").set_input_files(
            {"name": "hoi-nghi.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()}
        )
    assert upload.value.status == 200
    editor.locator("img[src^='/media/editor/']").wait_for()
    # The toolbar's dropdowns and balloons are styled by CKEditor's own <style> elements.
    editor.locator("p").first.click()
    page.locator(".ck-heading-dropdown button").first.click()
    page.locator(".ck-dropdown__panel").first.wait_for()

    assert editor.locator("strong").inner_text() == "Lâm Đồng"
    assert "Đoàn viên" in editor.inner_text()
    assert violations() == []


def test_public_article_with_json_ld_raises_no_violation_under_the_strict_policy(
    live_server, new_page, public_site
):
    page = new_page()
    violations = watch_csp(page)
    for name in ("home", "article", "agreement", "profile", "search"):
        response = page.goto(live_server.url + public_site.pages[name])
        policy = response.headers["content-security-policy"]
        assert "'unsafe-inline'" not in policy, name
        assert "style-src 'self'" in policy
        page.wait_for_load_state("load")
        # site.js ran (it removes the no-js class): the site's own script is allowed.
        assert page.evaluate("document.documentElement.classList.contains('no-js')") is False
        if name in ("article", "profile"):
            assert page.locator('script[type="application/ld+json"]').count() >= 1, name
        assert violations() == [], name
