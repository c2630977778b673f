"""The settings refuse to start production with development secrets."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.cache.backends.redis import RedisCache

from core.cache import TolerantRedisCache

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**env):
    """Import the real settings module in a fresh interpreter with only the given variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import federation.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_the_development_secret_key():
    result = load_settings(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="example.vn")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr.strip().splitlines()[-1]


def test_production_refuses_empty_allowed_hosts():
    result = load_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr.strip().splitlines()[-1]


def test_production_starts_with_a_real_key_and_hosts():
    result = load_settings(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="a.vn,b.vn"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['a.vn', 'b.vn']"


def test_development_starts_with_no_variables_at_all():
    result = load_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True ['127.0.0.1', 'localhost']"


def security_settings(**env):
    code = (
        "import federation.settings as s; "
        "print(getattr(s, 'SECURE_SSL_REDIRECT', False), getattr(s, 'SECURE_HSTS_SECONDS', 0), "
        "getattr(s, 'SESSION_COOKIE_SECURE', False), getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update({"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "a.vn", **env})
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_https_is_on_by_default_in_production():
    assert security_settings(DJANGO_DEBUG="0") == (
        "True 31536000 True ('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_https_can_be_turned_off_for_an_intranet():
    assert security_settings(DJANGO_DEBUG="0", DJANGO_HTTPS="0") == "False 0 False None"


def test_redis_url_switches_the_cache_to_redis():
    code = "import federation.settings as s; print(s.CACHES['default']['BACKEND'])"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    for redis_url, backend in [
        # Django's Redis cache, for which an outage is a miss (tests/security/test_cache_outage.py).
        ("redis://127.0.0.1:6379/1", "core.cache.TolerantRedisCache"),
        ("", "django.core.cache.backends.locmem.LocMemCache"),
    ]:
        env = {**clean, "DJANGO_DEBUG": "1", "REDIS_URL": redis_url}
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert out.stdout.strip() == backend
    assert issubclass(TolerantRedisCache, RedisCache)


def test_redis_is_given_up_on_within_a_fraction_of_a_second():
    code = "import federation.settings as s; print(s.CACHES['default']['OPTIONS'])"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env = {**clean, "DJANGO_DEBUG": "1", "REDIS_URL": "redis://127.0.0.1:6379/1"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    options = ast.literal_eval(out.stdout.strip())
    assert 0 < options["socket_connect_timeout"] < 1
    assert 0 < options["socket_timeout"] < 1


# Several app hosts: media and documents on object storage --------------------------------------


def settings_with(env):
    """The settings module as a fresh process reads it with these environment variables."""
    code = (
        "import json, federation.settings as s; "
        "print(json.dumps({k: v['BACKEND'] for k, v in s.STORAGES.items()}))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "DJANGO_DEBUG": "1", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_media_stay_on_local_disk_without_a_bucket():
    backends = settings_with({})
    assert backends["default"] == "django.core.files.storage.FileSystemStorage"
    assert "private" not in backends


def test_a_bucket_moves_media_and_signed_documents_to_object_storage():
    backends = settings_with({"AWS_STORAGE_BUCKET_NAME": "ldld-media"})
    assert backends["default"] == "storages.backends.s3.S3Storage"
    assert backends["private"] == "storages.backends.s3.S3Storage"
