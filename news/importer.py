"""Import of old articles from the plain-text format that Vietnamese newspapers publish.

The format, one article per UTF-8 file::

    Title
    (blank)
    02:04, 08/04/2021
    (blank)
    (LĐ online) - The lead …
    (LĐ online) - The lead …        ← often repeated as the first body paragraph: dropped
    A photo caption                 ← a line that appears twice in a row: a photo placeholder
    A photo caption
    Body paragraphs …
    D.QUỲNH                         ← a short upper-case last line: the byline
    Nguồn: https://ldld.vn/a.html   ← optional, after the byline (or "Địa chỉ cũ: /a.html"): the
                                      article's old address, which then redirects to it (301)

Blank lines may hold spaces and non-breaking spaces. `read_file` turns bytes into text,
`parse_article` turns text into a `ParsedArticle` (or raises `ArticleFormatError`), and
`import_article` writes one parsed article; `import_files` runs the three over a batch for the
`import_articles` command and the admin's "Nhập bài viết" page.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.html import escape

from core.redirects import path_of
from core.search import index_text
from core.text import clean_text
from news import workflow
from news.models import Article, Photo
from news.pennames import link_pen_names, match_byline

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE_MAX = Article._meta.get_field("title").max_length
SOURCE_MAX = Article._meta.get_field("source_label").max_length
BYLINE_MAX = 40
# The largest file the admin's page and the command accept: a long newspaper article is about
# 30 KB of text; a bigger file is something else, and would make a huge page and slow search.
MAX_FILE_SIZE = 100 * 1024

# Python's \s already covers the non-breaking space (U+00A0) and the other Unicode spaces.
_SPACES = re.compile(r"\s+")
# C0 controls other than tab and line breaks mean a binary or broken file, and PostgreSQL
# refuses NUL in text columns.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE = re.compile(r"(\d{1,2}):(\d{2})\s*,\s*(\d{1,2})/(\d{1,2})/(\d{4})")
# Something that looks like a date or a time, but not in the expected form.
_DATE_LIKE = re.compile(r"\d{1,2}\s*[:hg]\s*\d{2}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}")
_SOURCE = re.compile(rf"\(([^()]{{1,{SOURCE_MAX}}})\)\s*[-–—]\s*(.+)")
_BYLINE_PUNCTUATION = set(".-–, &")
_OLD_ADDRESS = re.compile(r"(?:Nguồn|Địa chỉ cũ)\s*:\s*(https?://\S+|/\S*)", re.IGNORECASE)


class ArticleFormatError(Exception):
    """A file that cannot be imported, with the line an editor should look at."""

    def __init__(self, message, *, filename, line):
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line

    def __str__(self):
        return f"{self.filename}, dòng {self.line}: {self.message}"


@dataclass(frozen=True)
class Caption:
    text: str
    position: int  # how many body paragraphs come before the photo
    line: int


@dataclass(frozen=True)
class ParsedArticle:
    filename: str
    title: str
    published_at: datetime
    source_label: str
    lead: str
    paragraphs: tuple[str, ...]
    captions: tuple[Caption, ...] = ()
    byline: str = ""
    old_path: str = ""  # the path of its address on the old site (a URL's path part)

    @property
    def body_html(self):
        return "\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in self.paragraphs)

    @property
    def key(self):
        """What identifies an article across imports: its title and its publication time."""
        return index_text(self.title), self.published_at

    @property
    def import_key(self):
        """The key, as Article.import_key stores it (unique in the database)."""
        title, published_at = self.key
        stamp = published_at.astimezone(UTC).isoformat()
        return hashlib.sha256(f"{stamp} {title}".encode()).hexdigest()


def read_file(source, name=None):
    """The text of a file (a path, or its bytes), NFC-normalised, without a BOM.

    Invalid UTF-8 raises ArticleFormatError naming the line of the first bad byte.
    """
    if isinstance(source, (str, Path)):
        name = name or Path(source).name
        data = Path(source).read_bytes()
    else:
        data = bytes(source)
    name = name or "tệp"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleFormatError(
            "Tệp được lưu dạng UTF-16; hãy lưu lại với mã hóa UTF-8.", filename=name, line=1
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ArticleFormatError(
            f"Tệp không phải văn bản UTF-8 hợp lệ (byte thứ {error.start + 1}). "
            "Hãy mở tệp và lưu lại với mã hóa UTF-8.",
            filename=name,
            line=line,
        ) from None
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))


def _clean(line):
    return _SPACES.sub(" ", clean_text(line)).strip()


def _excerpt(text, length=60):
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"


def _is_byline(text):
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(text) <= BYLINE_MAX
        and len(letters) >= 2
        and all(ch.isupper() for ch in letters)
        and all(ch.isalpha() or ch in _BYLINE_PUNCTUATION for ch in text)
    )


def _parse_date(text, *, filename, line):
    match = _DATE.fullmatch(text)
    if not match:
        if _DATE_LIKE.search(text) and len(text) <= 40:
            message = (
                f"Không đọc được thời gian đăng «{text}»: cần dạng giờ:phút, ngày/tháng/năm, "
                "ví dụ 02:04, 08/04/2021."
            )
        else:
            message = (
                "Thiếu dòng thời gian đăng sau tiêu đề (dạng giờ:phút, ngày/tháng/năm, "
                f"ví dụ 02:04, 08/04/2021); dòng này là «{_excerpt(text)}»."
            )
        raise ArticleFormatError(message, filename=filename, line=line)
    hour, minute, day, month, year = map(int, match.groups())
    try:
        return datetime(year, month, day, hour, minute, tzinfo=TIMEZONE)
    except ValueError:
        raise ArticleFormatError(
            f"Thời gian đăng «{text}» không tồn tại (giờ 0–23, phút 0–59, ngày có thật trong tháng).",
            filename=filename,
            line=line,
        ) from None


def parse_article(text, *, filename):
    """Read one article in the newspaper format; see the module docstring."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # (line number, cleaned text) of each line that is not a separator.
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        if _CONTROL.search(raw):
            raise ArticleFormatError(
                "Dòng chứa ký tự điều khiển: tệp không phải văn bản thuần.",
                filename=filename,
                line=number,
            )
        cleaned = _clean(raw)
        if cleaned:
            lines.append((number, cleaned))
    if not lines:
        raise ArticleFormatError("Tệp rỗng: không có tiêu đề.", filename=filename, line=1)

    title_line, title = lines[0]
    if len(title) > TITLE_MAX:
        raise ArticleFormatError(
            f"Tiêu đề dài {len(title)} ký tự, quá {TITLE_MAX} ký tự.",
            filename=filename,
            line=title_line,
        )
    if len(lines) < 2:
        raise ArticleFormatError(
            "Thiếu dòng thời gian đăng sau tiêu đề (dạng giờ:phút, ngày/tháng/năm, "
            "ví dụ 02:04, 08/04/2021).",
            filename=filename,
            line=title_line + 1,
        )
    date_line, date_text = lines[1]
    published_at = _parse_date(date_text, filename=filename, line=date_line)

    if len(lines) < 3:
        raise ArticleFormatError(
            "Thiếu sapo và nội dung sau dòng thời gian đăng.",
            filename=filename,
            line=date_line + 1,
        )
    lead_line, lead_text = lines[2]
    match = _SOURCE.fullmatch(lead_text)
    source_label, lead = (match[1].strip(), match[2].strip()) if match else ("", lead_text)

    rest = lines[3:]
    old_path = ""
    if rest and (address := _OLD_ADDRESS.fullmatch(rest[-1][1])):
        old_path = path_of(address[1])
        rest.pop()
    byline = ""
    if rest and _is_byline(rest[-1][1]):
        byline = rest.pop()[1]
    if rest and rest[0][1] in (lead_text, lead):
        rest = rest[1:]

    paragraphs, captions = [], []
    i = 0
    while i < len(rest):
        number, paragraph = rest[i]
        run = i + 1
        while run < len(rest) and rest[run][1] == paragraph:
            run += 1
        if run - i > 1:
            captions.append(Caption(text=paragraph, position=len(paragraphs), line=number))
        else:
            paragraphs.append(paragraph)
        i = run
    if not paragraphs:
        raise ArticleFormatError(
            "Bài không có nội dung: sau sapo không còn đoạn văn nào "
            "(ngoài sapo lặp lại, chú thích ảnh và bút danh).",
            filename=filename,
            line=lead_line,
        )
    return ParsedArticle(
        filename=filename,
        title=title,
        published_at=published_at,
        source_label=source_label,
        lead=lead,
        paragraphs=tuple(paragraphs),
        captions=tuple(captions),
        byline=byline,
        old_path=old_path,
    )


