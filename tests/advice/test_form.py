"""The question form: a good question is stored once; empty, oversized, scripted, too-fast,
repeated, rate-limited and honeypot-filled posts store nothing, say why in Vietnamese and keep
what was typed; consent is required."""

import time

import pytest
import time_machine

from advice import spam
from advice.forms import CONSENT_VERSION
from advice.models import Question

pytestmark = pytest.mark.django_db

ASK = "/hoi-dap/gui-cau-hoi/"
QUESTION = (
    "Tôi làm công nhân may ở Bảo Lộc, công ty đã chậm trả lương hai tháng nay. Tôi có được "
    "nghỉ việc ngay mà không cần báo trước không?"
)


def started(seconds_ago=60):
    """The form's start stamp, as if the form had been shown that many seconds ago."""
    with time_machine.travel(time.time() - seconds_ago, tick=False):
        return spam.start_token()


def post(client, ip="203.0.113.7", **changes):
    data = {
        "asker_name": "Lê Thị Mai",
        "locality": "Bảo Lộc, Lâm Đồng",
        "contact": "mai.le@example.vn",
        "field": "tien-luong",
        "question": QUESTION,
        "consent": "on",
        "website": "",
        "started": started(),
    }
    data.update(changes)
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(ASK, data, REMOTE_ADDR=ip)


def refused(response, message):
    """Nothing stored, the form back with the message, and what was typed still in it."""
    page = response.content.decode()
    assert response.status_code == 200
    assert not Question.objects.exists()
    assert message in page, page[:3000]
    return page


def test_the_form_is_a_phone_friendly_page_with_the_data_notice(client):
    page = client.get(ASK).content.decode()
    assert "Nghị định 13/2023/NĐ-CP" in page
    assert "không bao giờ hiện trên trang web" in page
    assert 'name="started"' in page
    assert 'name="consent"' in page
    assert client.get(ASK)["Cache-Control"].startswith("max-age=0")


def test_a_good_question_is_stored_once_for_the_legal_officers(client):
    response = post(client, contact=" 0912.345.678 ")
    assert response.status_code == 302
    assert response["Location"] == "/hoi-dap/gui-cau-hoi/da-gui/"
    question = Question.objects.get()
    assert question.question == QUESTION
    assert question.contact == "0912345678"
    assert question.status == Question.Status.NEW
    assert question.consent_version == CONSENT_VERSION
    assert question.consent_at is not None
    assert question.slug is None
    # Nothing of it is public before a legal officer publishes it.
    assert "chậm trả lương" not in client.get("/hoi-dap/").content.decode()
    assert "Cảm ơn bạn" in client.get(response["Location"]).content.decode()


def test_an_empty_post_says_what_is_missing(client):
    response = client.post(ASK, {}, REMOTE_ADDR="203.0.113.7")
    page = refused(response, "Hãy chọn lĩnh vực của câu hỏi.")
    assert "Hãy điền câu hỏi." in page
    assert "Hãy điền email hoặc số điện thoại." in page
    assert "Bạn cần đánh dấu đồng ý" in page


def test_consent_is_required_and_the_question_is_kept(client):
    page = refused(post(client, consent=None), "Bạn cần đánh dấu đồng ý")
    assert "chậm trả lương hai tháng nay" in page


def test_an_oversized_question_is_refused_with_its_length_and_kept(client):
    long = QUESTION + " Chi tiết thêm." * 300
    page = refused(post(client, question=long), "Câu hỏi dài quá")
    assert "tối đa 3000 ký tự" in page
    assert "Chi tiết thêm. Chi tiết thêm." in page


def test_a_too_short_question_asks_for_more(client):
    refused(post(client, question="Lương?"), "Câu hỏi ngắn quá")


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script> Tôi bị nợ lương thì làm sao?",
        'Tôi bị nợ lương <img src=x onerror="alert(1)"> thì làm sao?',
        "Tôi bị nợ lương <a href='https://spam.example'>xem tại đây</a> thì sao?",
    ],
)
def test_a_scripted_question_is_refused_and_shown_back_as_text(client, payload):
    page = refused(post(client, question=payload), "không được chứa mã HTML")
    assert "<script>alert(1)</script>" not in page
    assert 'onerror="alert(1)"' not in page
    assert "Tôi bị nợ lương" in page


def test_markup_in_the_name_is_refused_too(client):
    refused(post(client, asker_name="<b>Mai</b>"), "không được chứa mã HTML")


def test_a_comparison_sign_is_not_mistaken_for_markup(client):
    response = post(client, question="Lương của tôi < 5 triệu đồng một tháng, có thấp hơn vùng?")
    assert response.status_code == 302


def test_a_list_of_links_is_refused(client):
    links = " ".join(f"https://spam{n}.example" for n in range(3))
    refused(post(client, question=f"{QUESTION} {links}"), "quá nhiều đường liên kết")


