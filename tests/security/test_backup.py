"""manage.py backup and restore: a full round trip loses nothing (every row of every table, every
file, byte for byte), and restore refuses what would destroy data or what is not a sound backup."""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from agreements.models import Agreement, AgreementTask
from core import backup
from federation.models import SiteProfile
from federation.workers.models import ExemplaryWorker, Honour
from news.models import Article, Photo
from news.workflow import publish
from tests.factories import (
    image_upload,
    make_agreement,
    make_article,
    make_correspondent,
    make_editor,
    make_officer,
    make_partner,
    make_period,
    make_photo,
    make_task,
    make_worker,
    pdf_bytes,
    pdf_upload,
)

# pg_dump reads through its own connection: the rows must really be committed.
pytestmark = pytest.mark.django_db(transaction=True)


def build_site():
    """Articles with photos and tags, programmes with tasks and PDFs, profiles with honours and
    portraits, people in every role, and the history all of that left behind."""
    editor = make_editor(username="bientap")
    writer = make_correspondent(username="congtacvien")
    make_officer(username="canbo")
    profile = SiteProfile.load()
    profile.logo = image_upload("logo.png", width=256, height=256)
    profile.save()
    articles = []
    for n, title in enumerate(
        ["Công đoàn Đà Lạt chăm lo Tết cho đoàn viên", "Hội thao công nhân Khu công nghiệp Lộc Sơn"]
    ):
        article = make_article(
            title=title,
            body="<p>Nội dung có <strong>chữ đậm</strong> và ảnh.</p>",
            tags=["công đoàn", f"thẻ {n}"],
            created_by=writer,
            byline="MINH ANH",
        )
        make_photo(article=article, is_cover=True, caption="Ảnh đại diện", order=0)
        make_photo(
            article=article, caption="Ảnh thứ hai", order=1, image=image_upload(color=(200, 30, 30))
        )
        articles.append(article)
    draft = make_article(title="Bài nháp chưa đăng", status=Article.Status.DRAFT, published_at=None)
    publish(article=draft, by=editor)
    paper = make_partner(name="Báo Lâm Đồng", logo=image_upload("bao.png", width=300, height=300))
    public = make_agreement(
        title="Chương trình phối hợp 2024–2026",
        partners=[paper],
        document=pdf_upload("ban-ky.pdf", pdf_bytes(pages=3)),
        full_text="<p>Toàn văn chương trình.</p>",
    )
    public.related_articles.add(articles[0])
    make_task(agreement=public, title="Mở chuyên mục công đoàn", progress="done")
    task = make_task(
        agreement=public, title="Đưa tin Tháng Công nhân", responsible="partner", partner=paper
    )
    task.related_articles.add(articles[1])
    make_agreement(
        title="Chương trình nội bộ",
        visibility=Agreement.Visibility.OFFICERS,
        renews=public,
        document=pdf_upload("noi-bo.pdf"),
    )
    period = make_period(start_year=2020, end_year=2025)
    for name in ["Nguyễn Thị Hoa", "K'Điệp"]:
        worker = make_worker(
            full_name=name,
            portrait=image_upload("chan-dung.jpg", width=480, height=600),
            honours=[(period, "Chiến sĩ thi đua cơ sở", 2022), (period, "Bằng khen", 2024)],
        )
        worker.related_articles.add(articles[0])


def comparable(value):
    """A related row by its natural key when it has one (its id may change in a restore)."""
    if hasattr(value, "natural_key"):
        return ["natural", *[str(part) for part in value.natural_key()]]
    return value.pk


def snapshot():
    """Every row of every table a backup carries, and the bytes of every file."""
    tables = {}
    for model in apps.get_models():
        opts = model._meta
        if opts.proxy or backup._excluded(opts.label_lower):
            continue
        natural = hasattr(model, "natural_key")
        rows = []
        for obj in model._base_manager.all():
            row = {}
            for field in opts.concrete_fields:
                if field.primary_key and natural:
                    continue
                if field.is_relation:
                    target = getattr(obj, field.name)
                    row[field.name] = None if target is None else comparable(target)
                else:
                    row[field.name] = field.value_to_string(obj)
            for field in opts.many_to_many:
                if field.remote_field.through._meta.auto_created:
                    row[field.name] = sorted(
                        map(json.dumps, map(comparable, getattr(obj, field.name).all()))
                    )
            rows.append(json.dumps(row, sort_keys=True, ensure_ascii=False))
        tables[opts.label_lower] = sorted(rows)
    files = {}
    for name, setting in backup.FOLDERS.items():
        root = Path(getattr(settings, setting))
        for path in sorted(root.rglob("*")):
            if path.is_file():
                files[f"{name}/{path.relative_to(root)}"] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return tables, files


def wipe():
    """What a lost server leaves: an empty database (migrated) and no files."""
    call_command("flush", interactive=False, verbosity=0)
    for setting in backup.FOLDERS.values():
        shutil.rmtree(getattr(settings, setting), ignore_errors=True)


