"""On PostgreSQL, trigram GIN indexes on the folded search columns of worker profiles (as for news
and agreements). SQLite has no such index and needs none for demo sizes."""

from django.db import migrations

INDEXES = [
    ("federation_worker_search_text_trgm", "federation_exemplaryworker", "search_text"),
    ("federation_worker_search_title_trgm", "federation_exemplaryworker", "search_title"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("federation", "0006_siteprofile_logo_clean_image")]
    operations = [migrations.RunPython(create, drop)]
