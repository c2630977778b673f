"""Move the read counts waiting in Redis (or in memory) into the database (for cron or a timer)."""

from django.core.management.base import BaseCommand

from news import popularity


class Command(BaseCommand):
    help = (
        "Ghi số lượt đọc đang chờ (trong Redis hoặc bộ nhớ) vào cơ sở dữ liệu. "
        "Chạy định kỳ, ví dụ 5 phút một lần."
    )

    def handle(self, *args, **options):
        count = popularity.flush_view_counts()
        self.stdout.write(f"Đã ghi {count} lượt đọc vào cơ sở dữ liệu.")
