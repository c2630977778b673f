"""Load the demo content: idempotent, so `make run` can call it every time."""

from django.core.management.base import BaseCommand
from django.db import transaction

from federation import demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy lại nhiều lần không tạo bản trùng) và in tài khoản dùng thử."

    def handle(self, *args, **options):
        steps = [
            ("Thông tin đơn vị", demo.load_site_profile),
            ("Điển hình tiên tiến", demo.load_workers),
        ]
        for label, step in steps:
            self.stdout.write(f"• {label}…", ending="")
            self.stdout.flush()
            with transaction.atomic():
                step()
            self.stdout.write(" xong")
        accounts = demo.load_accounts()
        self.stdout.write(self.style.SUCCESS("\nTài khoản dùng thử (đăng nhập tại /quan-tri/):"))
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<14} mật khẩu: {password:<16} vai trò: {role}")
