"""On PostgreSQL, trigram GIN indexes on the folded search columns of agreements (as for news)."""

from django.db import migrations

INDEXES = [
    ("agreements_agreement_search_text_trgm", "agreements_agreement", "search_text"),
    ("agreements_agreement_search_title_trgm", "agreements_agreement", "search_title"),
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
    dependencies = [("agreements", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
