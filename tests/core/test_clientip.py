"""The client address the login lockout counts: only what our own proxies wrote is trusted."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from core.clientip import client_ip

ROOT = Path(__file__).resolve().parents[2]


def request(remote="127.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/dang-nhap/", **extra)


def test_without_a_proxy_a_forwarded_header_sent_by_the_client_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(request("203.0.113.66", "198.51.100.7")) == "203.0.113.66"


@pytest.mark.parametrize(
    "forwarded, expected",
    [
        ("203.0.113.66", "203.0.113.66"),
        # The client sent its own header; nginx appended what it saw.
        ("198.51.100.7, 203.0.113.66", "203.0.113.66"),
        ("1.1.1.1,2.2.2.2 ,  203.0.113.66", "203.0.113.66"),
        ("không-phải-địa-chỉ, 2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_one_proxy_the_right_most_entry_is_the_client(settings, forwarded, expected):
    settings.PROXY_COUNT = 1
    assert client_ip(request(forwarded=forwarded)) == expected


def test_behind_a_balancer_and_nginx_the_entry_the_balancer_wrote_is_the_client(settings):
    settings.PROXY_COUNT = 2
    # client's forgery, the client as the balancer saw it, the balancer as nginx saw it
    assert client_ip(request(forwarded="9.9.9.9, 203.0.113.66, 10.0.0.2")) == "203.0.113.66"


@pytest.mark.parametrize("forwarded", [None, "", "   ", "rác", "203.0.113.66:443"])
def test_a_missing_or_unreadable_header_falls_back_to_the_connecting_address(settings, forwarded):
    settings.PROXY_COUNT = 1
    assert client_ip(request("10.0.0.5", forwarded)) == "10.0.0.5"


def test_a_header_shorter_than_the_proxy_chain_is_not_trusted(settings):
    settings.PROXY_COUNT = 2
    assert client_ip(request("10.0.0.5", "198.51.100.7")) == "10.0.0.5"


def test_the_proxy_count_comes_from_the_environment():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update({"DJANGO_DEBUG": "1", "DJANGO_PROXY_COUNT": "2"})
    result = subprocess.run(
        [sys.executable, "-c", "import federation.settings as s; print(s.PROXY_COUNT)"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"


def test_the_example_nginx_and_environment_agree_on_one_proxy():
    env = (ROOT / "deploy" / "env.example").read_text()
    assert re.search(r"^DJANGO_PROXY_COUNT=1$", env, re.MULTILINE)
    nginx = (ROOT / "deploy" / "nginx" / "federation.conf").read_text()
    # Every request forwarded to gunicorn gets the client's address appended by this one nginx.
    blocks = re.findall(r"location[^{]*\{[^}]*proxy_pass[^}]*\}", nginx)
    assert blocks
    for block in blocks:
        assert (
            "X-Forwarded-For $proxy_add_x_forwarded_for" in block
            or "include /etc/nginx/proxy_params" in block
        ), block