@pytest.mark.parametrize("use_json", [False, True], ids=["default", "json"])
def test_backup_then_restore_into_an_empty_site_gives_everything_back(tmp_path, use_json):
    build_site()
    tables, files = snapshot()
    assert Article.objects.count() == 3 and Photo.objects.count() == 4
    assert Agreement.objects.count() == 2 and AgreementTask.objects.count() == 2
    assert ExemplaryWorker.objects.count() == 2 and Honour.objects.count() == 4
    assert any(name.startswith("private/agreements/") for name in files)
    assert any(name.startswith("media/renditions/") for name in files)

    out = io.StringIO()
    args = ["--json"] if use_json else []
    call_command("backup", str(tmp_path / "sao-luu"), *args, stdout=out)
    (archive,) = tmp_path.glob("sao-luu*.tar.gz")
    expected_format = "pg_dump" if backup.can_use_pg_dump() and not use_json else "json"
    assert f"cơ sở dữ liệu ({expected_format}," in out.getvalue()
    assert "Đang sao lưu" in out.getvalue()

    wipe()
    assert Article.objects.count() == 0 and not Path(settings.MEDIA_ROOT).exists()

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Đã khôi phục xong" in out.getvalue()
    assert "3 bài viết" in out.getvalue() and "2 chương trình phối hợp" in out.getvalue()

    restored_tables, restored_files = snapshot()
    for label, rows in tables.items():
        assert restored_tables[label] == rows, label
    assert restored_files == files


def test_the_restored_site_works(client, tmp_path):
    build_site()
    call_command("backup", str(tmp_path / "a.tar.gz"), stdout=io.StringIO())
    wipe()
    call_command("restore", str(tmp_path / "a.tar.gz"), stdout=io.StringIO())
    article = Article.objects.published().get(slug="cong-doan-da-lat-cham-lo-tet-cho-doan-vien")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Ảnh đại diện" in page
    cover = article.photos.get(is_cover=True)
    assert Path(cover.image.path).is_file()
    assert "/tim-kiem/" in client.get("/tim-kiem/?q=cong+doan").content.decode()
    client.force_login(make_officer(username="canbo-moi"))
    internal = Agreement.objects.get(title="Chương trình nội bộ")
    pdf = client.get(internal.get_document_url())
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_manifest_has_row_counts_and_a_checksum_for_every_file(tmp_path):
    build_site()
    call_command("backup", str(tmp_path / "a.tar.gz"), stdout=io.StringIO())
    with tarfile.open(tmp_path / "a.tar.gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        members = {m.name for m in tar.getmembers()}
        for name, info in manifest["files"].items():
            data = tar.extractfile(name).read()
            assert hashlib.sha256(data).hexdigest() == info["sha256"]
    assert manifest["counts"]["news.article"] == 3
    assert manifest["counts"]["agreements.agreementtask"] == 2
    assert manifest["counts"]["news.historicalarticle"] > 0
    assert "contenttypes.contenttype" not in manifest["counts"]
    assert members == {"manifest.json", manifest["database"]["file"], *manifest["files"]}


def test_restore_refuses_a_database_that_holds_content(tmp_path):
    build_site()
    call_command("backup", str(tmp_path / "a.tar.gz"), stdout=io.StringIO())
    make_article(title="Bài viết mới sau bản sao lưu")
    before = snapshot()
    with pytest.raises(CommandError, match="Cơ sở dữ liệu đang có dữ liệu .*bài viết"):
        call_command("restore", str(tmp_path / "a.tar.gz"), stdout=io.StringIO())
    assert snapshot() == before


def test_restore_with_force_replaces_the_content(tmp_path):
    build_site()
    call_command("backup", str(tmp_path / "a.tar.gz"), stdout=io.StringIO())
    tables, files = snapshot()
    make_article(title="Bài viết mới sau bản sao lưu")
    call_command("restore", str(tmp_path / "a.tar.gz"), "--force", stdout=io.StringIO())
    assert not Article.objects.filter(title="Bài viết mới sau bản sao lưu").exists()
    assert snapshot()[0] == tables


def rewrite(archive, change):
    """A copy of the archive with change(name, data) -> data applied to each member."""
    changed = archive.with_name("da-sua.tar.gz")
    with tarfile.open(archive) as source, tarfile.open(changed, "w:gz") as target:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            if data is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return changed


def test_restore_refuses_a_damaged_archive_and_changes_nothing(tmp_path):
    build_site()
    call_command("backup", str(tmp_path / "a.tar.gz"), stdout=io.StringIO())
    wipe()
    damaged = rewrite(
        tmp_path / "a.tar.gz",
        lambda name, data: data[:-10] + b"0123456789" if name.startswith("private/") else data,
    )
    with pytest.raises(CommandError, match="mã kiểm tra không khớp"):
        call_command("restore", str(damaged), stdout=io.StringIO())
    assert Article.objects.count() == 0
    assert not Path(settings.MEDIA_ROOT).exists()


@pytest.mark.parametrize(
    "name", ["media/../../thoat-ra.txt", "/etc/thoat-ra.txt", "khac/thoat-ra.txt", "media/a\\..\\b"]
)
def test_restore_refuses_an_archive_that_would_write_outside_its_folders(tmp_path, name):
    evil = tmp_path / "doc-hai.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        for member, data in [(name, b"xin chao"), ("manifest.json", b"{}")]:
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="mục không hợp lệ"):
        call_command("restore", str(evil), stdout=io.StringIO())
    assert not list(tmp_path.parent.rglob("thoat-ra.txt"))


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    not_a_backup = tmp_path / "anh.tar.gz"
    not_a_backup.write_bytes(b"day khong phai la tep nen")
    with pytest.raises(CommandError, match="Không đọc được tệp sao lưu"):
        call_command("restore", str(not_a_backup), stdout=io.StringIO())


def test_backup_never_overwrites_an_earlier_backup(tmp_path):
    make_article()
    call_command("backup", str(tmp_path / "a.tar.gz"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="đã có"):
        call_command("backup", str(tmp_path / "a.tar.gz"), stdout=io.StringIO())
