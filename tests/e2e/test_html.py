"""Valid HTML: the Nu Html Checker (vnu.jar, from the npm package vnu-jar) reads every kind of
public page exactly as the server sent it. Errors fail the test; warnings are allowed."""

import json
import os
import shutil
import subprocess

import pytest
from django.conf import settings

from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)

VNU_JAR = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTML_DIR = SCREENSHOTS / "html"


def require_checker():
    missing = []
    if shutil.which("java") is None:
        missing.append("Java 17 trở lên (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append("gói npm vnu-jar (chạy: npm ci)")
    if missing:
        message = "Thiếu công cụ kiểm tra HTML: " + "; ".join(missing)
        # CI has both: there a missing tool is a broken set-up, not a reason to skip.
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def html_errors(paths):
    """The checker's errors, by file name: one Java start for every file."""
    completed = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(completed.stdout)["messages"]
    errors = {}
    for message in messages:
        if message["type"] == "error" or message.get("subType") == "fatal":
            name = message.get("url", "").rsplit("/", 1)[-1]
            where = f"dòng {message.get('lastLine', '?')}"
            errors.setdefault(name, []).append(f"{where}: {message['message']}")
    return errors


def test_every_kind_of_public_page_is_valid_html_as_served(live_server, new_page, public_site):
    require_checker()
    HTML_DIR.mkdir(parents=True, exist_ok=True)
    page = new_page()
    pages = {
        **public_site.pages,
        "login": "/dang-nhap/",
        "password-reset": "/dang-nhap/quen-mat-khau/",
        "password-reset-sent": "/dang-nhap/quen-mat-khau/da-gui/",
        "not-found": "/tin-tuc/khong-co-bai-nay/",
    }
    saved = []
    for name, path in pages.items():
        response = page.request.get(live_server.url + path)
        assert response.status == (404 if name == "not-found" else 200), path
        target = HTML_DIR / f"{name}.html"
        target.write_bytes(response.body())
        saved.append(target)
    errors = html_errors(saved)
    report = "\n".join(f"{name}: {line}" for name, lines in errors.items() for line in lines)
    assert not errors, f"Nu Html Checker báo lỗi:\n{report}"
