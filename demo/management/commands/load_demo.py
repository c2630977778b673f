"""Load the demo content: idempotent, so `make run` can call it every time."""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo import advice as advice_demo
from demo import agreements as agreements_demo
from demo import documents as documents_demo
from demo import federation as federation_demo
from demo import news as news_demo
from demo import news_workflow as news_demo_workflow
from demo import partner_feeds as partner_feeds_demo
from demo import royalty as royalty_demo
from demo import topics as topics_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy lại nhiều lần không tạo bản trùng) và in tài khoản dùng thử."

    def load_accounts(self):
        self.accounts = federation_demo.load_accounts()
        return f"{len(self.accounts)} tài khoản"

    def handle(self, *args, **options):
        steps = [
            ("Thông tin đơn vị", federation_demo.load_site_profile),
            ("Tài khoản theo vai trò", self.load_accounts),
            ("Tin tức", news_demo.load_news),
            ("Chuyên đề", topics_demo.load_topics),
            ("Điển hình tiên tiến", federation_demo.load_workers),
            ("Chương trình phối hợp", agreements_demo.load_agreements),
            ("Thư viện văn bản", documents_demo.load),
            ("Hỏi đáp pháp luật", advice_demo.load),
            ("Nguồn tin cho đối tác, bài đăng lại", partner_feeds_demo.load_partner_feeds),
            ("Bài viết theo quy trình duyệt", news_demo_workflow.load_workflow),
            ("Lượt đọc mẫu", news_demo.load_reads),
            ("Bút danh, nhuận bút, chỉ tiêu", royalty_demo.load_royalty),
        ]
        for label, step in steps:
            self.stdout.write(f"• {label}…", ending="")
            self.stdout.flush()
            with transaction.atomic():
                result = step()
            # A step may return a short summary (a string) to print after "xong".
            self.stdout.write(f" xong ({result})" if isinstance(result, str) else " xong")
        self.stdout.write(self.style.SUCCESS("\nTài khoản dùng thử (đăng nhập tại /quan-tri/):"))
        for username, password, role in self.accounts:
            self.stdout.write(f"  {username:<14} mật khẩu: {password:<16} vai trò: {role}")