@dataclass
class ImportResult:
    created: bool
    article: Article  # the new article, the one that was already there, or (dry run) unsaved
    dry_run: bool = False


def find_existing(parsed):
    title, published_at = parsed.key
    return Article.objects.filter(
        Q(import_key=parsed.import_key) | Q(search_title=title, published_at=published_at)
    ).first()


def import_article(parsed, *, status, category, by=None, dry_run=False):
    """Create the article and its photo placeholders, unless it was imported before.

    An article is the same when its title (ignoring case and diacritics) and its publication time
    match, or when it was imported from such a file and retitled since. Drafts keep the original
    time too, so that they are matched and, once an editor publishes them, they take their place
    in the archive.
    """
    try:
        with transaction.atomic():
            existing = find_existing(parsed)
            if existing:
                return ImportResult(created=False, article=existing, dry_run=dry_run)
            article = Article(
                title=parsed.title,
                lead=parsed.lead,
                body=parsed.body_html,
                category=category,
                byline=parsed.byline,
                source_label=parsed.source_label,
                old_path=parsed.old_path,
                status=status,
                published_at=parsed.published_at,
                created_by=by,
                import_key=parsed.import_key,
            )
            if dry_run:
                article.fill_slug()
                return ImportResult(created=True, article=article, dry_run=True)
            article.save()
            workflow.record_import(article=article, by=by)
            # "D.QUỲNH" becomes the pen name D.QUỲNH when there is one; otherwise the text stays
            # and the article is listed under "Dòng tác giả chưa khớp bút danh" in the admin.
            if parsed.byline:
                link_pen_names(article, match_byline(parsed.byline))
            for order, caption in enumerate(parsed.captions):
                # No image yet: the editor adds it, and the admin flags the article "thiếu ảnh".
                Photo.objects.create(article=article, caption=caption.text, order=order)
            return ImportResult(created=True, article=article)
    except IntegrityError:
        # Another import of the same file wrote the article after our check: the database refused
        # this one (on the key, or on the slug both took), and the savepoint undid it.
        existing = Article.objects.filter(import_key=parsed.import_key).first()
        if existing is None:
            raise
        return ImportResult(created=False, article=existing)


