"""Migration operations shared by the apps: PostgreSQL trigram indexes on search columns."""

from django.db import migrations


def trigram_indexes(indexes):
    """A RunPython that creates (and on reverse drops) GIN trigram indexes, PostgreSQL only:
    `indexes` is a list of (index name, table, column). SQLite has no such index and needs none."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, column in indexes:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, _, _ in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop)
