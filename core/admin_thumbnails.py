"""The small picture an admin list shows beside a row: photos, portraits and logos alike."""

from django.utils.html import format_html

from core.renditions import picture_html


def thumbnail(fieldfile, profile, *, alt="", sizes="96px"):
    """The image's card rendition in the admin's thumbnail frame, or a dash when there is none."""
    html = picture_html(fieldfile, profile, "card", alt=alt, sizes=sizes)
    return format_html('<span class="admin-thumb">{}</span>', html) if html else "—"
