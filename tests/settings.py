"""Test settings: the real settings, with a fast hasher and no manifest for static files."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-that-is-long-enough-for-the-check")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DJANGO_HTTPS", "0")
# The Site row (django.contrib.sites) takes this host: feeds and sitemaps name the test client's.
os.environ.setdefault("DJANGO_SITE_URL", "http://testserver")

from federation.settings import *  # noqa: E402,F403

# The demo is not part of the product; its tests (tests/demo/) need its load_demo command.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The query-count tests measure cold renders; tests/core/test_pagecache.py turns it on.
PAGECACHE_ENABLED = False
