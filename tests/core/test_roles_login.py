"""Roles and login safety from the outside: the role groups, who may enter the admin, brute-force
lockout on both login pages, password rules and sessions that end with the working day."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from core import roles
from tests.factories import make_correspondent, make_editor, make_officer, make_user

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/quan-tri/login/"
PUBLIC_LOGIN = "/dang-nhap/"
PASSWORD = "MatKhau@2026"


def group_permissions(name):
    group = Group.objects.get(name=name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


# The role groups ----------------------------------------------------------------------------------


def test_the_three_role_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Biên tập viên",
        "Cộng tác viên",
        "Cán bộ công đoàn",
    }


def test_editors_may_do_everything_on_news_agreements_and_worker_profiles():
    perms = group_permissions(roles.EDITORS)
    for model in ["article", "photo", "category", "tag", "correspondent", "trashedarticle"]:
        for action in ["add", "change", "delete", "view"]:
            assert f"news.{action}_{model}" in perms
    assert "news.publish_article" in perms
    for model in ["agreement", "partner", "agreementtask"]:
        assert f"agreements.change_{model}" in perms
        assert f"agreements.delete_{model}" in perms
    for model in ["exemplaryworker", "honour", "sector"]:
        assert f"federation.change_{model}" in perms
    assert "news.view_historicalarticle" in perms


def test_correspondents_may_write_articles_with_photos_and_nothing_else():
    perms = group_permissions(roles.CORRESPONDENTS)
    writing = {f"news.{a}_{m}" for m in ["article", "photo"] for a in ["add", "change", "delete"]}
    assert writing <= perms
    assert "news.publish_article" not in perms
    assert not {p for p in perms if not p.startswith("news.")}
    assert not {p for p in perms if "category" in p or "tag" in p} - {
        "news.view_category",
        "news.view_tag",
    }
    assert "news.view_trashedarticle" not in perms
    assert "news.change_correspondent" not in perms


def test_officers_have_no_admin_permission_at_all():
    assert group_permissions(roles.OFFICERS) == set()


def test_a_correspondent_account_has_the_writing_permissions_and_cannot_publish():
    correspondent = make_correspondent()
    assert correspondent.has_perm("news.add_article")
    assert not correspondent.has_perm("news.publish_article")
    assert not correspondent.has_perm("agreements.view_agreement")
    assert not correspondent.has_perm("federation.view_exemplaryworker")


# Who enters the admin -----------------------------------------------------------------------------


def test_officer_is_sent_away_from_the_admin(client):
    client.force_login(make_officer())
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response["Location"].startswith(ADMIN_LOGIN)


def test_officer_cannot_sign_in_to_the_admin(client):
    officer = make_officer(username="canbo.tanha")
    response = client.post(ADMIN_LOGIN, {"username": "canbo.tanha", "password": PASSWORD})
    assert response.status_code == 200
    assert "Bạn hãy nhập đúng" in response.content.decode()
    assert client.get("/quan-tri/").status_code == 302
    assert "_auth_user_id" not in client.session
    assert officer.pk  # the account itself is fine, only the admin refuses it


def test_officer_signs_in_on_the_public_login_page(client):
    officer = make_officer(username="canbo.dalat")
    response = client.post(PUBLIC_LOGIN, {"username": "canbo.dalat", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/chuong-trinh-phoi-hop/"
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_correspondent_signs_in_to_the_admin(client):
    make_correspondent(username="ctv.baoloc")
    response = client.post(
        ADMIN_LOGIN, {"username": "ctv.baoloc", "password": PASSWORD, "next": "/quan-tri/"}
    )
    assert response.status_code == 302
    assert client.get("/quan-tri/").status_code == 200


# Brute force --------------------------------------------------------------------------------------


def fail_five_times(client, url, username):
    for attempt in range(1, 6):
        response = client.post(url, {"username": username, "password": f"sai-mat-khau-{attempt}"})
        if attempt < 5:
            assert response.status_code == 200, attempt
    return response


@pytest.mark.parametrize("url", [ADMIN_LOGIN, PUBLIC_LOGIN])
def test_five_wrong_passwords_lock_the_account_with_a_vietnamese_page(client, url):
    user = make_editor(username="bientap.lamdong")
    fail_five_times(client, url, "bientap.lamdong")

    response = client.post(url, {"username": "bientap.lamdong", "password": PASSWORD})

    assert response.status_code in (403, 429)
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "Hãy thử lại sau 30 phút" in page
    assert "_auth_user_id" not in client.session
    assert user.pk


def test_the_lockout_does_not_touch_other_accounts(client):
    make_editor(username="bientap.mot")
    make_editor(username="bientap.hai")
    fail_five_times(client, ADMIN_LOGIN, "bientap.mot")

    response = client.post(ADMIN_LOGIN, {"username": "bientap.hai", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_four_wrong_passwords_do_not_lock_the_account(client):
    make_editor(username="bientap.vung")
    for attempt in range(4):
        client.post(ADMIN_LOGIN, {"username": "bientap.vung", "password": f"sai-{attempt}"})
    response = client.post(ADMIN_LOGIN, {"username": "bientap.vung", "password": PASSWORD})
    assert response.status_code == 302


def test_the_lockout_ends_after_thirty_minutes(client, time_machine):
    time_machine.move_to(timezone.now())
    make_editor(username="bientap.cho")
    fail_five_times(client, ADMIN_LOGIN, "bientap.cho")
    time_machine.shift(dt.timedelta(minutes=31))

    response = client.post(ADMIN_LOGIN, {"username": "bientap.cho", "password": PASSWORD})

    assert response.status_code == 302


# Passwords and sessions ---------------------------------------------------------------------------


def test_password_change_refuses_a_weak_password_in_vietnamese(client):
    editor = make_editor()
    client.force_login(editor)
    response = client.post(
        "/quan-tri/password_change/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mật khẩu này quá phổ biến." in page
    assert "Mật khẩu này hoàn toàn là số." in page
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_password_change_accepts_a_strong_password(client):
    editor = make_editor()
    client.force_login(editor)
    response = client.post(
        "/quan-tri/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "Đồi-chè-Cầu-Đất-2026",
            "new_password2": "Đồi-chè-Cầu-Đất-2026",
        },
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("Đồi-chè-Cầu-Đất-2026")


def test_a_session_lasts_no_longer_than_a_working_day():
    assert 0 < settings.SESSION_COOKIE_AGE <= 9 * 3600
    assert any(
        v["NAME"].endswith("CommonPasswordValidator") for v in settings.AUTH_PASSWORD_VALIDATORS
    )


def test_the_session_cookie_expires_and_the_admin_asks_to_sign_in_again(client, time_machine):
    time_machine.move_to(timezone.now())
    make_correspondent(username="ctv.dalat")
    response = client.post(ADMIN_LOGIN, {"username": "ctv.dalat", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
    assert cookie["expires"]

    time_machine.shift(dt.timedelta(hours=8))
    assert client.get("/quan-tri/").status_code == 200

    time_machine.shift(dt.timedelta(hours=1, minutes=1))
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response["Location"].startswith(ADMIN_LOGIN)


def test_inactive_staff_cannot_sign_in(client):
    make_user(username="nghi.viec", is_staff=True, is_active=False)
    response = client.post(ADMIN_LOGIN, {"username": "nghi.viec", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


# Brute force behind nginx: failures count per account and real client address ---------------------

PROXY = "127.0.0.1"  # nginx, the REMOTE_ADDR of every request it forwards
ATTACKER = "203.0.113.66"
EDITOR_HOME = "198.51.100.7"


@pytest.fixture
def behind_one_proxy(settings):
    """As deploy/env.example says: one nginx in front, which appends the client's address to
    X-Forwarded-For ($proxy_add_x_forwarded_for)."""
    settings.PROXY_COUNT = 1


def via_proxy(client, url, username, password, forwarded_for):
    return client.post(
        url,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.parametrize("url", [ADMIN_LOGIN, PUBLIC_LOGIN])
def test_an_attacker_behind_the_proxy_is_locked_out_and_the_editor_still_signs_in(
    behind_one_proxy, url
):
    editor = make_editor(username="bientap")
    attacker, colleague = Client(), Client()
    for attempt in range(6):
        response = via_proxy(attacker, url, "bientap", f"doan-bua-{attempt}", ATTACKER)
    assert response.status_code in (403, 429)
    assert "Tạm khóa đăng nhập" in response.content.decode()
    # Even the right password does not get the attacker in while the lockout lasts.
    locked = via_proxy(attacker, url, "bientap", PASSWORD, ATTACKER)
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert "_auth_user_id" not in attacker.session

    response = via_proxy(colleague, url, "bientap", PASSWORD, EDITOR_HOME)

    assert response.status_code == 302
    assert colleague.session["_auth_user_id"] == str(editor.pk)


@pytest.mark.parametrize("url", [ADMIN_LOGIN, PUBLIC_LOGIN])
def test_a_forged_left_most_forwarded_address_does_not_help_the_attacker(behind_one_proxy, url):
    editor = make_editor(username="bientap")
    attacker, colleague = Client(), Client()
    # The attacker sends an X-Forwarded-For of its own, a new address each time and then the
    # editor's; nginx appends the address it really sees, which is the one that counts.
    for attempt in range(5):
        forged = f"10.9.8.{attempt}, {ATTACKER}"
        via_proxy(attacker, url, "bientap", f"doan-bua-{attempt}", forged)
    for attempt in range(5):
        via_proxy(attacker, url, "bientap", f"lan-nua-{attempt}", f"{EDITOR_HOME}, {ATTACKER}")

    locked = via_proxy(attacker, url, "bientap", PASSWORD, f"192.0.2.1, {ATTACKER}")
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert "_auth_user_id" not in attacker.session

    response = via_proxy(colleague, url, "bientap", PASSWORD, EDITOR_HOME)

    assert response.status_code == 302
    assert colleague.session["_auth_user_id"] == str(editor.pk)
