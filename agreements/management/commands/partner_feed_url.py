"""Print a partner's current feed address (making one when it has none), to send to the partner."""

from django.core.management.base import BaseCommand, CommandError

from agreements.models import Partner, PartnerFeed


class Command(BaseCommand):
    help = "In địa chỉ nguồn tin (RSS) hiện dùng của một đối tác; tạo mới nếu đối tác chưa có."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="đường dẫn (slug) của đối tác, ví dụ bao-lam-dong")
        parser.add_argument("--json", action="store_true", help="in địa chỉ JSON Feed thay vì RSS")

    def handle(self, *args, slug, json=False, **options):
        partner = Partner.objects.filter(slug=slug).first()
        if partner is None:
            raise CommandError(f"Không có đối tác nào có đường dẫn «{slug}».")
        feed = PartnerFeed.current_for(partner)
        self.stdout.write(feed.json_url() if json else feed.rss_url())
