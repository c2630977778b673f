"""Abstract models the apps build on: when a row was made and last changed (Stamped), and by whom
(Authored). No tables of their own: each app's model holds the columns."""

from django.conf import settings
from django.db import models


class Stamped(models.Model):
    """When the row was made and last saved."""

    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True


class Authored(Stamped):
    """Stamped, and who made the row and who saved it last (the admin fills both: see
    core.admin_stamps). The accounts may go; the row stays, naming nobody."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người tạo",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người sửa gần nhất",
    )

    class Meta:
        abstract = True
