"""Issue 18.5: dates are checked where a curator enters them, and pages cope with what is stored."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from archive.careers.timeline import career_svg
from archive.models import Meeting
from archive.views.home import month_chart

from .forms import change_form_data

pytestmark = pytest.mark.django_db

MINUTES = "2022年3月6日，县长林海主持召开县政府常务会议。出席：周明、吴芳。\n一、研究道路养护工作\n会议听取了汇报。\n"


@pytest.mark.parametrize(
    "changes, field",
    [({"month": 13}, "month"), ({"day": 40}, "day"), ({"year": 32767}, "year"), ({"month": 2, "day": 30}, "day")],
)
def test_the_admin_form_refuses_impossible_dates(admin_client, load_text, changes, field):
    meeting = load_text(MINUTES)
    url = reverse("admin:archive_meeting_change", args=[meeting.pk])
    response = admin_client.post(url, change_form_data(admin_client.get(url), changes))
    assert response.status_code == 200 and field in response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert (meeting.year, meeting.month, meeting.day) == (2022, 3, 6)


def test_month_chart_ignores_months_and_years_no_calendar_has():
    monthly = [
        {"year": 2020, "month": 13, "count": 1},  # looped for ever
        {"year": 9999, "month": 1, "count": 1},  # 96,000 empty months
        {"year": 2021, "month": 5, "count": 2},
        {"year": 2021, "month": 7, "count": 1},
    ]
    chart = month_chart(monthly)
    assert [(b["year"], b["month"]) for b in chart["bars"]] == [(2021, 5), (2021, 6), (2021, 7)]


def test_the_home_page_with_a_stored_month_13(client, load_text):
    meeting = load_text(MINUTES)
    Meeting.objects.filter(pk=meeting.pk).update(month=13, year=2019)
    load_text(MINUTES.replace("2022", "2023"), name="b.txt")
    assert client.get("/").status_code == 200


def test_a_career_with_a_year_no_meeting_can_have_still_draws():
    """Year 9999 stored before dates were checked: the career page drew its axis to 10000 (a 500)."""

    def tenure(first, last):
        post = SimpleNamespace(division_id=None)
        return SimpleNamespace(first_date=first, last_date=last, post=post, started_by=None, ended_by=None)

    svg = career_svg(
        [tenure(datetime.date(2020, 3, 1), datetime.date(2021, 5, 1)), tenure(datetime.date(9999, 1, 1), None)]
    )
    assert "2020" in svg and "9999" not in svg
