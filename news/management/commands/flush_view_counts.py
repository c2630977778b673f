"""Move the read counts waiting in Redis (or in memory) into the database (for cron or a timer)."""

from django.core.management.base import BaseCommand

from news import popularity


class Command(BaseCommand):
    help = (
        "Ghi số lượt đọc (và lượt tải văn bản) đang chờ trong Redis hoặc bộ nhớ vào cơ sở dữ liệu. "
        "Chạy định kỳ, ví dụ 5 phút một lần."
    )

    def handle(self, *args, **options):
        counts = popularity.flush_all()
        written = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(f"Đã ghi {written} vào cơ sở dữ liệu.")
