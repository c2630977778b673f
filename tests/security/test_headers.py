"""Security headers on every kind of public page, HTTPS behind the reverse proxy, cookies, and
Django's own deployment check."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key

from tests.factories import make_officer
from tests.security.html_check import executable_parts

ROOT = Path(__file__).resolve().parents[2]

# What every public response must carry, whatever the page.
CSP_DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def directives(policy):
    return {part.strip() for part in policy.split(";") if part.strip()}


def assert_public_headers(response, name):
    assert response["X-Content-Type-Options"] == "nosniff", name
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", name
    assert response["X-Frame-Options"] == "DENY", name
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
    policy = response["Content-Security-Policy"]
    assert set(CSP_DIRECTIVES) <= directives(policy), (name, policy)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, (name, policy)


@pytest.mark.parametrize("page_cache", [False, True], ids=["rendered", "page-cache-on"])
def test_every_public_page_type_carries_the_security_headers(client, site, settings, page_cache):
    # With the page cache on, the second request of each page may come from the cache: the
    # headers must be there either way.
    settings.PAGECACHE_ENABLED = page_cache
    for name, path in site.pages.items():
        for _ in range(2):
            response = client.get(path)
            expected = 404 if name == "not-found" else 200
            assert response.status_code == expected, (name, path, response.status_code)
            assert_public_headers(response, name)
            if response["Content-Type"].startswith("text/html"):
                # What the policy would block: no inline script, handler or style on the page.
                assert executable_parts(response.content.decode()) == [], name


def test_admin_has_its_own_policy_with_scripts_as_strict_as_the_public_site(admin_client):
    response = admin_client.get("/quan-tri/news/article/add/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "script-src 'self'" in policy
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "img-src 'self' data:" in policy
    assert "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


# HTTPS -------------------------------------------------------------------------------------------

HTTPS_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
]


def production_environment(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=get_random_secret_key(),
        DJANGO_ALLOWED_HOSTS="congdoan.lamdong.example.vn",
        **extra,
    )
    return env


@pytest.fixture(scope="module")
def https_settings():
    """The security settings exactly as federation/settings.py computes them in production with
    HTTPS on (DJANGO_HTTPS unset: on by default when DEBUG is off)."""
    code = (
        "import json, federation.settings as s; "
        f"print(json.dumps({{name: getattr(s, name, None) for name in {HTTPS_SETTINGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def https_on(settings, https_settings):
    for name, value in https_settings.items():
        setattr(settings, name, value)
    return https_settings


def test_production_settings_turn_https_on(https_settings):
    assert https_settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert https_settings["SECURE_SSL_REDIRECT"] is True
    assert https_settings["SECURE_HSTS_SECONDS"] >= 31536000
    assert https_settings["SESSION_COOKIE_SECURE"] is True
    assert https_settings["CSRF_COOKIE_SECURE"] is True


def test_plain_http_is_redirected_to_https_on_every_public_page(client, site, https_on):
    for name, path in site.pages.items():
        response = client.get(path)
        assert response.status_code == 301, (name, response.status_code)
        assert response["Location"] == f"https://testserver{path}", name


def test_behind_the_proxy_https_pages_are_served_with_hsts(client, site, https_on):
    for name, path in site.pages.items():
        response = client.get(path, headers={"x-forwarded-proto": "https"})
        assert response.status_code == (404 if name == "not-found" else 200), name
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        ), name
        assert_public_headers(response, name)


def test_a_forged_proto_header_other_than_https_is_still_redirected(client, site, https_on):
    response = client.get("/", headers={"x-forwarded-proto": "http"})
    assert response.status_code == 301


def test_health_check_answers_plain_http_for_the_load_balancer(client, db, https_on):
    assert client.get("/healthz").status_code == 200


def test_cookies_over_https_are_secure_and_the_session_cookie_is_httponly(client, db, https_on):
    secure = {"x-forwarded-proto": "https"}
    login_page = client.get("/dang-nhap/", headers=secure)
    csrf = login_page.cookies["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"
    # Not HttpOnly on purpose: CKEditor's image upload reads it (settings.CSRF_COOKIE_HTTPONLY).
    assert not csrf["httponly"]

    make_officer(username="canbo", password="CanBo@2026")
    response = client.post(
        "/dang-nhap/",
        {"username": "canbo", "password": "CanBo@2026"},
        headers=secure,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


def test_admin_login_cookies_are_secure_too(client, db, https_on):
    response = client.get("/quan-tri/login/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
    assert response.cookies["csrftoken"]["secure"] is True


# Django's deployment check -----------------------------------------------------------------------


def test_deployment_check_reports_nothing_in_production_with_https():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(DJANGO_HTTPS="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
