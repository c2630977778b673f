"""manage.py import_articles: bring old articles across from plain-text files."""

import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from news.importer import MAX_FILE_SIZE, import_files
from news.models import Article, Category

STATUSES = {"published": Article.Status.PUBLISHED, "draft": Article.Status.DRAFT}
LIMIT_KB = MAX_FILE_SIZE // 1024


class Command(BaseCommand):
    help = (
        "Nhập bài viết cũ từ tệp văn bản UTF-8 theo khuôn bài báo: tiêu đề; thời gian "
        "«02:04, 08/04/2021»; sapo «(LĐ online) - …»; nội dung; chú thích ảnh (dòng lặp hai lần); "
        "bút danh viết hoa ở dòng cuối. Bài đã nhập (cùng tiêu đề và thời gian đăng) được bỏ qua. "
        f"Tệp nặng quá {LIMIT_KB} KB (giới hạn của trang «Nhập bài viết» trong quản trị) bị từ "
        "chối mà không đọc, các tệp khác vẫn được nhập. Khi có tệp lỗi hoặc bị từ chối, lệnh báo "
        "từng tệp và kết thúc với mã thoát 1; các bài nhập được vẫn được giữ."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="ĐƯỜNG_DẪN",
            help="Tệp .txt hoặc thư mục; với thư mục, nhập các tệp .txt nằm ngay trong đó "
            "(không đi vào thư mục con), theo thứ tự tên.",
        )
        parser.add_argument(
            "--status",
            choices=sorted(STATUSES),
            default="published",
            help="published (mặc định): đăng ngay với thời gian gốc; draft: lưu nháp để duyệt.",
        )
        parser.add_argument(
            "--category",
            metavar="SLUG",
            help="Đường dẫn (slug) của chuyên mục; mặc định là chuyên mục đứng đầu danh sách.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chạy thử: đọc và báo cáo, không ghi gì vào cơ sở dữ liệu.",
        )

    def handle(self, *args, paths, status, category, dry_run, **options):
        category = self.find_category(category)
        self.problems = []
        counts = {"created": 0, "skipped": 0, "error": 0}
        created_word = "sẽ tạo" if dry_run else "đã tạo"
        reports = import_files(
            self.read_all(map(Path, paths)),
            status=STATUSES[status],
            category=category,
            dry_run=dry_run,
        )
        for report in reports:
            counts[report.outcome] += 1
            if report.outcome == "error":
                error = report.error
                line = f"{report.name}: lỗi, dòng {error.line}: {error.message}"
                self.stdout.write(self.style.ERROR(line))
            elif report.outcome == "created":
                line = f"{report.name}: {created_word}: {report.result.article.slug}"
                self.stdout.write(self.style.SUCCESS(line))
            else:
                also = f" (trùng với {report.duplicate_of})" if report.duplicate_of else ""
                self.stdout.write(
                    f"{report.name}: bỏ qua (đã có){also}: {report.result.article.slug}"
                )
        for name, problem in self.problems:
            counts["error"] += 1
            self.stdout.write(self.style.ERROR(f"{name}: lỗi: {problem}"))

        summary = (
            f"Tổng cộng: {counts['created']} {created_word}, "
            f"{counts['skipped']} bỏ qua (đã có), {counts['error']} lỗi."
        )
        if dry_run:
            summary += " Chạy thử: không ghi gì vào cơ sở dữ liệu."
        self.stdout.write(summary)
        if counts["error"]:
            raise CommandError(
                f"Có {counts['error']} tệp không nhập được; xem các dòng «lỗi» ở trên."
            )

    def find_category(self, slug):
        if slug:
            category = Category.objects.filter(slug=slug).first()
            if category is None:
                known = ", ".join(Category.objects.values_list("slug", flat=True)) or "chưa có"
                raise CommandError(
                    f"Không có chuyên mục có đường dẫn «{slug}». Các chuyên mục hiện có: {known}."
                )
            return category
        category = Category.objects.first()
        if category is None:
            raise CommandError(
                "Chưa có chuyên mục nào: hãy tạo một chuyên mục trong trang quản trị trước khi nhập."
            )
        return category

    def read_all(self, paths):
        """(name, bytes) of each file, lazily; what cannot be read goes to self.problems."""
        for path in paths:
            if path.is_dir():
                found = sorted(
                    p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt"
                )
                if not found:
                    self.problems.append((str(path), "thư mục không có tệp .txt nào."))
            elif path.exists():
                found = [path]
            else:
                self.problems.append((str(path), "không tìm thấy tệp hoặc thư mục."))
                continue
            for file in found:
                try:
                    size = file.stat().st_size
                    if size <= MAX_FILE_SIZE:
                        # At most one byte over the limit: a file may grow, or be a pipe.
                        with file.open("rb") as handle:
                            data = handle.read(MAX_FILE_SIZE + 1)
                        if len(data) > MAX_FILE_SIZE:
                            size = max(file.stat().st_size, len(data))
                except OSError as error:
                    self.problems.append((str(file), f"không đọc được tệp ({error.strerror})."))
                    continue
                if size > MAX_FILE_SIZE:
                    self.problems.append(
                        (
                            str(file),
                            f"tệp nặng {math.ceil(size / 1024)} KB, quá giới hạn {LIMIT_KB} KB "
                            "của một bài viết; tệp này không được nhập.",
                        )
                    )
                    continue
                yield str(file), data
