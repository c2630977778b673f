"""The header and the footer of every public page, rendered once per what they show and kept in
this process.

Every page built them anew: the site profile's fields, the date, the menu and a dozen addresses,
more than a millisecond of Django's template engine on each cold render, for HTML that changes a
few times a day. Each is kept under a stamp of everything it shows: every field of the site
profile, the site's date (the header) or year (the footer), and the menu's items with the current
one marked (the header). The profile and the menu's categories are read from the cache on every
render (core.cachebatch) as before, so a change made in another process changes the stamp here
on the next request: nothing is kept past what it shows. The search box's text is the only part
of the header that belongs to one request; it goes in after.

A signed-in user's header greets them and carries the logout form's CSRF token: it is rendered
every time, never kept.
"""

import threading
from collections import OrderedDict

from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from federation import menu
from federation.models import SiteProfile

HEADER = "includes/header.html"
FOOTER = "includes/footer.html"
# Stamps kept at most: a menu item current or not, per day, per profile; a few dozen in practice.
KEPT = 256
# Where the search box's text goes in a kept header: a string no query escapes into.
QUERY = "\x1fo-tim-kiem\x1f"

_kept = OrderedDict()
_lock = threading.Lock()


def _profile_stamp(profile):
    values = (f.value_from_object(profile) for f in SiteProfile._meta.concrete_fields)
    return tuple(v.name if isinstance(v, FieldFile) else v for v in values)


def _kept_html(stamp, render):
    with _lock:
        html = _kept.get(stamp)
        if html is not None:
            _kept.move_to_end(stamp)
            return html
    html = render()
    with _lock:
        _kept[stamp] = html
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return html


def _render(context, name, **values):
    template = context.template.engine.get_template(name)
    with context.push(**values):
        return template.render(context)


def _menu_current(context):
    """What the main menu marks as current (federation_tags.main_menu reads the same)."""
    request = context.get("request")
    return context.get("menu_current") or (request.path if request else "")


def header(context):
    user = context.get("user")
    if user is None or user.is_authenticated:
        return _render(context, HEADER)
    items = menu.main_menu(_menu_current(context))
    stamp = (
        HEADER,
        _profile_stamp(context["site_profile"]),
        timezone.localdate(),
        tuple((item.label, item.url, item.current) for item in items),
    )
    html = _kept_html(stamp, lambda: _render(context, HEADER, search_query=QUERY))
    query = context.get("search_query")
    return SafeString(html.replace(QUERY, conditional_escape(query) if query else ""))


def footer(context):
    stamp = (FOOTER, _profile_stamp(context["site_profile"]), timezone.localdate().year)
    return _kept_html(stamp, lambda: _render(context, FOOTER))


def forget():
    """Drop every kept header and footer (tests; a deploy starts new processes anyway)."""
    with _lock:
        _kept.clear()
