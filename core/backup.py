"""Backup of the whole site: one .tar.gz with the database, the media files and the private
documents, and a manifest of row counts and file checksums that the restore (core.restore) verifies.

The database goes in as a pg_dump archive (custom format, one consistent snapshot) on PostgreSQL
when a pg_dump at least as new as the server is installed; otherwise, and on SQLite, as Django's
dumpdata with natural keys (contenttypes and permissions are left out: migrate recreates them), read
in one transaction. A dumpdata backup also restores into another kind of database.
"""

import datetime
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers import json as json_serializer
from django.core.serializers import register_serializer
from django.db import connection, transaction
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP_PG = "database.dump"
DUMP_JSON = "database.json"
# What migrate (and its post_migrate signal) recreates, and sessions: everyone signs in again.
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}

# What the apps registered (AppConfig.ready): the models whose rows only people create (a database
# holding any of them is not empty, and restore refuses it), and the rows that restore reports.
# Every table goes into the backup and its row counts whether registered or not, but EXCLUDED.
_content = []  # "app_label.model_name"
_summary = []  # ("app_label.model_name", what to call its rows)


def register(*, content=(), summary=()):
    """content: models ("app_label.ModelName") whose rows people create; summary: (model, name)
    pairs that restore reports, such as ("news.Article", "bài viết")."""
    for label in content:
        if label.lower() not in _content:
            _content.append(label.lower())
    for label, name in summary:
        if label.lower() not in dict(_summary):
            _summary.append((label.lower(), name))


def content_models():
    return list(_content)


def summary():
    """[(label, name), …] of the rows restore reports, in the apps' order."""
    return list(_summary)


