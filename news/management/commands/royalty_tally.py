"""Print or write a month's author-fee tally (bảng kê nhuận bút) as CSV."""

from django.core.management.base import BaseCommand, CommandError

from news import tally
from news.royalty import RoyaltyTally, month_bounds, parse_month


class Command(BaseCommand):
    help = (
        "Bảng kê nhuận bút của một tháng, dạng CSV (Bút danh, Họ tên, Đơn vị, Tin, Bài, Ảnh, "
        "Thành tiền; dòng cuối là Tổng). Tháng đã duyệt: số liệu đã chốt; chưa duyệt: đếm lại."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="Tháng, dạng NĂM-THÁNG, ví dụ 2026-03.")
        parser.add_argument(
            "--csv", required=True, dest="path", help="Tệp CSV để ghi; «-» để in ra màn hình."
        )

    def handle(self, *args, month, path, **options):
        try:
            first = parse_month(month)
        except ValueError as error:
            raise CommandError(str(error)) from None
        stored = RoyaltyTally.objects.filter(month=first).first()
        lines = tally.tally_lines(stored) if stored else tally.count(*month_bounds(first))
        if path == "-":
            tally.write_csv(lines, self.stdout)
            return
        try:
            with open(path, "w", encoding="utf-8", newline="") as stream:
                tally.write_csv(lines, stream)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp «{path}»: {error.strerror}.") from None
        state = stored.get_status_display().lower() if stored else "chưa lập bảng kê"
        self.stderr.write(
            f"Đã ghi {len(lines)} bút danh vào {path} (tháng {first:%m/%Y}, {state})."
        )
