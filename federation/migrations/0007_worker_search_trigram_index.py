"""On PostgreSQL, trigram GIN indexes on the folded search columns of worker profiles (as for news
and agreements). SQLite has no such index and needs none for demo sizes."""

from django.db import migrations

from core.migration_ops import trigram_indexes

INDEXES = [
    ("federation_worker_search_text_trgm", "federation_exemplaryworker", "search_text"),
    ("federation_worker_search_title_trgm", "federation_exemplaryworker", "search_title"),
]


class Migration(migrations.Migration):
    dependencies = [("federation", "0006_siteprofile_logo_clean_image")]
    operations = [trigram_indexes(INDEXES)]
