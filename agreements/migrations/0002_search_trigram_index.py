"""On PostgreSQL, trigram GIN indexes on the folded search columns of agreements (as for news)."""

from django.db import migrations

from core.migration_ops import trigram_indexes

INDEXES = [
    ("agreements_agreement_search_text_trgm", "agreements_agreement", "search_text"),
    ("agreements_agreement_search_title_trgm", "agreements_agreement", "search_title"),
]


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]
    operations = [trigram_indexes(INDEXES)]
