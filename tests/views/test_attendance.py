"""Attendance as data: rates per year and term beside the body's average, "attended by all of
these officials", and the co-attendance network with its GEXF and GraphML files."""

import datetime
import io

import networkx as nx
import pytest

from archive.attendance.rates import body_attendance
from archive.attendance.terms import term_of
from archive.models import Meeting, Official

D = datetime.date


def test_rates_count_only_the_members_span():
    # Five meetings: 1 and 2 in 2021, 3 to 5 in 2022 (a new county term starts 2022-01-01).
    meetings = [
        (1, D(2021, 3, 1)),
        (2, D(2021, 9, 1)),
        (3, D(2022, 3, 1)),
        (4, D(2022, 6, 1)),
        (5, D(2022, 9, 1)),
        (6, None),
    ]
    attended = [(1, 10), (2, 10), (3, 10), (5, 10), (2, 20), (3, 20), (4, 20), (5, 20)]
    result = body_attendance(meetings, attended, "county")
    a, b = result.members[10], result.members[20]
    assert (a.years[2021].attended, a.years[2021].held) == (2, 2)
    assert (a.years[2022].attended, a.years[2022].held) == (2, 3)
    # 20 first attended meeting 2: meeting 1 is before their span and does not count against them.
    assert (b.years[2021].attended, b.years[2021].held) == (1, 1)
    assert b.years[2022].rate == 1.0
    assert result.year_average[2022] == pytest.approx((2 / 3 + 1) / 2)
    assert set(result.terms) == {"2017—2021", "2022—2026"}
    assert a.terms["2022—2026"].attended == 2 and a.terms["2017—2021"].held == 2
    assert result.undated == 1


def test_terms_by_level():
    assert term_of(D(2022, 5, 1), "county").label == "2022—2026"
    assert term_of(D(2022, 5, 1), "province").label == "2018—2022"
    assert term_of(D(2022, 5, 1), "").label == "2022—2026"  # no division: the county's terms


def minutes(date: str, chair: str, attendees: str) -> str:
    return f"{date}，县长{chair}主持召开县政府常务会议。{attendees}出席会议。\n一、研究春耕工作\n会议听取了汇报。\n"


@pytest.fixture
def county(load_text):
    """Four meetings of one body: 岑远山 chairs all; 俞晴 attends three, 钭明 two, 闵川 one."""
    texts = [
        minutes("2021年3月1日", "岑远山", "副县长俞晴、钭明"),
        minutes("2021年6月1日", "岑远山", "副县长俞晴"),
        minutes("2022年3月1日", "岑远山", "副县长钭明、闵川"),
        minutes("2022年6月1日", "岑远山", "副县长俞晴"),
    ]
    return [load_text(text, name=f"c{i}.txt", locality="乐清市") for i, text in enumerate(texts)]


def official(name):
    return Official.objects.get(name=name)


