"""Rebuild the search columns of everything the site search finds (after an upgrade that
changes how text is indexed, or after a bulk import that bypassed save())."""

from django.apps import apps
from django.core.management.base import BaseCommand

from core.search import Searchable

BATCH = 500


class Command(BaseCommand):
    help = "Tạo lại chỉ mục tìm kiếm cho tin bài, chương trình phối hợp và hồ sơ điển hình."

    def handle(self, *args, **options):
        for model in apps.get_models():
            if not issubclass(model, Searchable) or model._meta.proxy:
                continue
            total = model._default_manager.count()
            label = model._meta.verbose_name_plural
            done, batch = 0, []
            for obj in model._default_manager.order_by("pk").iterator(chunk_size=BATCH):
                obj.compute_search_columns()
                batch.append(obj)
                if len(batch) == BATCH:
                    model._default_manager.bulk_update(batch, Searchable.SEARCH_COLUMNS)
                    done += len(batch)
                    batch = []
                    self.stdout.write(f"  {label}: {done}/{total}")
            if batch:
                model._default_manager.bulk_update(batch, Searchable.SEARCH_COLUMNS)
                done += len(batch)
            self.stdout.write(self.style.SUCCESS(f"• {label}: đã lập chỉ mục {done} mục"))
