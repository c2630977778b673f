"""manage.py restore ARCHIVE: load a backup into an empty database and put its files back."""

from django.core.management.base import BaseCommand

from core.backup import files_label, summary
from core.restore import restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu (manage.py backup) vào cơ sở dữ liệu trống: kiểm tra mã kiểm "
        "tra, nạp cơ sở dữ liệu, chép lại ảnh và văn bản, rồi đối chiếu số bản ghi."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="tệp .tar.gz do manage.py backup tạo")
        parser.add_argument(
            "--force",
            action="store_true",
            help="khôi phục cả khi cơ sở dữ liệu đang có dữ liệu: XÓA TOÀN BỘ dữ liệu hiện có",
        )

    def handle(self, *args, archive, force, **options):
        restored = restore_backup(archive, force=force, log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Đã khôi phục xong, số bản ghi khớp bản sao lưu:"))
        # The rows a person checks first: what the apps registered, then the accounts.
        for label, name in [*summary(), ("auth.user", "tài khoản")]:
            self.stdout.write(f"  {restored.counts.get(label, 0)} {name}")
        files = files_label(restored.files)
        self.stdout.write(f"  {files} (mã kiểm tra khớp)")
