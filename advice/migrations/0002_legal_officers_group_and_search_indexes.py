"""Create the legal officers' group "Tư vấn pháp luật" on every install (its permissions are
assigned after every migration, federation.permissions), and trigram indexes on PostgreSQL."""

from django.db import migrations

from core.migration_ops import trigram_indexes

GROUP = "Tư vấn pháp luật"

INDEXES = [
    ("advice_question_search_text_trgm", "advice_question", "search_text"),
    ("advice_question_search_title_trgm", "advice_question", "search_title"),
]


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [
        migrations.RunPython(create_group, remove_group),
        trigram_indexes(INDEXES),
    ]
