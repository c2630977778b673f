"""Import of old articles: the parser, the import_articles command and the admin's import page."""

import math
import re
import threading
import unicodedata
from datetime import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from news import importer
from news.importer import (
    MAX_FILE_SIZE,
    ArticleFormatError,
    Caption,
    parse_article,
    read_file,
)
from news.models import Article, ArticleEvent, Photo
from tests.factories import make_article, make_category, make_user

FIXTURES = Path(__file__).parent / "fixtures" / "import"
BAD = FIXTURES / "loi"
HCM = ZoneInfo("Asia/Ho_Chi_Minh")

SAFETY = FIXTURES / "01-tap-huan-an-toan-lao-dong.txt"
SHELTER_NFD = FIXTURES / "02-mai-am-cong-doan-nfd.txt"
SPORTS_NO_CAPTION = FIXTURES / "03-hoi-thao-khong-chu-thich.txt"
DIALOGUE_NO_BYLINE = FIXTURES / "04-doi-thoai-khong-but-danh.txt"

SAFETY_TITLE = "Công đoàn các khu công nghiệp tập huấn an toàn, vệ sinh lao động năm 2024"
SAFETY_SLUG = "cong-doan-cac-khu-cong-nghiep-tap-huan-an-toan-ve-sinh-lao-dong-nam-2024"
SAFETY_LEAD = (
    "Ngày 14/5, Công đoàn các khu công nghiệp tỉnh mở lớp tập huấn về an toàn, vệ sinh lao động "
    "cho hơn 120 cán bộ công đoàn cơ sở và người lao động."
)
SAFETY_PARAGRAPHS = (
    "Tại lớp học, báo cáo viên giới thiệu các quy định mới về quan trắc môi trường lao động, khai "
    "báo tai nạn lao động và trách nhiệm của người sử dụng lao động. Học viên được hướng dẫn cách "
    "nhận diện nguy cơ ở từng vị trí làm việc.",
    "Đại diện Công ty TNHH Chế biến nông sản A&B chia sẻ cách giảm tai nạn lao động nhờ mạng lưới "
    "an toàn viên ở mỗi tổ sản xuất <3 ca>.",
    "Dịp này, Công đoàn các khu công nghiệp trao 50 bộ dụng cụ sơ cứu cho các công đoàn cơ sở có "
    "đông lao động nữ.",
)
SAFETY_CAPTION = "Học viên thực hành sơ cứu người bị nạn tại lớp tập huấn"


def parse(path):
    return parse_article(read_file(path), filename=path.name)


def run(*args):
    """Run import_articles; (output, error or None)."""
    out = StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


# The parser ---------------------------------------------------------------------------------------


def test_well_formed_article_is_read_field_by_field():
    article = parse(SAFETY)

    assert article.title == SAFETY_TITLE
    assert article.published_at == datetime(2024, 5, 15, 7, 45, tzinfo=HCM)
    assert article.published_at.utcoffset().total_seconds() == 7 * 3600
    assert article.source_label == "LĐ online"
    assert article.lead == SAFETY_LEAD
    assert article.paragraphs == SAFETY_PARAGRAPHS
    assert article.captions == (Caption(text=SAFETY_CAPTION, position=0, line=9),)
    assert article.byline == "H.MAI"


def test_lead_repeated_as_first_paragraph_is_dropped():
    article = parse(SAFETY)

    assert all("Ngày 14/5" not in paragraph for paragraph in article.paragraphs)
    assert article.paragraphs[0].startswith("Tại lớp học")


def test_decomposed_text_is_read_as_precomposed():
    raw = SHELTER_NFD.read_bytes().decode("utf-8")
    assert not unicodedata.is_normalized("NFC", raw)

    article = parse(SHELTER_NFD)

    assert article.title == "Mái ấm công đoàn cho đoàn viên khó khăn ở Đức Trọng"
    assert article.byline == "T.N - H.A"
    assert article.published_at == datetime(2023, 8, 28, 16, 20, tzinfo=HCM)
    assert len(article.paragraphs) == 3
    assert [(c.text, c.position) for c in article.captions] == [
        ("Lãnh đạo Liên đoàn Lao động huyện trao quyết định hỗ trợ cho đoàn viên", 0),
        ("Ngôi nhà cũ của gia đình chị Hương đã xuống cấp", 2),
    ]
    for text in [article.title, article.lead, *article.paragraphs, article.byline]:
        assert unicodedata.is_normalized("NFC", text)


