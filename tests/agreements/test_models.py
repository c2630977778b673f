"""Agreements, partners and tasks: the rules the model and the database hold."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import Agreement, AgreementPartner, AgreementTask
from tests.factories import make_agreement, make_partner, make_task

pytestmark = pytest.mark.django_db


def test_a_reversed_period_is_refused_by_the_database():
    agreement = make_agreement(valid_from=date(2021, 4, 8), valid_until=date(2023, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(valid_until=date(2021, 4, 7))


def test_a_reversed_period_cannot_be_created_either():
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.create(
            title="Sai thời hạn",
            signed_on=date(2021, 4, 8),
            valid_from=date(2021, 4, 8),
            valid_until=date(2020, 1, 1),
        )


def test_a_one_day_programme_is_allowed():
    agreement = make_agreement(valid_from=date(2021, 4, 8), valid_until=date(2021, 4, 8))
    assert agreement.period_label == "2021"


def test_a_reversed_period_gets_a_vietnamese_message_in_forms():
    agreement = Agreement(
        title="Sai thời hạn",
        signed_on=date(2021, 4, 8),
        valid_from=date(2021, 4, 8),
        valid_until=date(2020, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực." in str(error.value)


def test_an_agreement_cannot_renew_itself():
    agreement = make_agreement()
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(renews=agreement)


def test_a_renewal_loop_is_refused_by_clean():
    first = make_agreement()
    second = make_agreement(renews=first)
    first.renews = second
    with pytest.raises(ValidationError) as error:
        first.full_clean()
    assert "vòng lặp" in str(error.value)


def test_a_partner_cannot_be_its_own_successor():
    partner = make_partner()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(partner).objects.filter(pk=partner.pk).update(successor=partner)


def test_slugs_read_as_vietnamese_and_stay_unique():
    first = make_agreement(title="Chương trình phối hợp giai đoạn 2021–2023")
    second = make_agreement(title="Chương trình phối hợp giai đoạn 2021–2023")
    partner = make_partner(name="Đài Phát thanh – Truyền hình Lâm Đồng")
    assert first.slug == "chuong-trinh-phoi-hop-giai-doan-2021-2023"
    assert second.slug == "chuong-trinh-phoi-hop-giai-doan-2021-2023-2"
    assert partner.slug == "dai-phat-thanh-truyen-hinh-lam-dong"
    assert (
        first.get_absolute_url()
        == "/chuong-trinh-phoi-hop/chuong-trinh-phoi-hop-giai-doan-2021-2023/"
    )
    assert partner.get_absolute_url() == "/doi-tac/dai-phat-thanh-truyen-hinh-lam-dong/"


def test_an_agreement_keeps_the_partner_name_it_was_signed_with():
    partner = make_partner(name="Báo Lâm Đồng")
    agreement = make_agreement(partners=[partner])
    merged = make_partner(name="Báo và Phát thanh, Truyền hình Lâm Đồng")
    partner.name = "Báo Lâm Đồng (cũ)"
    partner.successor = merged
    partner.save()
    link = AgreementPartner.objects.get(agreement=agreement)
    assert link.name_at_signing == "Báo Lâm Đồng"
    assert link.renamed


def test_the_name_at_signing_is_filled_when_linked_through_the_form_path():
    partner = make_partner(name="Đài PTTH tỉnh Lâm Đồng")
    agreement = make_agreement(partners=[])
    link = AgreementPartner.objects.create(agreement=agreement, partner=partner)
    assert link.name_at_signing == "Đài PTTH tỉnh Lâm Đồng"
    assert not link.renamed


def test_a_partner_appears_only_once_in_an_agreement():
    partner = make_partner()
    agreement = make_agreement(partners=[partner])
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementPartner.objects.create(agreement=agreement, partner=partner, name_at_signing="X")


def test_a_partner_task_must_name_the_partner_and_a_federation_task_must_not():
    partner = make_partner()
    agreement = make_agreement(partners=[partner])
    with pytest.raises(IntegrityError), transaction.atomic():
        make_task(agreement=agreement, responsible=AgreementTask.Responsible.PARTNER)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_task(
            agreement=agreement,
            responsible=AgreementTask.Responsible.FEDERATION,
            partner=partner,
        )
    task = make_task(
        agreement=agreement, responsible=AgreementTask.Responsible.PARTNER, partner=partner
    )
    assert task.responsible_label == partner.name


def test_task_counts_come_from_the_queryset_or_from_the_tasks():
    agreement = make_agreement()
    make_task(agreement=agreement, progress=AgreementTask.Progress.DONE)
    make_task(agreement=agreement, progress=AgreementTask.Progress.IN_PROGRESS)
    make_task(agreement=agreement)
    annotated = Agreement.objects.with_task_counts().get(pk=agreement.pk)
    assert annotated.task_counts == (1, 3)
    fresh = Agreement.objects.get(pk=agreement.pk)
    assert fresh.task_counts == (1, 3)


def test_task_counts_are_not_inflated_by_a_partner_filter():
    partners = [make_partner(), make_partner()]
    agreement = make_agreement(partners=partners)
    make_task(agreement=agreement, progress=AgreementTask.Progress.DONE)
    make_task(agreement=agreement)
    found = Agreement.objects.filter(partners=partners[1]).with_task_counts().get()
    assert found.pk == agreement.pk
    assert found.task_counts == (1, 2)


def test_search_text_is_folded_and_includes_partner_names():
    partner = make_partner(name="Đài Phát thanh – Truyền hình Lâm Đồng")
    agreement = make_agreement(title="Tuyên truyền công đoàn", partners=[partner])
    agreement.refresh_from_db()
    assert agreement.search_title == " tuyen truyen cong doan "
    assert "dai phat thanh" in agreement.search_text
    assert "lam dong" in agreement.search_text


def test_rich_text_is_sanitized_on_save():
    agreement = make_agreement(summary='<p onclick="x()">Tóm tắt</p><script>alert(1)</script>')
    agreement.refresh_from_db()
    assert agreement.summary == "<p>Tóm tắt</p>"


def test_str_of_each_model_is_readable():
    partner = make_partner(name="Báo Lâm Đồng")
    agreement = make_agreement(title="Chương trình A", partners=[partner])
    task = make_task(agreement=agreement, title="Xây dựng chuyên mục công đoàn")
    assert str(partner) == "Báo Lâm Đồng"
    assert str(agreement) == "Chương trình A"
    assert str(task) == "Xây dựng chuyên mục công đoàn"
    assert str(agreement.agreement_partners.get()) == "Báo Lâm Đồng"


def test_years_in_force_run_from_the_last_end_back_to_the_first_start():
    assert Agreement.objects.years_in_force() == []
    make_agreement(valid_from=date(2019, 6, 1), valid_until=date(2021, 5, 31))
    make_agreement(valid_from=date(2020, 1, 1), valid_until=date(2020, 12, 31))
    assert Agreement.objects.years_in_force() == [2021, 2020, 2019]
