"""The roles of the editorial workflow, as groups that exist on every install."""

EDITORS = "Biên tập viên"
CORRESPONDENTS = "Cộng tác viên"
OFFICERS = "Cán bộ công đoàn"

ALL = [EDITORS, CORRESPONDENTS, OFFICERS]


def in_group(user, *names):
    """Whether an active user belongs to one of these role groups (superusers belong to every
    role); one query whatever the number of names."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(group.name in names for group in user.groups.all())


def is_officer(user):
    """Who may see officers-only content (programmes, their documents, partner contacts): the
    officers' group, editors and superusers. Being staff is not enough: correspondents are staff,
    and are officers only when they are also in the officers' group."""
    return in_group(user, OFFICERS, EDITORS)