def test_separators_of_spaces_nbsp_and_zero_width_space_with_bom_and_crlf():
    raw = SPORTS_NO_CAPTION.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and "\u00a0".encode() in raw

    article = parse(SPORTS_NO_CAPTION)

    assert article.title == "Hội thao công nhân viên chức lao động ngành Giáo dục"
    assert article.source_label == "Báo Lâm Đồng"
    assert article.lead.startswith("Sáng 19/11, Công đoàn ngành Giáo dục tỉnh")
    assert article.paragraphs == (
        "Hội thao gồm các môn bóng chuyền hơi, cầu lông và kéo co, thu hút hơn 400 vận động viên "
        "từ 30 công đoàn cơ sở.",
        "Ban tổ chức trao giải nhất toàn đoàn cho Công đoàn Trường THPT Bảo Lộc.",
    )
    assert article.captions == ()
    assert article.byline == "VĂN KHÁNH"


def test_missing_byline_leaves_the_last_paragraph_in_the_body():
    article = parse(DIALOGUE_NO_BYLINE)

    assert article.byline == ""
    assert article.published_at == datetime(2022, 3, 1, 9, 5, tzinfo=HCM)
    assert article.paragraphs == (
        "Sau buổi đối thoại, doanh nghiệp cam kết điều chỉnh thang lương và công khai cách tính "
        "thưởng cuối năm.",
    )
    assert len(article.captions) == 1


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("thieu-ngay.txt", 3, "Thiếu dòng thời gian đăng"),
        ("ngay-sai-dang.txt", 3, "Không đọc được thời gian đăng «9h30 ngày 08-04-2021»"),
        ("ngay-khong-co-that.txt", 3, "«10:15, 31/02/2021» không tồn tại"),
        ("khong-noi-dung.txt", 5, "Bài không có nội dung"),
        ("khong-phai-utf8.txt", 1, "không phải văn bản UTF-8 hợp lệ"),
        ("rong.txt", 1, "Tệp rỗng"),
    ],
)
def test_malformed_file_gets_a_vietnamese_error_naming_file_and_line(name, line, message):
    with pytest.raises(ArticleFormatError) as caught:
        parse(BAD / name)

    assert caught.value.filename == name
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{name}, dòng {line}: ")


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        ("Tiêu đề\n\n25:00, 08/04/2021\n\n(LĐ online) - Sapo.\n\nNội dung.", 3, "không tồn tại"),
        ("Tiêu đề\n\n10:61, 08/04/2021\n\n(LĐ online) - Sapo.\n\nNội dung.", 3, "không tồn tại"),
        (" \u00a0 \n\u00a0\n\n", 1, "Tệp rỗng"),
        ("\ufeff", 1, "Tệp rỗng"),
        ("Chỉ có tiêu đề\n\n", 2, "Thiếu dòng thời gian đăng"),
        ("Tiêu đề\n\n02:04, 08/04/2021\n", 4, "Thiếu sapo"),
        (
            "Tiêu đề\n\n02:04, 08/04/2021\n\n(LĐ online) - Sapo.\nNội\x00dung.",
            6,
            "ký tự điều khiển",
        ),
        ("T" * 256 + "\n02:04, 08/04/2021\n(LĐ online) - Sapo.\nNội dung.", 1, "quá 255 ký tự"),
    ],
)
def test_other_malformed_texts_name_the_line(data, line, message):
    with pytest.raises(ArticleFormatError) as caught:
        parse_article(read_file(data.encode("utf-8"), "bai.txt"), filename="bai.txt")

    assert caught.value.line == line
    assert message in caught.value.message


def test_invalid_utf8_names_the_line_of_the_bad_byte():
    data = "Tiêu đề\n\n02:04, 08/04/2021\n".encode() + b"(L\xd0 online) - Sapo.\n"

    with pytest.raises(ArticleFormatError) as caught:
        read_file(data, "bai.txt")

    assert caught.value.line == 4
    assert "UTF-8" in caught.value.message


def test_utf16_file_is_told_to_be_saved_as_utf8():
    with pytest.raises(ArticleFormatError, match="UTF-16"):
        read_file("Tiêu đề".encode("utf-16"), "bai.txt")