# dumpdata's JSON keeps times to the millisecond; a backup keeps them to the microsecond. The
# standard JSON deserializer reads either, so loaddata needs nothing special.
class _ExactEncoder(json_serializer.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json_serializer.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = _ExactEncoder


Deserializer = json_serializer.Deserializer
EXACT_JSON = "backup-json"


def files_label(files):
    """ "12 tệp media, 3 tệp private": the files a backup or a restore counted, by folder."""
    return ", ".join(f"{count} tệp {name}" for name, count in files.items())


def safe_member(name):
    """media/… or private/…, relative, never climbing out of its folder."""
    parts = PurePosixPath(name).parts
    return (
        len(parts) >= 2
        and parts[0] in FOLDERS
        and ".." not in parts
        and not name.startswith("/")
        and "\\" not in name
        and "\x00" not in name
    )


def _excluded(label):
    app = label.split(".")[0]
    return label in EXCLUDED or app in EXCLUDED


def row_counts():
    """Rows per table that the backup carries, many-to-many link tables included."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed or _excluded(opts.label_lower):
            continue
        if opts.auto_created:
            owner = opts.auto_created._meta.label_lower
            if _excluded(owner):
                continue
        counts[opts.label_lower] = model._base_manager.count()
    return dict(sorted(counts.items()))


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def folder(name):
    return Path(getattr(settings, FOLDERS[name]))


def _files_of(name):
    root = folder(name)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


# PostgreSQL tools -----------------------------------------------------------------------------------


def pg_env():
    params = connection.settings_dict
    env = {**os.environ}
    for key, value in [
        ("PGHOST", params.get("HOST")),
        ("PGPORT", params.get("PORT")),
        ("PGUSER", params.get("USER")),
        ("PGPASSWORD", params.get("PASSWORD")),
        ("PGDATABASE", params.get("NAME")),
        ("PGSSLMODE", (params.get("OPTIONS") or {}).get("sslmode")),
    ]:
        if value:
            env[key] = str(value)
    return env


def pg_tool_major(tool):
    """The major version of pg_dump/pg_restore on this machine, or None if it is not installed."""
    path = shutil.which(tool)
    if not path:
        return None
    output = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else None


def can_use_pg_dump():
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        # pg_dump reads through its own connection: it would not see an open transaction's rows.
        return False
    tool = pg_tool_major("pg_dump")
    connection.ensure_connection()
    # pg_dump dumps servers up to its own major version, never newer ones.
    return tool is not None and tool >= connection.pg_version // 10000


# Backup -------------------------------------------------------------------------------------------


@dataclass
class Backup:
    path: Path
    database_format: str
    counts: dict
    files: dict = field(default_factory=dict)  # folder → number of files
    size: int = 0


def _dump_database(workdir, *, use_json, log):
    """Write the database dump into workdir; returns (format, file name, row counts)."""
    if not use_json and can_use_pg_dump():
        log("Đang sao lưu cơ sở dữ liệu bằng pg_dump…")
        with transaction.atomic():
            with connection.cursor() as cursor:
                # One snapshot for the counts and for pg_dump, whatever editors save meanwhile.
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            counts = row_counts()
            result = subprocess.run(
                [
                    shutil.which("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={workdir / DUMP_PG}",
                ],
                env=pg_env(),
                capture_output=True,
                text=True,
            )
        if result.returncode != 0:
            raise CommandError(f"pg_dump không chạy được: {result.stderr.strip()}")
        return "pg_dump", DUMP_PG, counts
    log("Đang sao lưu cơ sở dữ liệu (dumpdata, khóa tự nhiên)…")
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        counts = row_counts()
        register_serializer(EXACT_JSON, __name__)
        call_command(
            "dumpdata",
            format=EXACT_JSON,
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            output=str(workdir / DUMP_JSON),
            verbosity=0,
        )
    return "json", DUMP_JSON, counts


def _archive_path(dest):
    folder_given = str(dest).endswith(("/", os.sep))
    dest = Path(dest)
    if dest.is_dir() or folder_given:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        dest = dest / f"sao-luu-{stamp}.tar.gz"
    if not dest.name.endswith(".tar.gz"):
        dest = dest.with_name(dest.name + ".tar.gz")
    if dest.exists():
        raise CommandError(f"Tệp {dest} đã có: hãy chọn tên khác, bản sao lưu cũ được giữ nguyên.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    return dest


def _add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def create_backup(dest, *, use_json=False, log=print):
    """Write one archive at dest (a .tar.gz file, or a folder to put it in); returns a Backup."""
    path = _archive_path(dest)
    if not isinstance(default_storage, FileSystemStorage) or "private" in settings.STORAGES:
        log(
            "Lưu ý: ảnh hoặc văn bản đang nằm trên kho lưu trữ đối tượng (S3); bản sao lưu này chỉ "
            "gồm cơ sở dữ liệu và các tệp trong thư mục trên máy. Hãy sao lưu kho lưu trữ riêng."
        )
    partial = path.with_name(path.name + ".dang-ghi")
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "database": {"vendor": connection.vendor},
        "files": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        db_format, dump_name, counts = _dump_database(workdir, use_json=use_json, log=log)
        dump = (workdir / dump_name).read_bytes()
        manifest["database"].update(
            format=db_format,
            file=dump_name,
            sha256=sha256(dump),
            size=len(dump),
            pg_dump_major=pg_tool_major("pg_dump") if db_format == "pg_dump" else None,
        )
        manifest["counts"] = counts
        log(f"  {sum(counts.values())} bản ghi trong {len(counts)} bảng.")
        backup = Backup(path=path, database_format=db_format, counts=counts)
        try:
            with tarfile.open(partial, "w:gz") as tar:
                _add(tar, dump_name, dump)
                for name in FOLDERS:
                    files = _files_of(name)
                    log(f"Đang sao lưu {len(files)} tệp trong {folder(name)}…")
                    root = folder(name)
                    for n, file in enumerate(files, 1):
                        data = file.read_bytes()
                        member = f"{name}/{file.relative_to(root).as_posix()}"
                        _add(tar, member, data)
                        manifest["files"][member] = {"sha256": sha256(data), "size": len(data)}
                        if n % 200 == 0:
                            log(f"  {n}/{len(files)} tệp")
                    backup.files[name] = len(files)
                _add(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
    backup.size = path.stat().st_size
    return backup
