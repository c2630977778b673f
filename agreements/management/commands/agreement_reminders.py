"""Email staff the programmes about to expire and the tasks past their due date (for cron)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

from agreements.reminders import reminders
from federation.models import SiteProfile


class Command(BaseCommand):
    help = (
        "Gửi email cho quản trị viên: chương trình phối hợp sắp hết hạn, nhiệm vụ quá hạn "
        "hoặc chưa đạt chỉ tiêu tin bài. "
        "Dùng cài đặt email của Django; không có gì cần nhắc thì không gửi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default="",
            help="Địa chỉ trang web (ví dụ https://congdoan.lamdong.gov.vn) để thư có liên kết.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ in ra nội dung, không gửi email."
        )

    def handle(self, *args, site_url, dry_run, **options):
        found = reminders()
        if not found:
            self.stdout.write(
                "Không có chương trình nào sắp hết hạn, không có nhiệm vụ nào quá hạn hay chưa "
                "đạt chỉ tiêu: không gửi email."
            )
            return
        recipients = list(
            get_user_model()
            .objects.filter(is_staff=True, is_active=True)
            .exclude(email="")
            .order_by("pk")
            .values_list("email", flat=True)
        )
        self.stdout.write(
            f"{len(found.expiring)} chương trình sắp hết hạn, "
            f"{len(found.overdue)} nhiệm vụ quá hạn, "
            f"{len(found.behind)} nhiệm vụ chưa đạt chỉ tiêu."
        )
        if not recipients:
            self.stdout.write(
                self.style.WARNING("Không có quản trị viên nào có email: không gửi email.")
            )
            return
        profile = SiteProfile.load()
        subject = (
            f"[{profile.short_name or profile.name}] {len(found.expiring)} chương trình phối hợp "
            f"sắp hết hạn, {len(found.overdue)} nhiệm vụ quá hạn, "
            f"{len(found.behind)} nhiệm vụ chưa đạt chỉ tiêu"
        )
        body = render_to_string(
            "agreements/email/reminders.txt",
            {"reminders": found, "site_url": site_url.rstrip("/"), "profile": profile},
        )
        if dry_run:
            self.stdout.write(f"Chạy thử, không gửi. Người nhận: {', '.join(recipients)}")
            self.stdout.write(f"Tiêu đề: {subject}\n\n{body}")
            return
        # One message per person, so that nobody sees the others' addresses.
        messages = [
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
            for address in recipients
        ]
        sent = get_connection().send_messages(messages) or 0
        self.stdout.write(
            self.style.SUCCESS(f"Đã gửi {sent} email nhắc việc tới: {', '.join(recipients)}")
        )
