"""Abstract models the apps build on: when a row was made and last changed (Stamped), and by whom
(Authored), with the column that names a person who did something to a row (person_field). No
tables of their own: each app's model holds the columns."""

from django.conf import settings
from django.db import models


def person_field(verbose_name, **options):
    """Who did something to the row (made, approved, deleted it…). The account may go; the row
    stays, naming nobody. Options override the defaults (`editable=False` for what the code
    records, a `related_name` to reach the rows from the user)."""
    options = {"null": True, "blank": True, "related_name": "+", **options}
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, verbose_name=verbose_name, **options
    )


class Stamped(models.Model):
    """When the row was made and last saved."""

    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True


class Authored(Stamped):
    """Stamped, and who made the row and who saved it last (the admin fills both: see
    core.admin_stamps)."""

    created_by = person_field("người tạo")
    updated_by = person_field("người sửa gần nhất")

    class Meta:
        abstract = True
