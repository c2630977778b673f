"""WSGI entry point for gunicorn: Django, behind the page cache's front door (core.pagecache_front),
which answers anonymous visitors' stored pages before Django's request handling starts."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings")
application = get_wsgi_application()

from core.pagecache_front import PageCacheFront  # noqa: E402  (needs the settings above)

application = PageCacheFront(application)
