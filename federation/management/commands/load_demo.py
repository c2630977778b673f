"""Load the demo content: idempotent, so `make run` can call it every time."""

from django.core.management.base import BaseCommand
from django.db import transaction

from agreements import demo as agreements_demo
from federation import demo
from news import demo as news_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy lại nhiều lần không tạo bản trùng) và in tài khoản dùng thử."

    def handle(self, *args, **options):
        steps = [
            ("Thông tin đơn vị", demo.load_site_profile),
            ("Tin tức", news_demo.load_news),
            ("Điển hình tiên tiến", demo.load_workers),
            ("Chương trình phối hợp", agreements_demo.load_agreements),
        ]
        for label, step in steps:
            self.stdout.write(f"• {label}…", ending="")
            self.stdout.flush()
            with transaction.atomic():
                result = step()
            # A step may return a short summary (a string) to print after "xong".
            self.stdout.write(f" xong ({result})" if isinstance(result, str) else " xong")
        accounts = demo.load_accounts()
        self.stdout.write(self.style.SUCCESS("\nTài khoản dùng thử (đăng nhập tại /quan-tri/):"))
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<14} mật khẩu: {password:<16} vai trò: {role}")
