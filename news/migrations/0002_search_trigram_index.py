"""On PostgreSQL, trigram GIN indexes on the folded search columns, so that LIKE '%term%'
stays fast at 100,000 articles. SQLite has no such index and needs none for demo sizes."""

from django.db import migrations

from core.migration_ops import trigram_indexes

INDEXES = [
    ("news_article_search_text_trgm", "news_article", "search_text"),
    ("news_article_search_title_trgm", "news_article", "search_title"),
]


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]
    operations = [trigram_indexes(INDEXES)]
