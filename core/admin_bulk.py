"""A bulk action of the admin's change lists: one change applied to each chosen row, and the
editor told how many were changed."""

from django.contrib import messages


def apply_each(request, rows, change, done):
    """Call change(row) for each row, then say `done` with {count} filled in."""
    count = 0
    for row in rows:
        change(row)
        count += 1
    messages.success(request, done.format(count=count))