def test_a_post_faster_than_a_person_types_is_refused_and_kept(client):
    page = refused(post(client, started=started(seconds_ago=1)), "Bạn gửi nhanh quá")
    assert "chậm trả lương hai tháng nay" in page


@pytest.mark.parametrize("token", [None, "", "gia-mao:1a2b3c"])
def test_a_post_without_a_valid_start_stamp_is_refused_and_kept(client, token):
    page = refused(post(client, started=token), "Biểu mẫu đã mở quá lâu hoặc không còn hợp lệ")
    assert "chậm trả lương hai tháng nay" in page


def test_a_form_left_open_for_a_day_is_refused_and_kept(client):
    page = refused(post(client, started=started(seconds_ago=24 * 3600)), "mở quá lâu")
    assert "chậm trả lương hai tháng nay" in page


def test_the_corrected_form_can_be_sent_without_waiting_again(client):
    # A person who left out the consent gets the form back with its original stamp.
    page = refused(post(client, consent=None), "Bạn cần đánh dấu đồng ý")
    token = page.split('name="started" value="')[1].split('"')[0]
    assert post(client, started=token).status_code == 302


def test_a_filled_honeypot_stores_nothing_and_says_so(client):
    page = refused(post(client, website="https://seo.example"), "Để trống ô này")
    assert "chậm trả lương hai tháng nay" in page


def test_the_same_question_sent_again_is_refused(client):
    assert post(client).status_code == 302
    response = post(client, ip="198.51.100.9")
    assert "đã được gửi trước đó" in response.content.decode()
    assert Question.objects.count() == 1


def test_a_client_address_may_send_only_a_few_questions_an_hour(client, settings):
    settings.ADVICE_RATE_PER_CLIENT = 3
    for n in range(3):
        response = post(client, contact=f"nguoi{n}@example.vn", question=f"{QUESTION} ({n})")
        assert response.status_code == 302
    response = post(client, contact="nguoi9@example.vn", question=f"{QUESTION} (9)")
    assert "Bạn đã gửi nhiều câu hỏi trong thời gian ngắn" in response.content.decode()
    assert "khoảng một giờ" in response.content.decode()
    assert Question.objects.count() == 3
    # Another address is not held back.
    other = post(client, ip="198.51.100.9", contact="khac@example.vn", question=f"{QUESTION} (k)")
    assert other.status_code == 302


def test_behind_the_proxy_each_visitor_has_a_limit_of_their_own(client, settings):
    # nginx in front: every request comes from 10.0.0.1; the visitor is the address it saw.
    settings.PROXY_COUNT = 1
    settings.ADVICE_RATE_PER_CLIENT = 1

    def behind_proxy(visitor, n):
        data = {
            "asker_name": "Lê Thị Mai",
            "contact": f"nguoi{n}@example.vn",
            "field": "tien-luong",
            "question": f"{QUESTION} ({n})",
            "consent": "on",
            "website": "",
            "started": started(),
        }
        return client.post(ASK, data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=visitor)

    assert behind_proxy("203.0.113.1", 1).status_code == 302
    assert behind_proxy("203.0.113.2", 2).status_code == 302
    # The first visitor again, with a forged left-most entry: still the first visitor.
    held = behind_proxy("198.51.100.9, 203.0.113.1", 3)
    assert "Bạn đã gửi nhiều câu hỏi trong thời gian ngắn" in held.content.decode()
    assert Question.objects.count() == 2


def test_a_contact_may_send_only_a_few_questions_a_day(client, settings):
    settings.ADVICE_RATE_PER_CONTACT = 2
    for n in range(2):
        response = post(client, ip=f"198.51.100.{n}", question=f"{QUESTION} ({n})")
        assert response.status_code == 302
    # The same email, written differently, from another address.
    response = post(
        client, ip="198.51.100.50", contact="MAI.LE@example.vn", question=f"{QUESTION} x"
    )
    assert "khoảng một ngày" in response.content.decode()
    assert Question.objects.count() == 2


def test_the_rate_limit_keeps_no_address_or_contact_in_the_cache(client):
    from django.core.cache import cache

    post(client)
    keys = list(cache._cache.keys())
    assert keys
    assert not any("203.0.113.7" in key or "mai.le" in key for key in keys)


@pytest.mark.parametrize("contact", ["abc", "mai@", "12345", "0912 345 678 999"])
def test_a_contact_that_is_neither_email_nor_phone_is_refused(client, contact):
    refused(post(client, contact=contact), "Hãy ghi một địa chỉ email hoặc một số điện thoại")


@pytest.mark.parametrize("contact", ["0263 3822 123", "+84 912 345 678", "ten@congdoan.vn"])
def test_phones_with_spaces_or_country_code_and_emails_are_accepted(client, contact):
    assert post(client, contact=contact).status_code == 302