def test_lead_without_source_tag_and_lowercase_last_line_are_kept_as_text():
    text = "Tiêu đề\n02:04, 08/04/2021\nSapo không có nguồn.\nĐoạn một.\nhết"

    article = parse_article(text, filename="bai.txt")

    assert article.source_label == ""
    assert article.lead == "Sapo không có nguồn."
    assert article.paragraphs == ("Đoạn một.", "hết")
    assert article.byline == ""


# The command --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_imports_a_folder_exactly():
    category = make_category(name="Tin hoạt động")

    output, error = run(FIXTURES)

    assert error is None
    assert Article.objects.count() == 4  # the "loi" subfolder is not read
    article = Article.objects.get(slug=SAFETY_SLUG)
    assert article.title == SAFETY_TITLE
    assert article.status == Article.Status.PUBLISHED
    assert article.is_public
    assert article.published_at == datetime(2024, 5, 15, 7, 45, tzinfo=HCM)
    assert article.category == category
    assert article.source_label == "LĐ online"
    assert article.lead == SAFETY_LEAD
    assert article.byline == "H.MAI"
    assert article.body == (
        "<p>Tại lớp học, báo cáo viên giới thiệu các quy định mới về quan trắc môi trường lao "
        "động, khai báo tai nạn lao động và trách nhiệm của người sử dụng lao động. Học viên được "
        "hướng dẫn cách nhận diện nguy cơ ở từng vị trí làm việc.</p>\n"
        "<p>Đại diện Công ty TNHH Chế biến nông sản A&amp;B chia sẻ cách giảm tai nạn lao động nhờ "
        "mạng lưới an toàn viên ở mỗi tổ sản xuất &lt;3 ca&gt;.</p>\n"
        "<p>Dịp này, Công đoàn các khu công nghiệp trao 50 bộ dụng cụ sơ cứu cho các công đoàn cơ "
        "sở có đông lao động nữ.</p>"
    )
    photo = article.photos.get()
    assert photo.caption == SAFETY_CAPTION
    assert not photo.image
    assert photo.is_placeholder
    assert article.cover is None
    assert f"{SAFETY}: đã tạo: {SAFETY_SLUG}" in output
    assert "Tổng cộng: 4 đã tạo, 0 bỏ qua (đã có), 0 lỗi." in output


@pytest.mark.django_db
def test_decomposed_file_is_stored_precomposed():
    make_category()

    run(SHELTER_NFD)

    article = Article.objects.get()
    assert article.title == "Mái ấm công đoàn cho đoàn viên khó khăn ở Đức Trọng"
    assert article.slug == "mai-am-cong-doan-cho-doan-vien-kho-khan-o-duc-trong"
    assert unicodedata.is_normalized("NFC", article.body)
    assert article.byline == "T.N - H.A"
    assert list(article.photos.values_list("caption", "order")) == [
        ("Lãnh đạo Liên đoàn Lao động huyện trao quyết định hỗ trợ cho đoàn viên", 0),
        ("Ngôi nhà cũ của gia đình chị Hương đã xuống cấp", 1),
    ]
    assert Article.objects.filter(title__contains="Đức Trọng").exists()


@pytest.mark.django_db
def test_second_run_creates_nothing_and_reports_skipped():
    make_category()
    run(FIXTURES)
    articles, photos = Article.objects.count(), Photo.objects.count()

    output, error = run(FIXTURES)

    assert error is None
    assert (Article.objects.count(), Photo.objects.count()) == (articles, photos)
    assert f"{SAFETY}: bỏ qua (đã có): {SAFETY_SLUG}" in output
    assert "Tổng cộng: 0 đã tạo, 4 bỏ qua (đã có), 0 lỗi." in output


@pytest.mark.django_db
def test_existing_article_with_retyped_title_case_is_matched():
    category = make_category()
    make_article(
        title=SAFETY_TITLE.upper(),
        published_at=datetime(2024, 5, 15, 7, 45, tzinfo=HCM),
        category=category,
    )

    output, _ = run(SAFETY)

    assert Article.objects.count() == 1
    assert "bỏ qua (đã có)" in output


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    make_category()

    output, error = run(FIXTURES, "--dry-run")

    assert error is None
    assert Article.objects.count() == 0
    assert Photo.objects.count() == 0
    assert f"{SAFETY}: sẽ tạo: {SAFETY_SLUG}" in output
    assert "Tổng cộng: 4 sẽ tạo, 0 bỏ qua (đã có), 0 lỗi. Chạy thử" in output


@pytest.mark.django_db
def test_dry_run_reports_a_file_repeated_in_the_batch_as_skipped(tmp_path):
    make_category()
    copy = tmp_path / "ban-sao.txt"
    copy.write_bytes(SAFETY.read_bytes())

    output, _ = run(SAFETY, copy, "--dry-run")

    assert f"{copy}: bỏ qua (đã có) (trùng với {SAFETY}): {SAFETY_SLUG}" in output
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_status_draft_imports_for_review_with_the_original_time():
    make_category()

    run(FIXTURES, "--status", "draft")

    assert Article.objects.count() == 4
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DRAFT}
    assert not Article.objects.published().exists()
    article = Article.objects.get(slug=SAFETY_SLUG)
    assert article.published_at == datetime(2024, 5, 15, 7, 45, tzinfo=HCM)


@pytest.mark.django_db
def test_an_imported_publication_is_in_the_articles_events_and_a_draft_has_none():
    make_category()
    run(FIXTURES)
    for article in Article.objects.all():
        assert [e.action for e in article.events.all()] == [ArticleEvent.Action.PUBLISHED]
        assert article.events.get().status == Article.Status.PUBLISHED
    Article.objects.all().delete()

    run(FIXTURES, "--status", "draft")

    assert Article.objects.count() == 4
    assert not ArticleEvent.objects.exists()


@pytest.mark.django_db
def test_category_option_and_default_first_category():
    second = make_category(name="Hoạt động công đoàn", order=2)
    first = make_category(name="Tin tức chung", order=1)

    run(SAFETY)
    run(SHELTER_NFD, "--category", second.slug)

    assert Article.objects.get(slug=SAFETY_SLUG).category == first
    assert Article.objects.get(title__startswith="Mái ấm").category == second


@pytest.mark.django_db
def test_unknown_category_or_none_at_all_is_refused_in_vietnamese():
    with pytest.raises(CommandError, match="Chưa có chuyên mục nào"):
        call_command("import_articles", str(SAFETY), stdout=StringIO())
    make_category(name="Tin tức chung")
    with pytest.raises(CommandError, match="Không có chuyên mục có đường dẫn «khong-co»"):
        call_command("import_articles", str(SAFETY), "--category", "khong-co", stdout=StringIO())
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_bad_files_fail_the_command_while_good_files_are_imported():
    make_category()

    output, error = run(BAD, FIXTURES, BAD / "khong-co-tep-nay.txt")

    assert error is not None
    assert error.returncode == 1
    assert "7 tệp không nhập được" in str(error)
    assert Article.objects.count() == 4
    assert Photo.objects.count() == 4
    for name, line in [
        ("khong-noi-dung.txt", 5),
        ("khong-phai-utf8.txt", 1),
        ("ngay-khong-co-that.txt", 3),
        ("ngay-sai-dang.txt", 3),
        ("rong.txt", 1),
        ("thieu-ngay.txt", 3),
    ]:
        assert f"{BAD / name}: lỗi, dòng {line}: " in output
    assert f"{BAD / 'khong-co-tep-nay.txt'}: lỗi: không tìm thấy tệp hoặc thư mục" in output
    assert "Tổng cộng: 4 đã tạo, 0 bỏ qua (đã có), 7 lỗi." in output


@pytest.mark.django_db
def test_a_file_over_the_admin_limit_is_refused_by_name_and_the_rest_imported(tmp_path):
    make_category()
    huge = tmp_path / "bai-20-mb.txt"
    # The 20 MB text file that became a 21 MB article page.
    huge.write_bytes(SAFETY.read_bytes() + "Thêm một đoạn rất dài.\n".encode() * 700_000)
    assert huge.stat().st_size > 20 * 1024 * 1024
    at_limit = tmp_path / "bai-vua-du.txt"
    at_limit.write_bytes(SHELTER_NFD.read_bytes().ljust(MAX_FILE_SIZE, b" "))

    output, error = run(huge, at_limit, SPORTS_NO_CAPTION)

    size_kb = math.ceil(huge.stat().st_size / 1024)
    assert (
        f"{huge}: lỗi: tệp nặng {size_kb} KB, quá giới hạn {MAX_FILE_SIZE // 1024} KB của một bài "
        "viết; tệp này không được nhập." in output
    )
    assert not Article.objects.filter(title=SAFETY_TITLE).exists()
    assert Article.objects.count() == 2  # the file at the limit and the small one
    assert "Tổng cộng: 2 đã tạo, 0 bỏ qua (đã có), 1 lỗi." in output
    assert error is not None and error.returncode == 1
    assert "1 tệp không nhập được" in str(error)


