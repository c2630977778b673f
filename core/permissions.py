"""What each role group may do in the admin. Each app grants its own permissions from its
AppConfig.ready(); they are assigned after every `migrate`, so that the groups are complete on every
install, including models added later. This module names no app."""

from django.db.models.signals import post_migrate

from core import roles

ACTIONS = ("add", "change", "delete", "view")

# role → {(app_label, codename)}, filled by the apps.
_granted = {name: set() for name in roles.ALL}


def model_permissions(app_label, models, actions=ACTIONS):
    """ "app_label.action_model" for every action on every model (lowercase model names)."""
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


def grant(role, *permissions):
    """Give a role group these permissions ("app_label.codename")."""
    for permission in permissions:
        app_label, codename = permission.split(".", 1)
        _granted.setdefault(role, set()).add((app_label, codename))


def role_permissions():
    """{role: [(app_label, codename), …]}: every role group, with what the apps granted it."""
    return {role: sorted(perms) for role, perms in _granted.items()}


def assign_role_permissions(using="default", **kwargs):
    """Runs after each app's migrations (permissions of later apps appear as they come), so it
    is cheap: one query for every permission, then one set() per group."""
    from django.contrib.auth.models import Group, Permission

    wanted = role_permissions()
    labels = {app for perms in wanted.values() for app, _ in perms}
    available = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.using(using)
        .filter(content_type__app_label__in=labels)
        .select_related("content_type")
    }
    for name, perms in wanted.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set([available[key] for key in perms if key in available])


def connect():
    post_migrate.connect(assign_role_permissions, dispatch_uid="federation-role-permissions")
