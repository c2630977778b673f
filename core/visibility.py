"""Officers-only content: a row's "phạm vi xem" (public, or only for union officers), and the
queryset that hides the officers-only rows from everyone who is not one (core.roles.is_officer)."""

from django.db import models

from core import roles


class Visibility(models.TextChoices):
    PUBLIC = "public", "Công khai"
    OFFICERS = "officers", "Chỉ cán bộ công đoàn"


def visibility_field(help_text):
    """The "phạm vi xem" column; the help text says what an outsider then does not see."""
    return models.CharField(
        "phạm vi xem",
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=help_text,
    )


class VisibleQuerySet(models.QuerySet):
    """For a model with a `visibility` column (visibility_field)."""

    def public(self):
        """What anyone may see."""
        return self.filter(visibility=Visibility.PUBLIC)

    def visible_to(self, user):
        """Officers (roles.is_officer) also see the officers-only rows; for anyone else they do
        not exist."""
        return self.all() if roles.is_officer(user) else self.public()


class Restricted:
    """A model mixin for a model with a `visibility` column: `Model.Visibility` and `is_public`."""

    Visibility = Visibility

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLIC
