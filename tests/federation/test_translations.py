"""Every message Django and our libraries show reads in Vietnamese, thanks to locale/vi."""

import ast
import datetime
import gettext
import importlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.humanize.templatetags import humanize
from django.core import validators
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.forms import ModelMultipleChoiceField
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.timesince import timesince
from django.views.i18n import JSONCatalog

from news.models import Article
from tests.factories import make_category, make_user
from tests.news.admin_helpers import ADD_URL, form_errors, new_article_post

LOCALE = Path(settings.BASE_DIR) / "locale/vi/LC_MESSAGES"

# Strings whose Vietnamese is the same text, on purpose. Keep this short: anything else that
# comes back unchanged is a hole in locale/vi/LC_MESSAGES/django.po.
SAME_IN_VIETNAMESE = {
    # Technical names, units and a bare format string, written the same way in Vietnamese.
    (None, "IPv4"),
    (None, "IPv6"),
    (None, "%s KB"),
    (None, "%s MB"),
    (None, "%s GB"),
    (None, "%s TB"),
    (None, "%s PB"),
    (None, "%(size)d byte"),
    (None, "%(class_name)s %(instance)s"),
    # Vietnamese writes "email" as is, as our own field labels do.
    (None, "Email"),
    # Punctuation only.
    (None, ", "),
    (None, ":"),
    (None, ":?.!"),
    (None, "…"),
    ("String to return when truncating text", "%(truncated_text)s…"),
    # English ordinal suffixes left in Django's old Vietnamese file: Django no longer asks for them
    # (ordinals now use the "ordinal N" contexts, which read "thứ 2"), and Vietnamese has no suffix.
    (None, "st"),
    (None, "nd"),
    (None, "rd"),
    (None, "th"),
}


def read_po(path):
    """The entries of a .po file as dicts (msgctxt, msgid, msgid_plural, msgstr, msgstr[0]),
    header and obsolete entries left out."""
    entries, current, field = [], {}, None

    def flush():
        if current.get("msgid"):
            entries.append(dict(current))
        current.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        keyword = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line)
        if keyword:
            field = keyword.group(1)
            # A msgctxt or msgid after a msgstr starts the next entry.
            if field in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in current):
                flush()
            current[field] = ast.literal_eval(keyword.group(2))
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        elif not line or line.startswith("#~"):
            field = None
    flush()
    return entries


def msgids(paths):
    """(msgctxt, msgid, msgid_plural) of every entry of these catalogs, in a stable order."""
    found = {
        (e.get("msgctxt"), e["msgid"], e.get("msgid_plural")) for p in paths for e in read_po(p)
    }
    return sorted(found, key=lambda e: (e[0] or "", e[1]))


def django_catalogs(domain):
    """Django's own catalogs for the installed apps: the Vietnamese one and the English one, whose
    msgids are the current source (Django's Vietnamese files miss the strings added since 2021)."""
    import django

    dirs = [Path(django.__file__).parent / "conf/locale"]
    dirs += [
        Path(config.path) / "locale"
        for config in apps.get_app_configs()
        if config.name.startswith("django.contrib.")
    ]
    return [
        d / lang / "LC_MESSAGES" / f"{domain}.po"
        for d in dirs
        for lang in ("vi", "en")
        if (d / lang / "LC_MESSAGES" / f"{domain}.po").exists()
    ]


def in_vietnamese(ctx, msgid, plural):
    """The text a Vietnamese user sees for this msgid, and the English it must not be."""
    if plural:
        one = (
            translation.npgettext(ctx, msgid, plural, 1)
            if ctx
            else translation.ngettext(msgid, plural, 1)
        )
        many = (
            translation.npgettext(ctx, msgid, plural, 5)
            if ctx
            else translation.ngettext(msgid, plural, 5)
        )
        return [(one, msgid), (many, plural)]
    text = translation.pgettext(ctx, msgid) if ctx else translation.gettext(msgid)
    return [(text, msgid)]


@pytest.fixture
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_committed_mo_holds_every_translation_of_its_po(domain):
    with open(LOCALE / f"{domain}.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    entries = read_po(LOCALE / f"{domain}.po")
    assert entries, "empty catalog"
    for entry in entries:
        key = (
            entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
        )
        if "msgid_plural" in entry:
            assert entry["msgstr[0]"], entry
            assert compiled[(key, 0)] == entry["msgstr[0]"], "the .mo is stale: run msgfmt"
        else:
            assert entry["msgstr"], entry
            assert compiled[key] == entry["msgstr"], "the .mo is stale: run msgfmt"
    assert len(compiled) == len(entries) + 1  # + the header


@pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="cần gettext (msgfmt) để kiểm tra tệp .po"
)
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_catalog_passes_msgfmt_check(domain, tmp_path):
    # --check compares the placeholders of every python-format entry with its msgid.
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(LOCALE / f"{domain}.po")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_invalid_choice_in_a_multiple_choice_field_reads_in_vietnamese(vietnamese):
    field = ModelMultipleChoiceField(queryset=Article.objects.none())
    message = field.error_messages["invalid_pk_value"] % {"pk": "abc"}
    assert message == "“abc” không phải là giá trị hợp lệ."


def test_too_long_text_reads_in_vietnamese(vietnamese):
    with pytest.raises(ValidationError) as error:
        validators.MaxLengthValidator(5)("Công đoàn")
    assert error.value.messages == ["Giá trị này chỉ có tối đa 5 kí tự (hiện có 9)"]


def test_bad_slug_and_file_type_read_in_vietnamese(vietnamese):
    with pytest.raises(ValidationError) as error:
        validators.validate_slug("công đoàn")
    assert "“slug” hợp lệ" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        validators.FileExtensionValidator(["pdf"])(_named("quyet-dinh.exe"))
    assert error.value.messages == [
        "Không chấp nhận tệp có phần mở rộng “exe”. Các phần mở rộng được phép: pdf."
    ]