@dataclass
class FileReport:
    """What happened (or, in a dry run, would happen) to one file."""

    name: str
    parsed: ParsedArticle | None = None
    result: ImportResult | None = None
    error: ArticleFormatError | None = None
    duplicate_of: str = ""  # an earlier file of the same batch holds the same article
    text: str = field(default="", repr=False)

    @property
    def outcome(self):
        if self.error:
            return "error"
        return "created" if self.result.created else "skipped"


def import_files(files, *, status, category, by=None, dry_run=False):
    """Read, parse and import each (name, bytes) pair, each file in its own transaction, yielding
    a FileReport per file as soon as it is done.

    A bad file is reported and the others go on. In a dry run nothing is written, and a file that
    repeats an earlier file of the batch is reported as skipped, as the real run would skip it.
    """
    seen = {}
    for name, data in files:
        report = FileReport(name=name)
        try:
            report.text = read_file(data, name)
            report.parsed = parse_article(report.text, filename=name)
        except ArticleFormatError as error:
            report.error = error
            yield report
            continue
        earlier = seen.get(report.parsed.key)
        if earlier:
            report.duplicate_of = earlier.name
        if earlier and dry_run:
            report.result = ImportResult(
                created=False, article=earlier.result.article, dry_run=True
            )
        else:
            report.result = import_article(
                report.parsed, status=status, category=category, by=by, dry_run=dry_run
            )
        seen.setdefault(report.parsed.key, report)
        yield report
