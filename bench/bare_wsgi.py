"""WSGI entry point of the bare ceiling app (bench/bare_settings.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bare_settings"
application = get_wsgi_application()
