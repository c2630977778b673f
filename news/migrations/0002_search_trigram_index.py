"""On PostgreSQL, trigram GIN indexes on the folded search columns, so that LIKE '%term%'
stays fast at 100,000 articles. SQLite has no such index and needs none for demo sizes."""

from django.db import migrations

INDEXES = [
    ("news_article_search_text_trgm", "news_article", "search_text"),
    ("news_article_search_title_trgm", "news_article", "search_title"),
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
    dependencies = [("news", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