def test_the_command_and_the_admin_page_share_one_size_limit():
    from news import admin_import
    from news.management.commands import import_articles

    assert admin_import.MAX_FILE_SIZE is MAX_FILE_SIZE
    assert f"{MAX_FILE_SIZE // 1024} KB" in import_articles.Command.help


# Two imports of one file at once -------------------------------------------------------------------


@pytest.mark.django_db
def test_an_import_that_lost_the_race_reports_the_article_as_already_there(monkeypatch):
    # The second import checks for the article before the first one has committed it: it finds
    # nothing, and only the database can stop it.
    make_category()
    run(SAFETY)
    monkeypatch.setattr(importer, "find_existing", lambda parsed: None)

    output, error = run(SAFETY)

    assert error is None
    assert Article.objects.count() == 1
    assert Photo.objects.count() == 1
    assert f"{SAFETY}: bỏ qua (đã có): {SAFETY_SLUG}" in output
    assert "Tổng cộng: 0 đã tạo, 1 bỏ qua (đã có), 0 lỗi." in output


@pytest.mark.django_db
def test_the_database_refuses_a_second_article_from_one_file():
    make_category()
    run(SAFETY)
    article = Article.objects.get()
    assert article.import_key == parse(SAFETY).import_key

    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(title="Một bài khác", category=article.category, import_key=article.import_key)
    # Articles written in the admin carry no key, and any number of them may exist.
    make_article(category=article.category)
    make_article(category=article.category)
    assert Article.objects.filter(import_key__isnull=True).count() == 2


def import_at_once(interleaving):
    """Run import_articles on SAFETY in two threads, each with its own database connection, with
    both existence checks done before either import writes; (output, error) of each."""
    barrier = threading.Barrier(2, timeout=10)
    first_done = threading.Event()
    checked = threading.local()
    original = importer.find_existing

    def check_then_wait(parsed):
        found = original(parsed)
        if not getattr(checked, "once", False):
            checked.once = True
            barrier.wait()  # both have seen no article
            if interleaving == "one-after-the-other" and threading.current_thread().name == "B":
                first_done.wait(timeout=10)
        return found

    outcomes = {}

    def worker():
        try:
            outcomes[threading.current_thread().name] = run(SAFETY)
        finally:
            first_done.set()
            connection.close()

    importer.find_existing = check_then_wait
    try:
        threads = [threading.Thread(target=worker, name=name) for name in "AB"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        importer.find_existing = original
    return outcomes


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite khóa cả cơ sở dữ liệu khi ghi"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("interleaving", ["both-at-once", "one-after-the-other"])
def test_two_imports_of_one_file_at_once_make_one_article(interleaving):
    make_category()

    outcomes = import_at_once(interleaving)

    assert sorted(outcomes) == ["A", "B"]
    assert [error for _, error in outcomes.values()] == [None, None]
    outputs = sorted(output for output, _ in outcomes.values())
    assert Article.objects.count() == 1
    assert Photo.objects.count() == 1
    assert Article.objects.get().slug == SAFETY_SLUG
    assert f"{SAFETY}: bỏ qua (đã có): {SAFETY_SLUG}" in outputs[0]
    assert "Tổng cộng: 0 đã tạo, 1 bỏ qua (đã có), 0 lỗi." in outputs[0]
    assert f"{SAFETY}: đã tạo: {SAFETY_SLUG}" in outputs[1]


@pytest.mark.django_db
def test_empty_folder_is_an_error(tmp_path):
    make_category()

    output, error = run(tmp_path)

    assert error is not None
    assert "thư mục không có tệp .txt nào" in output


# The admin ----------------------------------------------------------------------------------------


def make_importer(**kw):
    # Importing publishes, which only editors do (news.workflow); correspondents import drafts.
    user = make_user(is_staff=True, groups=["Biên tập viên"], **kw)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="news", codename__in=["add_article", "view_article"]
        )
    )
    return user


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/plain")


