"""manage.py backup DEST: the database, the media files and the private documents in one archive."""

from django.core.management.base import BaseCommand

from core.backup import create_backup, files_label


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ trang vào một tệp .tar.gz: cơ sở dữ liệu, ảnh và văn bản riêng tư, kèm "
        "danh mục số bản ghi và mã kiểm tra. DEST là tên tệp hoặc thư mục đặt tệp."
    )

    def add_arguments(self, parser):
        parser.add_argument("dest", help="tệp .tar.gz hoặc thư mục để ghi bản sao lưu")
        parser.add_argument(
            "--json",
            action="store_true",
            help="sao lưu cơ sở dữ liệu bằng dumpdata (JSON) kể cả trên PostgreSQL, để khôi phục "
            "được vào loại cơ sở dữ liệu khác",
        )

    def handle(self, *args, dest, json, **options):
        backup = create_backup(dest, use_json=json, log=self.stdout.write)
        files = files_label(backup.files)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu vào {backup.path} ({backup.size / 1024 / 1024:.1f} MB): "
                f"cơ sở dữ liệu ({backup.database_format}, {sum(backup.counts.values())} bản ghi), "
                f"{files}."
            )
        )