def _named(name, size=1):
    return ContentFile(b"x" * size, name=name)


def test_admin_filter_counts_button_reads_in_vietnamese(vietnamese):
    assert translation.gettext("Show counts") == "Hiện số lượng"
    assert translation.gettext("Hide counts") == "Ẩn số lượng"


def test_admin_sidebar_names_an_app_without_english(client, db):
    # Django's own Vietnamese reads "Các mô models trong …" in the sidebar's tooltips.
    client.force_login(make_user(is_staff=True, is_superuser=True))
    page = client.get("/quan-tri/").content.decode()
    assert "Các mục trong Tin tức" in page
    assert "models" not in page


def test_elapsed_time_and_ordinals_read_in_vietnamese(vietnamese):
    now = timezone.now()
    # Django puts a no-break space between a number and its unit.
    assert timesince(now - datetime.timedelta(days=3, hours=2), now) == "3\xa0ngày, 2\xa0giờ"
    assert humanize.naturaltime(now - datetime.timedelta(days=3)) == "3\xa0ngày trước"
    assert humanize.naturaltime(now + datetime.timedelta(days=3, minutes=1)) == "3\xa0ngày nữa"
    assert humanize.ordinal(2) == "thứ 2"


def test_library_strings_read_in_vietnamese(vietnamese):
    from axes.models import AccessAttemptExpiration
    from django_ckeditor_5.validators import FileMaxSizeValidator
    from imagekit.admin import AdminThumbnail
    from taggit.models import Tag

    assert str(Tag._meta.verbose_name_plural) == "thẻ"
    assert str(Tag._meta.get_field("name").verbose_name) == "tên"
    assert str(AccessAttemptExpiration._meta.verbose_name) == "hạn của lần đăng nhập sai"
    assert str(AdminThumbnail("image").short_description) == "Ảnh thu nhỏ"
    with pytest.raises(ValidationError) as error:
        FileMaxSizeValidator(1)(_named("anh-lon.jpg", size=2 * 1024 * 1024))
    assert error.value.messages == ["Tệp chỉ được lớn tối đa 1 MB."]


@pytest.mark.parametrize("package", ["taggit", "simple_history", "axes"])
def test_every_message_of_a_library_catalog_has_vietnamese(vietnamese, package):
    # These libraries ship no Vietnamese: their other languages' catalogs list the msgids.
    root = Path(importlib.import_module(package).__file__).parent
    entries = msgids(root.glob("locale/*/LC_MESSAGES/django.po"))
    assert entries, f"{package} has no catalog"
    english = [
        (ctx, msgid)
        for ctx, msgid, plural in entries
        # The name of an HTTP header, kept as it is.
        if (ctx, msgid) != (None, "HTTP Accept")
        for text, original in in_vietnamese(ctx, msgid, plural)
        if text == original
    ]
    assert english == []


@pytest.mark.django_db
def test_over_long_title_in_the_article_admin_is_refused_in_vietnamese(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    title = "Công đoàn Lâm Đồng " * 20
    response = client.post(ADD_URL, new_article_post(make_category(), title=title))
    assert response.status_code == 200
    errors = " ".join(form_errors(response))
    assert f"tối đa 255 kí tự (hiện có {len(title.strip())})" in errors
    page = response.content.decode()
    assert "Ensure this value" not in page
    assert "Vui lòng sửa các lỗi bên dưới." in page
    # The admin's own frame, translated here because Django's Vietnamese stops at 2021.
    assert "Chuyển đến nội dung chính" in page
    assert "Skip to main content" not in page
    assert "Toggle theme" not in page
    assert not Article.objects.exists()


def test_every_django_message_for_installed_apps_has_vietnamese(vietnamese):
    entries = msgids(django_catalogs("django"))
    assert len(entries) > 500, "Django's catalogs were not found"
    english = [
        (ctx, msgid)
        for ctx, msgid, plural in entries
        if (ctx, msgid) not in SAME_IN_VIETNAMESE
        for text, original in in_vietnamese(ctx, msgid, plural)
        if text == original
    ]
    assert english == []


def test_every_admin_javascript_message_has_vietnamese(vietnamese):
    # The admin's calendar and selector widgets read their strings from this catalog view.
    view = JSONCatalog.as_view(packages=["django.contrib.admin"])
    response = view(RequestFactory().get("/jsi18n/"))
    catalog = json.loads(response.content)["catalog"]
    english = []
    for ctx, msgid, plural in msgids(django_catalogs("djangojs")):
        key = f"{ctx}\x04{msgid}" if ctx else msgid
        text = catalog.get(key)
        texts = text if isinstance(text, list) else [text]
        if not text or any(t in (msgid, plural) for t in texts):
            english.append((ctx, msgid))
    assert english == []
    assert catalog["abbrev. day Sunday\x04Sun"] == "CN"


def test_the_admin_lists_stock_phrases_read_naturally(client, db):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    make_category()
    page = client.get("/quan-tri/news/category/").content.decode()
    assert "<h1>Danh sách chuyên mục</h1>" in page
    assert "Chọn chuyên mục để thay đổi" not in page
    assert "Thao tác:" in page and "Hoạt động:" not in page
    assert "Đã chọn 0/1" in page and "được chọn" not in page
    with translation.override("vi"):
        view = JSONCatalog.as_view(packages=["django.contrib.admin"])
        catalog = json.loads(view(RequestFactory().get("/jsi18n/")).content)["catalog"]
    assert catalog["%(sel)s of %(cnt)s selected"] == ["Đã chọn %(sel)s/%(cnt)s"]
