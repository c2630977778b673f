"""The usual kinds of documents, on every install (editors may add more), and, on PostgreSQL,
trigram GIN indexes on the folded search columns (as for news and agreements)."""

from django.db import migrations

from core.migration_ops import trigram_indexes

KINDS = [
    ("Kế hoạch", "ke-hoach"),
    ("Hướng dẫn", "huong-dan"),
    ("Nghị quyết", "nghi-quyet"),
    ("Quyết định", "quyet-dinh"),
    ("Công văn", "cong-van"),
    ("Thông báo", "thong-bao"),
    ("Chỉ thị", "chi-thi"),
    ("Biểu mẫu", "bieu-mau"),
    ("Văn bản pháp luật", "van-ban-phap-luat"),
]

INDEXES = [
    ("documents_document_search_text_trgm", "documents_document", "search_text"),
    ("documents_document_search_title_trgm", "documents_document", "search_title"),
]


def create_kinds(apps, schema_editor):
    DocumentKind = apps.get_model("documents", "DocumentKind")
    for order, (name, slug) in enumerate(KINDS, start=1):
        DocumentKind.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


def remove_kinds(apps, schema_editor):
    DocumentKind = apps.get_model("documents", "DocumentKind")
    DocumentKind.objects.filter(slug__in=[slug for _, slug in KINDS], documents=None).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [
        migrations.RunPython(create_kinds, remove_kinds),
        trigram_indexes(INDEXES),
    ]
