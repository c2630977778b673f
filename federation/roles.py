"""The roles of the editorial workflow, as groups that exist on every install."""

EDITORS = "Biên tập viên"
CORRESPONDENTS = "Cộng tác viên"
OFFICERS = "Cán bộ công đoàn"
# Legal officers answer workers' questions in the admin (advice); created by advice's migration.
LEGAL_OFFICERS = "Tư vấn pháp luật"

ALL = [EDITORS, CORRESPONDENTS, OFFICERS, LEGAL_OFFICERS]


def in_group(user, name):
    """Whether an active user belongs to a role group (superusers belong to every role)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(group.name == name for group in user.groups.all())


def is_officer(user):
    """Officers, and staff, may see officers-only content on the public site."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_staff or in_group(user, OFFICERS))
    )
