"""What each role group may do in the admin, assigned after every `migrate` so that the groups are
complete on every install, including models added later. Codenames are named by app label: this
module imports no other app."""

from django.db.models.signals import post_migrate

from federation import roles

ACTIONS = ("add", "change", "delete", "view")

# app label → models (lowercase) whose every permission editors get.
EDITOR_MODELS = {
    "news": [
        "article", "photo", "category", "tag", "taggedarticle", "trashedarticle",
        "articleevent", "correspondent", "articleviewcount",
    ],
    "agreements": ["partner", "agreement", "agreementpartner", "agreementtask"],
    "federation": ["exemplaryworker", "honour", "honourperiod", "sector", "siteprofile"],
    "documents": ["document", "documentfile", "documentkind", "field", "issuingbody"],
    "advice": ["question"],
}  # fmt: skip
EDITOR_EXTRA = [("news", "publish_article"), ("advice", "publish_question")]

# Legal officers answer and publish questions, citing the library's documents (which they pick
# from a list: that needs the view permission); questions come only from the public form.
LEGAL_OFFICER_PERMISSIONS = [
    ("advice", "view_question"),
    ("advice", "change_question"),
    ("advice", "publish_question"),
    ("advice", "view_historicalquestion"),
    ("documents", "view_document"),
]

# Correspondents write articles with photos; they never publish (no publish_article), and the
# admin limits them to their own drafts and returned articles (news.workflow.can_edit).
CORRESPONDENT_PERMISSIONS = [
    ("news", f"{action}_{model}") for model in ("article", "photo") for action in ACTIONS
] + [("news", "view_category"), ("news", "view_tag")]


def role_permissions():
    editors = [
        (app, f"{action}_{model}")
        for app, models in EDITOR_MODELS.items()
        for model in models
        for action in ACTIONS
    ] + EDITOR_EXTRA
    # History tables: view them, and revert through the change permission of the model itself.
    editors += [
        (app, f"view_historical{model}")
        for app, model in [
            ("news", "article"),
            ("news", "photo"),
            ("agreements", "agreement"),
            ("agreements", "agreementtask"),
            ("federation", "exemplaryworker"),
            ("federation", "honour"),
            ("documents", "document"),
            ("advice", "question"),
        ]
    ]
    return {
        roles.EDITORS: editors,
        roles.CORRESPONDENTS: CORRESPONDENT_PERMISSIONS,
        roles.OFFICERS: [],
        roles.LEGAL_OFFICERS: LEGAL_OFFICER_PERMISSIONS,
    }


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
