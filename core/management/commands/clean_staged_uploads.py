"""Delete the uploads kept for returned forms once they are a day old (for a daily timer)."""

from django.core.management.base import BaseCommand

from core import staging


class Command(BaseCommand):
    help = "Xóa các tệp tải lên tạm (giữ lại cho biểu mẫu bị báo lỗi) đã quá một ngày."

    def handle(self, *args, **options):
        deleted = staging.clean_expired()
        self.stdout.write(self.style.SUCCESS(f"Đã xóa {deleted} tệp tạm quá một ngày."))