IMPORT_URL = "/quan-tri/news/article/nhap/"


@pytest.mark.django_db
def test_imported_articles_are_flagged_thieu_anh_in_the_admin_list(client):
    make_category()
    run(SAFETY, SPORTS_NO_CAPTION)
    client.force_login(make_user(is_staff=True, is_superuser=True))
    changelist = reverse("admin:news_article_changelist")

    response = client.get(changelist)
    missing = client.get(changelist, {"anh": "thieu"})

    assert response.status_code == 200
    rows = {article.slug: article for article in response.context["cl"].result_list}
    assert rows[SAFETY_SLUG].photo_missing
    assert not rows["hoi-thao-cong-nhan-vien-chuc-lao-dong-nganh-giao-duc"].photo_missing
    assert response.content.decode().count('<span class="badge-missing">thiếu ảnh</span>') == 2
    assert [a.slug for a in missing.context["cl"].result_list] == [SAFETY_SLUG]


@pytest.mark.django_db
def test_article_list_offers_the_import_page(client):
    client.force_login(make_importer())

    response = client.get(reverse("admin:news_article_changelist"))

    assert reverse("admin:news_article_import") == IMPORT_URL
    assert f'href="{IMPORT_URL}"' in response.content.decode()
    assert "Nhập bài viết từ tệp" in response.content.decode()


@pytest.mark.django_db
def test_admin_upload_preview_confirm_creates_the_articles(client):
    category = make_category(name="Tin hoạt động")
    user = make_importer()
    client.force_login(user)

    form = client.get(IMPORT_URL)
    preview = client.post(
        IMPORT_URL,
        {
            "files": [upload(SAFETY), upload(SHELTER_NFD), upload(BAD / "thieu-ngay.txt")],
            "status": "published",
            "category": category.pk,
        },
    )

    assert form.status_code == 200
    assert "Nhập bài viết" in form.content.decode()
    assert preview.status_code == 200
    html = preview.content.decode()
    assert Article.objects.count() == 0
    assert html.count("<strong>Sẽ tạo</strong>") == 2
    assert SAFETY_TITLE in html
    assert "07:45, 15/05/2024" in html
    assert "H.MAI" in html and "T.N - H.A" in html
    assert "Dòng 3: Thiếu dòng thời gian đăng" in html
    assert "Xác nhận nhập 2 bài" in html
    assert [row["photos"] for row in preview.context["rows"][:2]] == [1, 2]
    assert [row["paragraphs"] for row in preview.context["rows"][:2]] == [3, 3]

    done = client.post(IMPORT_URL, {"token": preview.context["token"]})

    assert done.status_code == 200
    assert Article.objects.count() == 2
    article = Article.objects.get(slug=SAFETY_SLUG)
    assert article.created_by == user
    assert article.category == category
    assert article.status == Article.Status.PUBLISHED
    assert article.photos.get().caption == SAFETY_CAPTION
    html = done.content.decode()
    assert "Đã nhập 2 bài viết vào chuyên mục «Tin hoạt động»." in html
    assert reverse("admin:news_article_change", args=[article.pk]) in html
    assert "Về danh sách bài viết" in html

    again = client.post(IMPORT_URL, {"token": preview.context["token"]})

    assert Article.objects.count() == 2
    assert "Bỏ qua 2 bài đã có." in again.content.decode()


@pytest.mark.django_db
def test_admin_import_as_draft(client):
    category = make_category()
    client.force_login(make_importer())

    preview = client.post(
        IMPORT_URL, {"files": [upload(SAFETY)], "status": "draft", "category": category.pk}
    )
    client.post(IMPORT_URL, {"token": preview.context["token"]})

    assert Article.objects.get().status == Article.Status.DRAFT


@pytest.mark.django_db
def test_admin_preview_shows_existing_articles_as_skipped_without_confirm(client):
    category = make_category()
    run(SAFETY)
    client.force_login(make_importer())

    preview = client.post(
        IMPORT_URL, {"files": [upload(SAFETY)], "status": "published", "category": category.pk}
    )

    html = preview.content.decode()
    assert "Bỏ qua (đã có)" in html
    assert "Không có bài nào để tạo." in html
    assert preview.context["token"] == ""


