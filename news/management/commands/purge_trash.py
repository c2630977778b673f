"""Empty the trash: delete for good the articles trashed more than 30 days ago (for cron)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from news.models import TRASH_DAYS, Article


class Command(BaseCommand):
    help = f"Xóa hẳn các bài viết đã nằm trong thùng rác quá {TRASH_DAYS} ngày (chạy định kỳ)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không xóa gì.")

    def handle(self, *args, dry_run=False, **options):
        cutoff = timezone.now() - timezone.timedelta(days=TRASH_DAYS)
        expired = Article.objects.trashed().filter(deleted_at__lt=cutoff).prefetch_related("photos")
        count = 0
        for article in expired:
            self.stdout.write(f"  {'sẽ xóa' if dry_run else 'xóa'}: {article.title}")
            if not dry_run:
                files = [photo.image for photo in article.photos.all() if photo.image]
                with transaction.atomic():
                    article.delete()
                # The files go only once the rows are gone for good.
                for file in files:
                    file.delete(save=False)
            count += 1
        verb = "Sẽ xóa" if dry_run else "Đã xóa hẳn"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {count} bài quá {TRASH_DAYS} ngày trong thùng rác.")
        )
