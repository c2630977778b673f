"""Legal advice behind the form: the legal officers' group and queue, answering and publishing,
the email to the asker, the public pages (never the contact), and the retention purge."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from advice.models import Question
from advice.roles import LEGAL_OFFICERS
from core import roles
from tests.factories import (
    make_answered_question,
    make_document,
    make_editor,
    make_question,
    make_user,
)

pytestmark = pytest.mark.django_db

CONTACT = "bi.mat.0987@example.vn"
PHONE = "0987654321"


@pytest.fixture
def legal_officer():
    return make_user(groups=[LEGAL_OFFICERS], is_staff=True, first_name="Luật sư")


def change_url(question):
    return f"/quan-tri/advice/question/{question.pk}/change/"


def answer_form(question, **changes):
    data = {
        "field": question.field,
        "title": "Công ty chậm trả lương hai tháng thì người lao động làm gì?",
        "slug": "",
        "public_question": "Công ty chậm trả lương hai tháng. Tôi có được nghỉ việc ngay không?",
        "answer": "<p>Theo điểm b khoản 2 Điều 35 Bộ luật Lao động 2019, người lao động được "
        "đơn phương chấm dứt hợp đồng không cần báo trước khi không được trả đủ lương.</p>",
        "internal_note": "",
    }
    data.update(changes)
    return data


# The group and the queue ---------------------------------------------------------------------------


def test_the_legal_officers_group_exists_with_its_permissions():
    group = Group.objects.get(name="Tư vấn pháp luật")
    perms = {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }
    assert {
        "advice.view_question",
        "advice.change_question",
        "advice.publish_question",
        "documents.view_document",
    } <= perms
    assert "advice.delete_question" not in perms
    assert "news.change_article" not in perms


def test_editors_manage_the_library_and_may_publish_answers():
    editor = make_editor()
    for perm in [
        "documents.add_document",
        "documents.change_documentfile",
        "advice.publish_question",
    ]:
        assert editor.has_perm(perm), perm


def test_the_queue_lists_open_questions_first_with_their_original_text(client, legal_officer):
    answered = make_answered_question(title="Đã trả lời từ trước")
    waiting = make_question(question="Tôi bị trừ lương vì đi muộn năm phút, có đúng luật không?")
    client.force_login(legal_officer)
    response = client.get("/quan-tri/advice/question/")
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows == [waiting, answered]
    # Questions come only from the public form, with the asker's consent.
    assert "/quan-tri/advice/question/add/" not in response.content.decode()
    page = client.get(change_url(waiting)).content.decode()
    assert "trừ lương vì đi muộn" in page
    assert waiting.contact in page
    assert "Lưu và đăng" in page
    assert "Lưu, không đăng" in page


def test_an_officer_of_the_union_cannot_reach_the_queue(client):
    officer = make_user(groups=[roles.OFFICERS])
    client.force_login(officer)
    response = client.get("/quan-tri/advice/question/")
    assert response.status_code == 302


# Publishing ----------------------------------------------------------------------------------------


def test_publishing_an_answer_puts_it_online_and_emails_the_asker(
    client, legal_officer, django_capture_on_commit_callbacks
):
    question = make_question(contact=CONTACT, asker_name="Trần Văn Tư")
    law = make_document(number="Luật số 45/2019/QH14", summary="Bộ luật Lao động")
    client.force_login(legal_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(question),
            answer_form(question, cited_documents=[law.pk], _advice="publish"),
        )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED
    assert question.answered_by == legal_officer
    assert question.published_at and question.closed_at
    assert question.slug == "cong-ty-cham-tra-luong-hai-thang-thi-nguoi-lao-dong-lam-gi"
    # Its original wording stays as it came, for the record.
    assert question.question.startswith("Công ty chậm trả lương hai tháng, tôi phải làm gì?")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [CONTACT]
    assert "đã có câu trả lời" in message.subject
    assert question.get_absolute_url() in message.body
    assert question.notified_at is not None or Question.objects.get().notified_at

    page = client.get(question.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Điều 35 Bộ luật Lao động 2019" in text
    assert law.get_absolute_url() in text
    assert "Ẩn danh" in text
    assert "Trần Văn Tư" not in text


def test_publishing_twice_sends_one_email(
    client, legal_officer, django_capture_on_commit_callbacks
):
    question = make_question(contact=CONTACT)
    client.force_login(legal_officer)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(change_url(question), answer_form(question, _advice="publish"))
    assert len(mail.outbox) == 1


def test_an_asker_who_left_a_phone_gets_no_email(
    client, legal_officer, django_capture_on_commit_callbacks
):
    question = make_question(contact=PHONE)
    client.force_login(legal_officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(question), answer_form(question, _advice="publish"))
    assert Question.objects.get().is_published
    assert mail.outbox == []


def test_an_answer_cannot_be_published_without_its_text(client, legal_officer):
    question = make_question()
    client.force_login(legal_officer)
    response = client.post(
        change_url(question), answer_form(question, answer="", _advice="publish"), follow=True
    )
    assert "Chưa đăng được: còn thiếu câu trả lời." in response.content.decode()
    question.refresh_from_db()
    assert question.status == Question.Status.NEW
    # What the officer typed was saved all the same.
    assert question.title.startswith("Công ty chậm trả lương")


def test_declining_closes_the_question_without_publishing(client, legal_officer):
    question = make_question()
    client.force_login(legal_officer)
    client.post(change_url(question), answer_form(question, _advice="decline"))
    question.refresh_from_db()
    assert question.status == Question.Status.DECLINED
    assert question.closed_at is not None
    assert client.get(question.get_absolute_url()).status_code == 404
    assert mail.outbox == []


def test_nothing_is_public_before_publication(client):
    question = make_question(title="Tiêu đề đã soạn nhưng chưa đăng", answer="<p>Bản nháp.</p>")
    assert question.slug
    assert client.get(question.get_absolute_url()).status_code == 404
    for path in ["/hoi-dap/", "/tim-kiem/?q=chua+dang", "/sitemap-hoi-dap.xml"]:
        assert "chưa đăng" not in client.get(path).content.decode(), path


def test_reopening_takes_an_answer_off_the_site(client, legal_officer):
    question = make_answered_question()
    client.force_login(legal_officer)
    client.post(change_url(question), answer_form(question, _advice="reopen"))
    question.refresh_from_db()
    assert question.status == Question.Status.NEW
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 404


def test_a_published_answer_cannot_lose_its_text_in_the_admin(client, legal_officer):
    question = make_answered_question()
    client.force_login(legal_officer)
    response = client.post(change_url(question), answer_form(question, answer=""))
    assert response.status_code == 200
    assert "không thể bỏ trống câu trả lời" in response.content.decode()


# The public pages ------------------------------------------------------------------------------------


def test_the_answer_page_is_a_qapage_with_related_questions_of_its_field(client):
    question = make_answered_question(
        title="Nghỉ việc khi bị nợ lương", asker_name="Hà", show_name=True
    )
    same = make_answered_question(title="Lương làm thêm giờ ngày lễ")
    other = make_answered_question(title="Tai nạn trên đường đi làm", field=Question.Field.SAFETY)
    page = client.get(question.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(blocks[0])
    assert data["@type"] == "QAPage"
    assert data["mainEntity"]["name"] == "Nghỉ việc khi bị nợ lương"
    assert data["mainEntity"]["author"]["name"] == "Hà"
    assert "Điều 97" in data["mainEntity"]["acceptedAnswer"]["text"]
    aside = page.split('id="cung-linh-vuc"')[1]
    assert same.title in aside
    assert other.title not in aside


def test_the_list_filters_by_field_and_finds_answers_without_accents(client):
    wages = make_answered_question(title="Công ty nợ lương thì làm gì")
    safety = make_answered_question(
        title="Bồi thường tai nạn lao động", field=Question.Field.SAFETY
    )
    response = client.get("/hoi-dap/", {"linh-vuc": "an-toan-lao-dong"})
    assert list(response.context["questions"]) == [safety]
    response = client.get("/hoi-dap/", {"q": "no luong"})
    assert list(response.context["questions"]) == [wages]
    response = client.get("/tim-kiem/", {"q": "boi thuong tai nan"})
    blocks = {source.key: results for source, results, _count in response.context["blocks"]}
    assert [r.url for r in blocks["advice"]] == [safety.get_absolute_url()]


@pytest.mark.parametrize("rows", [1, 50])
def test_the_list_takes_a_constant_number_of_queries(client, django_assert_max_num_queries, rows):
    for n in range(rows):
        make_answered_question(title=f"Câu hỏi số {n}")
    client.get("/")
    with django_assert_max_num_queries(4):
        response = client.get("/hoi-dap/")
    assert response.status_code == 200


def test_the_contact_never_appears_on_a_public_page_or_feed(client):
    question = make_answered_question(contact=CONTACT, locality="Công ty May Bảo Lộc 123")
    pages = [
        "/",
        "/hoi-dap/",
        question.get_absolute_url(),
        "/tim-kiem/?q=tra+luong",
        "/sitemap.xml",
        "/sitemap-hoi-dap.xml",
        "/tin-tuc/rss/",
        "/van-ban/rss/",
    ]
    for path in pages:
        body = client.get(path).content.decode()
        assert CONTACT not in body, path
        assert "bi.mat" not in body, path
        assert "Công ty May Bảo Lộc 123" not in body, path
    assert question.get_absolute_url() in client.get("/sitemap-hoi-dap.xml").content.decode()


def test_the_contact_is_never_kept_in_history():
    question = make_question(contact=CONTACT)
    question.title = "Sửa để đăng"
    question.save()
    assert question.history.count() == 2
    assert not hasattr(question.history.first(), "contact")


# Retention ------------------------------------------------------------------------------------------


def test_the_purge_blanks_contacts_of_questions_closed_past_the_retention(settings, capsys):
    settings.ADVICE_CONTACT_RETENTION_DAYS = 30
    now = timezone.now()
    old = make_answered_question(contact=CONTACT, closed_at=now - timezone.timedelta(days=31))
    recent = make_answered_question(contact=PHONE, closed_at=now - timezone.timedelta(days=29))
    declined = make_question(
        status=Question.Status.DECLINED, closed_at=now - timezone.timedelta(days=40)
    )
    waiting = make_question()
    Question.objects.filter(pk=waiting.pk).update(created_at=now - timezone.timedelta(days=400))

    call_command("purge_question_contacts")
    assert "Đã xóa thông tin liên hệ của 2 câu hỏi đã đóng quá 30 ngày." in capsys.readouterr().out
    contacts = dict(Question.objects.values_list("pk", "contact"))
    assert contacts[old.pk] == ""
    assert contacts[declined.pk] == ""
    assert contacts[recent.pk] == PHONE
    # An open question keeps its contact however old it is: the officer may still need it.
    assert contacts[waiting.pk] == waiting.contact
    # The answer itself stays online.
    assert Question.objects.get(pk=old.pk).is_published


def test_the_purge_dry_run_changes_nothing(capsys):
    make_answered_question(closed_at=timezone.now() - timezone.timedelta(days=90))
    call_command("purge_question_contacts", "--dry-run", "--days", "10")
    assert "Sẽ xóa thông tin liên hệ của 1 câu hỏi" in capsys.readouterr().out
    assert Question.objects.exclude(contact="").count() == 1