@pytest.mark.django_db
def test_changed_token_is_refused(client):
    category = make_category()
    client.force_login(make_importer())
    preview = client.post(
        IMPORT_URL, {"files": [upload(SAFETY)], "status": "published", "category": category.pk}
    )
    token = preview.context["token"]

    response = client.post(IMPORT_URL, {"token": token[:-3] + "abc"}, follow=True)

    assert Article.objects.count() == 0
    assert "Dữ liệu xác nhận không hợp lệ" in response.content.decode()


@pytest.mark.django_db
def test_token_of_another_user_is_refused(client):
    category = make_category()
    client.force_login(make_importer())
    preview = client.post(
        IMPORT_URL, {"files": [upload(SAFETY)], "status": "published", "category": category.pk}
    )
    client.force_login(make_importer())

    response = client.post(IMPORT_URL, {"token": preview.context["token"]}, follow=True)

    assert Article.objects.count() == 0
    assert "không còn dùng được" in response.content.decode()


@pytest.mark.django_db
def test_staff_without_add_permission_gets_403_and_anonymous_goes_to_login(client):
    category = make_category()
    staff = make_user(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_article"))

    anonymous = client.get(IMPORT_URL)
    client.force_login(staff)
    get = client.get(IMPORT_URL)
    post = client.post(
        IMPORT_URL, {"files": [upload(SAFETY)], "status": "published", "category": category.pk}
    )
    changelist = client.get(reverse("admin:news_article_changelist"))

    assert anonymous.status_code == 302
    assert "/quan-tri/login/" in anonymous["Location"]
    assert get.status_code == 403
    assert post.status_code == 403
    assert IMPORT_URL not in changelist.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_admin_upload_limits_are_explained_in_vietnamese(client, tmp_path):
    category = make_category()
    client.force_login(make_importer())
    big = SimpleUploadedFile("dai.txt", b"a" * (100 * 1024 + 1), content_type="text/plain")
    word = SimpleUploadedFile("bai.docx", b"PK", content_type="application/octet-stream")
    many = [upload(SAFETY, f"bai-{n}.txt") for n in range(21)]

    too_big = client.post(
        IMPORT_URL, {"files": [big], "status": "published", "category": category.pk}
    )
    not_txt = client.post(
        IMPORT_URL, {"files": [word], "status": "published", "category": category.pk}
    )
    too_many = client.post(
        IMPORT_URL, {"files": many, "status": "published", "category": category.pk}
    )
    none = client.post(IMPORT_URL, {"status": "published", "category": category.pk})

    assert "«dai.txt» nặng 100 KB, quá giới hạn 100 KB" in too_big.content.decode()
    assert "«bai.docx» không phải tệp .txt." in not_txt.content.decode()
    assert "tối đa 20 tệp; bạn đã chọn 21 tệp" in too_many.content.decode()
    assert "Trường này là bắt buộc." in none.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_admin_import_page_without_categories_says_to_create_one(client):
    client.force_login(make_importer())

    response = client.get(IMPORT_URL)

    assert "Chưa có chuyên mục nào." in response.content.decode()


@pytest.mark.django_db
def test_the_import_page_defaults_to_drafts_and_previews_the_lead_and_first_paragraph(client):
    category = make_category(name="Tin hoạt động")
    client.force_login(make_importer())
    form = client.get(IMPORT_URL).content.decode()
    assert re.search(r'<input[^>]*value="draft"[^>]*checked', form)
    assert not re.search(r'<input[^>]*value="published"[^>]*checked', form)

    # Sent as the page comes (the default left alone), the import makes drafts.
    preview = client.post(
        IMPORT_URL, {"files": [upload(SAFETY)], "status": "draft", "category": category.pk}
    )
    html = preview.content.decode()
    assert "Sapo:</strong> Ngày 14/5, Công đoàn các khu công nghiệp tỉnh mở lớp tập huấn" in html
    assert "Đoạn đầu:</strong> Tại lớp học, báo cáo viên giới thiệu các quy định mới" in html
    assert "Lưu nháp để biên tập viên duyệt" in html
