"""Template helpers shared by every app: Vietnamese dates, pictures and recurring blocks."""

from django import template
from django.urls import reverse
from django.utils import timezone

from core import memo
from core.renditions import picture_html
from core.seo import PageMeta, iso
from core.seo import breadcrumb_jsonld as breadcrumb_data
from federation import menu, shell
from federation.workers.models import ExemplaryWorker

register = template.Library()

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def weekday_vi(value):
    return WEEKDAYS[value.weekday()]


@register.simple_tag(takes_context=True)
def site_header(context):
    """The page's header, kept per what it shows (federation.shell)."""
    return shell.header(context)


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The page's footer, kept per what it shows (federation.shell)."""
    return shell.footer(context)


@register.simple_tag
def today_vi():
    """ "Thứ Năm, 26/11/2026", in the site's time zone."""
    today = timezone.localdate()
    return f"{weekday_vi(today)}, {today:%d/%m/%Y}"


@register.simple_tag
def picture(fieldfile, profile, use="card", alt="", sizes="100vw", lazy=True, css_class=""):
    """A responsive <picture> (WebP with a JPEG fallback) from an image's renditions."""
    return picture_html(
        fieldfile, profile, use, alt=alt, sizes=sizes, lazy=lazy, css_class=css_class
    )


@register.simple_tag(takes_context=True)
def breadcrumb_jsonld(context, trail):
    """The breadcrumbs below the home page as JSON-LD (escaped as every JSON-LD block is)."""
    data = breadcrumb_data(context["request"], [("Trang chủ", reverse("home")), *trail])
    return PageMeta(title="", jsonld=[data]).jsonld_html


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main menu (federation.menu): the current section is the view's `menu_current`, or
    else the address itself."""
    request = context.get("request")
    current = context.get("menu_current") or (request.path if request else "")
    return {"items": menu.main_menu(current)}


SPOTLIGHT_SIZE = 4


@register.simple_tag
def featured_workers(limit=SPOTLIGHT_SIZE):
    """The home page's block of featured exemplary workers: two queries, whatever the count, and
    one render, once per change to the profiles (a saved profile or honour bumps the "workers"
    section)."""

    def context():
        featured = ExemplaryWorker.objects.published().filter(featured=True).for_cards()
        return {"workers": list(featured[:limit])}

    return memo.rendered(
        f"featured-workers:{limit}:html", ("workers",), "includes/worker_spotlight.html", context
    )


@register.filter(name="iso")
def iso_time(value):
    """<time datetime>: "2021-04-08T02:04:00+07:00". HTML refuses the microseconds that
    |date:"c" writes for any time saved with timezone.now()."""
    return iso(value)


@register.filter
def lockout_minutes(value):
    """A timedelta as whole minutes, rounded up: "Hãy thử lại sau 30 phút"."""
    seconds = value.total_seconds() if hasattr(value, "total_seconds") else float(value or 0)
    return max(1, -(-int(seconds) // 60))
