"""Full-page cache for anonymous visitors, kept fresh by per-section generations, not a site flush.

A page is stored with the generation numbers of the sections it shows. Saving a model bumps only its
sections, so the pages that show it are re-rendered on their next request, and every other page
stays cached. One MGET fetches the page and the current generations together: a stored page whose
generations differ is a miss, and is overwritten.

Apps register, from their AppConfig.ready(), their sections, the models whose changes make a section
stale and the URLs (by name or namespace) that show each section; this module names none of them.
A URL nobody registered depends on every section: always correct, only less often cached.

The middleware that serves and stores the pages is core.pagecache_middleware. Visitors with a
session (staff, officers: they see previews and officers-only programmes) are never served from
it, nor is any response that sets a cookie, carries a CSRF token or says it is private.
What a signed-in user is shown says `Cache-Control: private`, so no shared cache keeps it either.

Each view says which query parameters it reads (`query_params` on the class, `reads_query()` on a
function). For anonymous visitors every other parameter is dropped before the view runs, so
`?utm_x=1`, `?utm_x=2`, … are one cached page; a view that says nothing is not cached when the
address carries a query string.
"""

import functools
import logging
import math
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from core import cachebatch

logger = logging.getLogger(__name__)

# What the apps registered ---------------------------------------------------------------------------

# Registered for a model, this makes its changes stale every section (the site's name is on every
# page), including sections registered after it.
EVERY_SECTION = "*"


class Registry:
    """What the apps told the page cache: their sections, the models whose changes make a section
    stale, the URLs that show each section and the URLs never to cache."""

    def __init__(self):
        self.sections = {}  # name → callable: the next scheduled change (aware datetime), or None
        self.models = {}  # "app_label.model_name" → section names
        self.urls = {}  # "namespace:name", "namespace" or "name" → section names
        self.uncached = set()  # the same kinds of keys
        self.bulk = {}  # "app_label.model_name" → sections bumped by a bulk change only

    def copy(self):
        other = Registry()
        other.sections = dict(self.sections)
        other.models = dict(self.models)
        other.urls = dict(self.urls)
        other.uncached = set(self.uncached)
        other.bulk = dict(self.bulk)
        return other


registry = Registry()


def register_section(name, *, next_change=None):
    """A section of the site. next_change(), if given, says when its pages next change without a
    save (a scheduled article going up): an aware datetime, or None."""
    registry.sections[name] = next_change


def register_models(models, *, sections):
    """Saving or deleting any of these models, or changing their many-to-many links, makes these
    sections stale. Models are classes or "app_label.ModelName" labels."""
    for model in models:
        if isinstance(model, str):
            model = apps.get_model(model)
        label = model._meta.label_lower
        registry.models[label] = tuple(dict.fromkeys([*registry.models.get(label, ()), *sections]))
        _connect(model)


def register_bulk_changes(models, *, sections):
    """A bulk change of these models in the admin (an action or a list edit on the change list,
    which send no signal) also makes these sections stale: for pages that follow each object's
    own saves through depends_on() and so do not depend on the model's sections."""
    for model in models:
        label = model.lower() if isinstance(model, str) else model._meta.label_lower
        registry.bulk[label] = tuple(dict.fromkeys([*registry.bulk.get(label, ()), *sections]))


def register_urls(names, *, sections):
    """The pages of these URL names ("news:article", "home") or namespaces ("news") show these
    sections. A URL's own name wins over its namespace. Registering a name again adds sections:
    an app may say that another app's pages show its content (a programme lists its documents)."""
    for name in names:
        registry.urls[name] = tuple(dict.fromkeys([*registry.urls.get(name, ()), *sections]))


def register_uncached(names):
    """URL names or namespaces never served from the cache nor stored: sign-in, previews, uploads."""
    registry.uncached.update(names)


def all_sections():
    return tuple(registry.sections)


def check_registry(**kwargs):
    """A system check: every section an app names for its models or URLs is one that some app
    registered; a misspelt name would leave those pages out of the site profile's bumps."""
    from django.core.checks import Error

    named = {
        section
        for sections in [*registry.models.values(), *registry.urls.values()]
        for section in sections
        if section != EVERY_SECTION
    }
    return [
        Error(
            f"Trang lưu đệm: phần «{section}» chưa được ứng dụng nào đăng ký "
            "(pagecache.register_section).",
            id="core.E001",
        )
        for section in sorted(named - set(registry.sections))
    ]


# Added by Facebook, Zalo and mail campaigns; no page reads them. Dropped before the view runs, so
# that a viral link, different for every visitor, is still one cached page.
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "zarsrc", "utm_source", "utm_medium", "utm_campaign", "utm_term",
     "utm_content", "utm_id"}
)  # fmt: skip

# Request cookies that change what a page shows: a session (signed in, or anonymous with state)
# and Django's flash messages.
MESSAGES_COOKIE = "messages"

GEN_PREFIX = "pagecache:gen:"
# v2: pages carry their policy header and their objects' generations (a page stored by the
# previous version, without them, is never served).
PAGE_PREFIX = "pagecache:page:v2:"
NEXT_CHANGE_PREFIX = "pagecache:next:"
HEADER = "X-Page-Cache"


def enabled():
    return getattr(settings, "PAGECACHE_ENABLED", False)


def default_seconds():
    return getattr(settings, "PAGECACHE_SECONDS", 300)


# Generations --------------------------------------------------------------------------------------


def gen_key(section):
    return f"{GEN_PREFIX}{section}"


