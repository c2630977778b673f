"""The bare ceiling of the benchmark: Django with no app, no middleware, no database, one view.

Served by the same gunicorn in the same run as the site (bench/run.py), it is the real limit a
Django page can reach on this machine: the site's pages are compared with it, and the site's own
ceiling view (bench/urls.py, through the whole middleware stack) is reported beside it.
"""

import os

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "bench-bare-ceiling-only")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare_urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
USE_I18N = False
