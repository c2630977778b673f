"""Drive the article admin like a browser: read a change form's fields, post them back, read
the messages and the errors that the page shows."""

import html
import re
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile

from news.models import Article

ADD_URL = "/quan-tri/news/article/add/"
LIST_URL = "/quan-tri/news/article/"
TRASH_URL = "/quan-tri/news/trashedarticle/"


def change_url(article):
    return f"/quan-tri/news/article/{article.pk}/change/"


def delete_url(article):
    return f"/quan-tri/news/article/{article.pk}/delete/"


def history_url(article):
    return f"/quan-tri/news/article/{article.pk}/history/"


class _FormReader(HTMLParser):
    """The fields a browser would send from the page's main form (the one with `form_id`)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data = {}
        self._textarea = None
        self._select = None
        self._select_first = None
        self._multiple = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self._select_first = None
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs and self._multiple:
                self.data.setdefault(self._select, []).append(value)
            elif "selected" in attrs:
                self.data[self._select] = value

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            # A browser sends the first option of a single select when none is marked selected,
            # and nothing for a multiple one.
            if not self._multiple:
                self.data.setdefault(self._select, self._select_first or "")
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_fields(response, form_id="article_form"):
    """What a browser would post back from the page, unchanged."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    # Django's textareas open with a newline that the browser drops.
    return {
        k: v[1:] if isinstance(v, str) and v.startswith("\n") else v for k, v in reader.data.items()
    }


def open_form(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return form_fields(response)


def messages_of(response):
    """The admin's flash messages on the page (after following the redirect)."""
    page = response.content.decode()
    block = re.search(r'<ul class="messagelist">(.*?)</ul>', page, re.S)
    items = re.findall(r"<li[^>]*>(.*?)</li>", block.group(1), re.S) if block else []
    return [html.unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in items]


def page_messages(client, response):
    """The messages the user reads after a POST: follow the redirect, collect them."""
    assert response.status_code == 302, form_errors(response)
    return messages_of(client.get(response["Location"]))


def form_errors(response):
    page = response.content.decode()
    return [
        html.unescape(re.sub(r"<[^>]+>", "", m)).strip()
        for m in re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
    ]


def inline_management(total=0, initial=0, prefix="photos"):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def new_article_post(category, **overrides):
    """An add form as a correspondent fills it (no publishing fields: those are editors')."""
    data = {
        "title": "Công đoàn cơ sở tổ chức Ngày hội công nhân",
        "slug": "",
        "category": str(category.pk),
        "lead": "Hơn 300 đoàn viên tham gia các trò chơi dân gian và hội thao.",
        "body": "<p>Ngày hội diễn ra sôi nổi tại sân nhà máy.</p>",
        "byline": "Thu Hà",
        "source_label": "",
        "source_url": "",
        "tags": "Ngày hội công nhân",
        "edit_version": "",
        **inline_management(),
    }
    data.update(overrides)
    return data


def split_datetime(prefix, value):
    """The admin's two boxes (date, time) for a datetime, in the site's Vietnamese format."""
    from django.utils import timezone

    local = timezone.localtime(value)
    return {f"{prefix}_0": local.strftime("%d/%m/%Y"), f"{prefix}_1": local.strftime("%H:%M:%S")}


def actions(page):
    """The labels of the article form's action bar, primary first."""
    found = re.findall(r'<button[^>]*data-action="\w+"[^>]*>([^<]+)</button>', page)
    return [html.unescape(label).strip() for label in found]


def photo_fields(index, *, caption, alt_text, upload, cover=False, credit=""):
    fields = {
        f"photos-{index}-image": upload,
        f"photos-{index}-caption": caption,
        f"photos-{index}-alt_text": alt_text,
        f"photos-{index}-credit": credit,
        f"photos-{index}-order": str(index),
    }
    if cover:
        fields[f"photos-{index}-is_cover"] = "on"
    return fields


def article_form(category, **overrides):
    """The editors' add form, filled in and published unless `status` says otherwise."""
    data = {
        "title": "Hội nghị ký kết Chương trình phối hợp tuyên truyền năm 2021",
        "slug": "",
        "category": str(category.pk),
        "lead": "Liên đoàn Lao động tỉnh và các cơ quan báo chí ký kết chương trình phối hợp.",
        "body": (
            "<h2>Nội dung phối hợp</h2><p>Hai bên thống nhất tuyên truyền về "
            "<strong>đoàn viên</strong>.</p><script>alert(1)</script>"
        ),
        "byline": "D.QUỲNH",
        "source_label": "LĐ online",
        "source_url": "https://laodong.vn/cong-doan/hoi-nghi.html",
        "tags": "Công đoàn, Truyền thông",
        "published_at_0": "",
        "published_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        **inline_management(0),
    }
    # The status is read-only in the form: publishing is the "Lưu và đăng bài" button.
    if overrides.pop("status", Article.Status.PUBLISHED) == Article.Status.PUBLISHED:
        data["_workflow"] = "publish"
    data.update(overrides)
    return data


def not_an_image_form(category, name, content):
    """The add form with one "photo" that is not an image."""
    return article_form(
        category,
        **inline_management(1),
        **photo_fields(
            0,
            caption="Không phải ảnh",
            alt_text="Tệp giả",
            upload=SimpleUploadedFile(name, content, "image/jpeg"),
        ),
    )