def _fresh_generation():
    # A lost counter (eviction, restart of Redis) restarts from the clock, never from a value that
    # a stored page may still carry.
    return time.time_ns()


def generations(sections, extra_keys=(), *, learn=False):
    """The current generation of each section (created when missing), and the extra keys' values.
    Read from the render's batch when it holds them (core.cachebatch); learn: these are fixed
    names that every render of this view reads, worth fetching with the batch next time."""
    keys = [gen_key(s) for s in sections]
    values = cachebatch.get_many([*extra_keys, *keys], learn=learn)
    missing = [k for k in keys if k not in values]
    if missing:
        for key in missing:
            cache.add(key, _fresh_generation(), None)
        cachebatch.forget(*missing)
        added = cache.get_many(missing)
        cachebatch.seed(added)
        values.update(added)
    return tuple(values.get(k) for k in keys), values


def _bump_now(sections):
    for section in sections:
        key = gen_key(section)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, _fresh_generation(), None)
        except Exception:
            logger.exception("Page cache: could not bump section %s", section)


def bump(*sections):
    """Make every cached page of these sections stale.

    Bumped now, and again once the transaction commits: a page rendered between the two from the
    data before the commit was stored under the first bump, and the second one discards it.
    """
    sections = tuple(dict.fromkeys(sections))
    if not sections:
        return
    _bump_now(sections)
    transaction.on_commit(lambda: _bump_now(sections))


def sections_for_model(model):
    meta = model._meta
    sections = registry.models.get(meta.label_lower)
    if sections is None and getattr(meta, "proxy", False):
        sections = registry.models.get(meta.concrete_model._meta.label_lower)
    if sections and EVERY_SECTION in sections:
        return all_sections()
    return sections or ()


def _model_changed(sender, raw=False, **kwargs):
    if raw:  # loaddata: the cache is not for fixtures
        return
    bump(*sections_for_model(sender))


def _m2m_changed(sender, action, instance, **kwargs):
    if action.startswith("post_"):
        bump(*sections_for_model(type(instance)))


def _connect(model):
    """Bump on every save and delete of the model and every change of its many-to-many links."""
    uid = f"pagecache:{model._meta.label_lower}"
    post_save.connect(_model_changed, sender=model, dispatch_uid=f"{uid}:save")
    post_delete.connect(_model_changed, sender=model, dispatch_uid=f"{uid}:delete")
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")


# How long a page may live -------------------------------------------------------------------------


def seconds_to_midnight(now=None):
    """Every page's header shows today's date, and programmes change status with the date."""
    now = timezone.localtime(now)
    tomorrow = (now + timezone.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (tomorrow - now).total_seconds()


def _schedule_name(section):
    return f"{section}~schedule"


def reschedule(*sections):
    """The next scheduled change of these sections may have moved (an article scheduled, or its
    time changed): their next_change() is asked again. Unlike bump(), the pages already stored
    stay: the caller bumps the pages that show the scheduled object."""
    bump(*(_schedule_name(section) for section in sections))


def next_change(section, generation, schedule=None):
    """When the section's pages next change without a save (a Unix time), or None.

    Asked of the section's own next_change() once per generation of the section and of its
    schedule (reschedule()): scheduling or rescheduling an article saves it, so the stored answer
    is never older than the last change to the schedule. Kept under one fixed name with the
    generations it was asked under, so that a render's batch fetches it with the rest.
    """
    source = registry.sections.get(section)
    if source is None:
        return None
    key = f"{NEXT_CHANGE_PREFIX}{section}"
    asked = (generation, schedule)
    stored = cachebatch.get(key, learn=True)
    now = time.time()
    if stored is not None and stored[0] == asked and (stored[1] == 0 or stored[1] > now):
        return stored[1] or None
    moment = source()
    value = moment.timestamp() if moment is not None else 0
    timeout = max(1, math.ceil(value - now)) if value else default_seconds()
    cachebatch.store(key, (asked, value), min(timeout, 24 * 3600))
    return value or None


def page_seconds(sections, gens):
    seconds = min(default_seconds(), seconds_to_midnight())
    scheduled = [(s, g) for s, g in zip(sections, gens, strict=True) if registry.sections.get(s)]
    if scheduled:
        schedules, _ = generations([_schedule_name(s) for s, _ in scheduled], learn=True)
        for (section, generation), schedule in zip(scheduled, schedules, strict=True):
            upcoming = next_change(section, generation, schedule)
            if upcoming is not None:
                seconds = min(seconds, upcoming - time.time())
    return seconds


# What a view says about itself ---------------------------------------------------------------


def reads_query(*names):
    """Declares the query parameters a function view reads (a class-based view, or a feed, sets
    `query_params` instead); for the page cache, every other parameter is noise."""

    def declare(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)

        wrapper.query_params = frozenset(names)
        return wrapper

    return declare


def depends_on(request, *names):
    """The page being rendered shows these objects (e.g. "news.article:<slug>"): it stays current
    while their generations do, whatever happens to the rest of its sections. bump(name) makes it
    stale. Call it before reading the objects: the generations are read now, so an edit that
    lands while the page renders makes the stored page stale at once."""
    objects = getattr(request, "_pagecache_objects", None)
    names = [name for name in names if objects is not None and name not in objects]
    if not names:
        return
    try:
        gens, _ = generations(names)
    except Exception:
        logger.warning("Page cache: object generations unreadable", exc_info=True)
        gens = (None,) * len(names)
    # None (the cache did not answer) keeps the page from being stored.
    objects.update(zip(names, gens, strict=True))
