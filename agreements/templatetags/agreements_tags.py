"""Template tags of the agreements app: the admin index box of what needs attention, and the
home page's blocks of programmes in force and partner media."""

from django import template

from agreements.models import Agreement, Partner
from agreements.reminders import reminders
from core import memo

register = template.Library()


@register.inclusion_tag("agreements/admin/dashboard_box.html", takes_context=True)
def agreements_dashboard(context):
    """Programmes expiring soon and tasks past their due date, for staff on the admin index."""
    request = context.get("request")
    if request is None or not request.user.is_staff:
        return {"show": False}
    return {"show": True, "reminders": reminders()}


HOME_PROGRAMMES = 4
HOME_PARTNERS = 8


@register.simple_tag
def programmes_in_force(limit=HOME_PROGRAMMES):
    """The public programmes in force today, the latest signed first: read and rendered once per
    change to the programmes and per day (core.memo)."""

    def context():
        agreements = (
            Agreement.objects.public()
            .in_force()
            .order_by("-valid_from", "-pk")
            .only("title", "slug", "valid_from", "valid_until", "visibility")[:limit]
        )
        return {"agreements": list(agreements)}

    return memo.rendered(
        f"programmes-in-force:{limit}:html",
        ("agreements",),
        "agreements/includes/home_in_force.html",
        context,
        daily=True,
    )


@register.simple_tag
def partner_logos(limit=HOME_PARTNERS):
    """The partner media that still exist, with their logos: read and rendered once per change to
    the partners and per day (core.memo)."""

    def context():
        partners = (
            Partner.objects.exclude(logo="")
            .filter(Partner.period_status.current())
            .only("name", "short_name", "slug", "logo", "logo_width", "logo_height")[:limit]
        )
        return {"partners": list(partners)}

    return memo.rendered(
        f"partner-logos:{limit}:html",
        ("agreements",),
        "agreements/includes/home_partners.html",
        context,
        daily=True,
    )
