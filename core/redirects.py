"""Addresses that never break: a 301 from an object's old path to its new one, written when its
slug changes, through django.contrib.redirects (the RedirectFallbackMiddleware answers 404s).

Apps name their models from AppConfig.ready() with `track(model, is_public=…)`; this module names
none.

Installing django.contrib.sites (which the redirects need) makes feeds and sitemaps take their
host from the Site row instead of the request: `sync_site` keeps that row at DJANGO_SITE_URL's
host after every migrate. Chains collapse when written: A→B then B→C leaves A→C and B→C, never A→B→C, and a path that
is live again (a slug changed back) loses its redirect, so no redirect can loop.
"""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_migrate, post_save, pre_save

OLD_PATH = "_redirects_old_path"


def _redirect_model():
    return apps.get_model("redirects", "Redirect")


def path_of(address):
    """The path part of a URL or of a path ("https://x.vn/a/b?c" → "/a/b?c"), or ""."""
    address = (address or "").strip()
    if not address:
        return ""
    parts = urlsplit(address)
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    return path + (f"?{parts.query}" if parts.query else "")


@transaction.atomic
def point(old_path, new_path):
    """Make old_path answer with a 301 to new_path, and every redirect that led to old_path lead
    to new_path instead (one hop). A redirect away from new_path goes: that address is live."""
    Redirect = _redirect_model()
    old_path, new_path = path_of(old_path), path_of(new_path)
    if not old_path or not new_path:
        return
    site_id = settings.SITE_ID
    here = Redirect.objects.filter(site_id=site_id)
    here.filter(old_path=new_path).delete()
    if old_path == new_path:
        return
    here.filter(new_path=old_path).update(new_path=new_path)
    Redirect.objects.update_or_create(
        site_id=site_id, old_path=old_path, defaults={"new_path": new_path}
    )


def _remember_old_path(sender, instance, raw=False, update_fields=None, **kwargs):
    setattr(instance, OLD_PATH, None)
    if raw or instance.pk is None:
        return
    if update_fields is not None and not ({"slug"} & set(update_fields)):
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    is_public = _tracked[sender]
    if old is not None and (is_public is None or is_public(old)):
        setattr(instance, OLD_PATH, old.get_absolute_url())


def _write_redirect(sender, instance, raw=False, **kwargs):
    old_path = getattr(instance, OLD_PATH, None)
    if raw or not old_path:
        return
    new_path = instance.get_absolute_url()
    if new_path != old_path:
        point(old_path, new_path)


_tracked = {}


def track(model, *, is_public=None):
    """Changing the address (get_absolute_url) of a saved object of this model leaves a 301 from
    the old one. is_public(old_object), if given, says whether the old address was out in the
    world (a draft's was not)."""
    if isinstance(model, str):
        model = apps.get_model(model)
    _tracked[model] = is_public
    uid = f"redirects:{model._meta.label_lower}"
    pre_save.connect(_remember_old_path, sender=model, dispatch_uid=f"{uid}:pre")
    post_save.connect(_write_redirect, sender=model, dispatch_uid=f"{uid}:post")


def _site_host():
    return urlsplit(settings.SITE_URL).netloc or "localhost"


def sync_site(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """The Site row SITE_ID takes the host (and port) of SITE_URL, as the cache already has it."""
    if sender is not None and sender.label != "sites":
        return  # post_migrate comes once per app: once is enough
    Site = apps.get_model("sites", "Site")
    host = _site_host()
    site, _ = Site.objects.using(using).get_or_create(
        pk=settings.SITE_ID, defaults={"domain": host, "name": host}
    )
    if (site.domain, site.name) != (host, host):
        site.domain = site.name = host
        site.save(using=using)
    prime_site_cache()


def prime_site_cache():
    """Every get_current_site() answers SITE_URL's host without a query: the redirects middleware
    asks on every 404, feeds and sitemaps on every render."""
    from django.contrib.sites.models import SITE_CACHE, Site

    host = _site_host()
    SITE_CACHE[settings.SITE_ID] = Site(pk=settings.SITE_ID, domain=host, name=host)


def connect():
    prime_site_cache()
    post_migrate.connect(sync_site, dispatch_uid="core.redirects.sync_site")
