"""Blank the contact (email or phone) of questions closed long enough ago (for a daily timer)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from advice import services
from advice.models import Question


class Command(BaseCommand):
    help = (
        "Xóa email/số điện thoại của người hỏi ở các câu hỏi đã đóng (đã đăng hoặc không đăng) "
        "quá số ngày lưu giữ (ADVICE_CONTACT_RETENTION_DAYS). Chạy hằng ngày."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Số ngày lưu giữ sau khi câu hỏi đóng (mặc định: ADVICE_CONTACT_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không xóa.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.ADVICE_CONTACT_RETENTION_DAYS if days is None else max(0, days)
        if dry_run:
            cutoff = timezone.now() - timezone.timedelta(days=days)
            count = Question.objects.closed_before(cutoff).exclude(contact="").count()
            self.stdout.write(
                f"Sẽ xóa thông tin liên hệ của {count} câu hỏi đã đóng quá {days} ngày."
            )
            return
        count = services.purge_contacts(older_than_days=days)
        self.stdout.write(f"Đã xóa thông tin liên hệ của {count} câu hỏi đã đóng quá {days} ngày.")
