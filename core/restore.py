"""Restore of a whole-site backup (core.backup writes it): every checksum checked before anything
is touched, only into a database with no content unless forced, and the row counts and checksums
checked again afterwards."""

import json
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from core.backup import (
    DUMP_JSON,
    DUMP_PG,
    FOLDERS,
    FORMAT_VERSION,
    MANIFEST,
    content_models,
    folder,
    pg_env,
    pg_tool_major,
    row_counts,
    safe_member,
    sha256,
)


@dataclass
class Restore:
    database_format: str
    counts: dict
    files: dict


def content_rows():
    """{verbose name: rows} of what people created; empty for a database with nothing in it."""
    tables = set(connection.introspection.table_names())
    found = {}
    for label in content_models():
        model = apps.get_model(label)
        if model._meta.db_table in tables:
            rows = model._base_manager.count()
            if rows:
                found[str(model._meta.verbose_name_plural)] = rows
    return found


def _unpack(archive, staging):
    """Extract into staging, refusing anything unsafe or not matching the manifest."""
    hashes = {}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                name = member.name
                if name not in (MANIFEST, DUMP_PG, DUMP_JSON) and not safe_member(name):
                    raise CommandError(
                        f"Tệp sao lưu có mục không hợp lệ ({name!r}): không khôi phục."
                    )
                if not member.isfile():
                    raise CommandError(f"Tệp sao lưu có mục không phải tệp thường ({name!r}).")
                data = tar.extractfile(member).read()
                target = staging / PurePosixPath(name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                hashes[name] = sha256(data)
    except (OSError, EOFError, tarfile.TarError) as exc:
        raise CommandError(f"Không đọc được tệp sao lưu {archive}: {exc}") from exc
    if MANIFEST not in hashes:
        raise CommandError("Tệp sao lưu thiếu manifest.json: không phải bản sao lưu của trang này.")
    try:
        manifest = json.loads((staging / MANIFEST).read_text())
        if manifest.get("format") != FORMAT_VERSION:
            raise CommandError(f"Định dạng sao lưu {manifest.get('format')} không được hỗ trợ.")
        expected = {name: info["sha256"] for name, info in manifest["files"].items()}
        expected[manifest["database"]["file"]] = manifest["database"]["sha256"]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CommandError(f"manifest.json của bản sao lưu bị hỏng ({exc}).") from exc
    hashes.pop(MANIFEST)
    if hashes != expected:
        damaged = sorted(n for n in set(hashes) | set(expected) if hashes.get(n) != expected.get(n))
        raise CommandError(
            "Tệp sao lưu bị hỏng hoặc đã bị sửa: mã kiểm tra không khớp ở "
            f"{len(damaged)} mục ({', '.join(damaged[:5])}). Không có gì được khôi phục."
        )
    return manifest


def _check_files(manifest, force):
    for member, info in manifest["files"].items():
        name, relative = member.split("/", 1)
        target = folder(name) / relative
        if target.exists() and sha256(target.read_bytes()) != info["sha256"] and not force:
            raise CommandError(
                f"Tệp {target} đã có và khác bản sao lưu. Khôi phục không ghi đè tệp đang có; "
                "dùng --force nếu chắc chắn."
            )


def _restore_pg(dump, manifest):
    if connection.vendor != "postgresql":
        raise CommandError(
            "Bản sao lưu này là bản pg_dump của PostgreSQL, chỉ khôi phục được vào PostgreSQL. "
            "Để chuyển sang cơ sở dữ liệu khác, hãy sao lưu lại với --json."
        )
    needed = manifest["database"].get("pg_dump_major") or 0
    tool = pg_tool_major("pg_restore")
    if tool is None or tool < needed:
        raise CommandError(
            f"Cần chương trình pg_restore phiên bản {needed} trở lên (gói postgresql-client)."
        )
    connection.close()
    result = subprocess.run(
        [
            shutil.which("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        env=pg_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CommandError(f"pg_restore báo lỗi, cơ sở dữ liệu giữ nguyên: {result.stderr.strip()}")


def _restore_json(dump, manifest):
    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        # Rows that migrations wrote (roles, sectors) come back from the backup, with their keys.
        call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(dump), verbosity=0)
        _verify_counts(manifest)


def _verify_counts(manifest):
    counts = row_counts()
    wrong = {
        label: (rows, counts.get(label))
        for label, rows in manifest["counts"].items()
        if counts.get(label) != rows
    }
    if wrong:
        details = ", ".join(
            f"{label}: {got} thay vì {rows}" for label, (rows, got) in wrong.items()
        )
        raise CommandError(f"Số bản ghi sau khi khôi phục không khớp bản sao lưu ({details}).")


def restore_backup(archive, *, force=False, log=print):
    """Load an archive into an empty database and put its files back; returns a Restore."""
    archive = Path(archive)
    if not archive.is_file():
        raise CommandError(f"Không tìm thấy tệp sao lưu {archive}.")
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp)
        log(f"Đang kiểm tra {archive.name}…")
        manifest = _unpack(archive, staging)
        log(f"  mã kiểm tra khớp: cơ sở dữ liệu và {len(manifest['files'])} tệp.")
        existing = content_rows()
        if existing and not force:
            listed = ", ".join(f"{rows} {name}" for name, rows in existing.items())
            raise CommandError(
                f"Cơ sở dữ liệu đang có dữ liệu ({listed}). Khôi phục chỉ chạy trên cơ sở dữ liệu "
                "trống, để không ghi đè dữ liệu đang có. Hãy tạo cơ sở dữ liệu mới, hoặc thêm "
                "--force nếu chắc chắn muốn thay toàn bộ dữ liệu hiện có bằng bản sao lưu."
            )
        _check_files(manifest, force)
        database = manifest["database"]
        dump = staging / database["file"]
        log("Đang khôi phục cơ sở dữ liệu…")
        if database["format"] == "pg_dump":
            _restore_pg(dump, manifest)
            _verify_counts(manifest)
        else:
            _restore_json(dump, manifest)
        files = {name: 0 for name in FOLDERS}
        for member, info in manifest["files"].items():
            name, relative = member.split("/", 1)
            target = folder(name) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(staging / member, target)
            if sha256(target.read_bytes()) != info["sha256"]:
                raise CommandError(f"Tệp {target} ghi ra không khớp mã kiểm tra.")
            files[name] += 1
        log(f"  đã chép {sum(files.values())} tệp.")
    # Pages and the site profile cached before the restore describe another database.
    cache.clear()
    return Restore(database_format=database["format"], counts=manifest["counts"], files=files)
