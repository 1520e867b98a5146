"""Appointments exported and imported like the other records; shown on the meeting page; admin."""

import pytest
from django.urls import reverse

from archive.admin.formats import CSV
from archive.admin.resources import AppointmentResource, OfficialResource
from archive.models import Appointment, Official
from archive.pipeline.load import load_paths

pytestmark = pytest.mark.django_db

TEXT = "2021年3月5日，区长王建国主持召开区政府常务会议。会议决定任命张伟为区财政局局长，李明为区审计局局长；免去赵刚的区统计局局长职务。"


@pytest.fixture
def loaded(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert load_paths([path], locality="柯桥区").count("loaded") == 1


def rows():
    return sorted(
        (a.meeting.source.sha256, a.name, a.action, a.post, a.official.name if a.official else None, a.start, a.end)
        + (a.agenda_item.order if a.agenda_item else None,)
        for a in Appointment.objects.select_related("meeting__source", "official", "agenda_item")
    )


def test_export_then_import_into_an_archive_without_them_and_twice_is_a_no_op(loaded):
    before = rows()
    assert len(before) == 3
    exported = CSV().export_data(AppointmentResource().export())
    assert "区财政局局长" in exported and "张伟|柯桥区|" in exported
    Appointment.objects.all().delete()
    result = AppointmentResource().import_data(CSV().create_dataset(exported), dry_run=False, raise_errors=True)
    assert result.totals["new"] == 3
    assert rows() == before
    again = AppointmentResource().import_data(CSV().create_dataset(exported), dry_run=False, raise_errors=True)
    assert again.totals["new"] == 0 and again.totals["update"] == 0
    assert rows() == before


def test_officials_export_their_division_code(loaded):
    exported = CSV().export_data(OfficialResource().export())
    assert "330603" in exported
    Official.objects.filter(name="张伟").update(notes="x")


def test_a_bad_action_is_refused_naming_it(loaded):
    exported = CSV().export_data(AppointmentResource().export()).replace(",appoint,", ",promote,", 1)
    result = AppointmentResource().import_data(CSV().create_dataset(exported), dry_run=True)
    assert result.has_errors() or result.has_validation_errors()


def test_admin_lists_appointments_and_a_curators_edit_is_curated(admin_client, loaded):
    appointment = Appointment.objects.get(name="张伟")
    assert admin_client.get(reverse("admin:archive_appointment_changelist")).status_code == 200
    url = reverse("admin:archive_appointment_change", args=[appointment.pk])
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(reverse("admin:archive_division_changelist") + "?q=柯桥").status_code == 200


def test_a_curators_tenure_correction_survives_a_reload_of_more_meetings(admin_client, loaded, tmp_path):
    from archive.models import Tenure

    tenure = Tenure.objects.get(official__name="王建国")
    url = reverse("admin:archive_tenure_change", args=[tenure.pk])
    assert admin_client.get(url).status_code == 200
    tenure.first_date = tenure.first_date.replace(year=2018)
    tenure.curated = True
    tenure.save()
    later = tmp_path / "b.txt"
    later.write_text(TEXT.replace("2021年3月5日", "2022年3月5日"), encoding="utf-8")
    assert load_paths([later], locality="柯桥区").count("loaded") == 1
    tenure.refresh_from_db()
    assert tenure.first_date.year == 2018 and tenure.meeting_count == 1