@pytest.mark.django_db
class TestPages:
    def test_an_officials_rates_beside_the_body_average(self, client, county, django_assert_max_num_queries):
        with django_assert_max_num_queries(8):
            response = client.get(f"/officials/{official('钭明').id}/attendance/")
        (table,) = response.context["tables"]
        years = {r["period"]: (r["attended"], r["held"], r["average"]) for r in table["years"]}
        # 钭明 attended the first and third: between them three meetings were held.
        assert years[2021][:2] == (1, 2) and years[2022][:2] == (1, 1)
        # 2022's members: 岑远山 2/2, 俞晴 1/2 (absent from meeting 3, within their span), 钭明 1/1
        # (their span ends at meeting 3), 闵川 1/1.
        assert years[2022][2] == pytest.approx((1 + 0.5 + 1 + 1) / 4)
        csv = client.get(f"/officials/{official('钭明').id}/attendance/", {"format": "csv"}).content.decode("utf-8-sig")
        assert "year,2021,1,2,0.500" in csv

    def test_a_bodys_members_by_year_and_term(self, client, county, django_assert_max_num_queries):
        code = county[0].division.code
        with django_assert_max_num_queries(8):
            response = client.get(f"/bodies/{code}/县政府常务会议/attendance/")
        assert response.status_code == 200
        rows = {m["name"]: m for m in response.context["table"]}
        # Cells: 2021, 2022, then the terms 2017—2021 and 2022—2026; (attended / held, rate).
        assert rows["岑远山"]["cells"][0] == ("2 / 2", "100%")
        assert rows["俞晴"]["cells"][1] == ("1 / 2", "50%")  # 2022: absent from meeting 3
        assert rows["钭明"]["cells"] == [("1 / 2", "50%"), ("1 / 1", "100%"), ("1 / 2", "50%"), ("1 / 1", "100%")]
        assert rows["闵川"]["cells"][0] == ("", "")  # 2021 is before their span
        assert response.context["years"] == [2021, 2022]
        assert "县政府常务会议" in client.get(
            f"/bodies/{code}/县政府常务会议/attendance/", {"format": "csv"}
        ).content.decode("utf-8-sig")

    def test_meetings_attended_by_all_of_these_officials(self, client, county):
        first, _, third, fourth = county

        def ids(together):
            page = client.get("/meetings/", {"together": together}).context["page"]
            return {m.id for m in page.object_list}

        assert ids("俞晴, 钭明") == {first.id}
        assert ids("岑远山、钭明") == {first.id, third.id}
        assert ids(f"{official('俞晴').id} 岑远山") == {first.id, county[1].id, fourth.id}
        assert ids("钭明 闵川 俞晴") == set()
        assert ids("俞晴 无此人") == set()  # a name nobody has matches nothing

    def test_too_many_officials_is_a_form_error(self, client, county):
        response = client.get("/meetings/", {"together": ",".join(["俞晴"] * 11)})
        assert response.context["form"].errors["together"]

    def test_network_files_parse_back(self, client, county, django_assert_max_num_queries):
        code = county[0].division.code
        with django_assert_max_num_queries(8):
            page = client.get("/network/", {"division": code})
        assert page.context["nodes"] == 4 and page.context["meetings"] == 4
        assert "<svg" in page.content.decode()
        for fmt, read in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
            response = client.get("/network/", {"division": code, "format": fmt})
            graph = read(io.BytesIO(response.content))
            names = {data["name"]: node for node, data in graph.nodes(data=True)}
            assert set(names) == {"岑远山", "俞晴", "钭明", "闵川"}
            assert graph.edges[names["岑远山"], names["俞晴"]]["weight"] == 3
            assert graph.edges[names["钭明"], names["闵川"]]["weight"] == 1
            assert not graph.has_edge(names["俞晴"], names["闵川"])

    def test_network_of_a_body_and_period(self, client, county):
        code = county[0].division.code
        page = client.get("/network/", {"body": "县政府常务会议", "date_from": "2022-01-01", "division": code})
        assert page.context["meetings"] == 2
        assert {a["name"] for a, b, n in page.context["pairs"]} | {b["name"] for a, b, n in page.context["pairs"]} == {
            "岑远山",
            "俞晴",
            "钭明",
            "闵川",
        }

    def test_network_needs_a_place_or_a_body(self, client, county):
        assert "error" in client.get("/network/", {"date_from": "2022-01-01"}).content.decode()
        assert client.get("/network/", {"format": "gexf"}).status_code == 400

    def test_names_in_the_picture_are_escaped(self, client, county):
        Official.objects.filter(name="俞晴").update(name="<b>俞晴</b>")
        html = client.get("/network/", {"division": county[0].division.code}).content.decode()
        assert "&lt;b&gt;俞晴" in html and "<b>俞晴" not in html

    def test_pages_link_each_other(self, client, county):
        meeting = Meeting.objects.first()
        body_page = client.get(f"/bodies/{meeting.division.code}/{meeting.body}/").content.decode()
        assert "/attendance/" in body_page and "/network/?" in body_page
        assert "/attendance/" in client.get(f"/officials/{official('俞晴').id}/").content.decode()
