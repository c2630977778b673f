"""Template tags of the agreements app: the admin index box of what needs attention."""

from django import template

from agreements.reminders import reminders

register = template.Library()


@register.inclusion_tag("agreements/admin/dashboard_box.html", takes_context=True)
def agreements_dashboard(context):
    """Programmes expiring soon and tasks past their due date, for staff on the admin index."""
    request = context.get("request")
    if request is None or not request.user.is_staff:
        return {"show": False}
    return {"show": True, "reminders": reminders()}
