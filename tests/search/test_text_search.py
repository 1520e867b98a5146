"""Search in the text: the minutes' own words, two-character names in either script, pinyin,
ranked or by date, passages escaped, the count capped."""

import pytest
from django.db import connection

from archive import search
from archive.models import Meeting
from archive.parsing.textsearch import passages

# Minutes written for these tests (invented names and places).
FIRST = (
    "2022年3月1日，区长沈望川主持召开区政府常务会议。区委常委、副区长覃岚出席会议。\n"
    "一、研究河道清淤工作\n"
    "会议指出，覃岚同志要抓好河道清淤，清淤要在汛期前完成，河道清淤资金由区财政保障。\n"
)
SECOND = (
    "2023年5月8日，区长沈望川主持召开区政府常务会议。副区长柏晓出席会议。\n"
    "一、研究老旧小区改造工作\n"
    "会议要求，老旧小区改造要听取居民意见，顺带做好河道清淤的收尾。\n"
)
THIRD = (
    "2021年9月9日，區長沈望川主持召開區政府常務會議。副區長柏曉出席會議。\n"
    "一、研究糧食安全工作\n"
    "會議指出，要落實糧食安全責任制，虧損率<5%，R&D投入不得虛報。\n"
)


@pytest.fixture
def three(load_text):
    return [load_text(text, name=f"m{i}.txt") for i, text in enumerate((FIRST, SECOND, THIRD))]


def found(q):
    return set(Meeting.objects.text_matching(q).values_list("id", flat=True))


@pytest.mark.django_db
class TestMatching:
    def test_words_only_in_the_text_are_found(self, three):
        first, second, _ = three
        assert found("汛期前完成") == {first.id}  # in a paragraph, not a title
        assert found("收尾") == {second.id}
        assert not Meeting.objects.matching("汛期前完成").exists()  # the metadata search does not see it

    def test_two_character_names_in_either_script(self, three):
        first, second, third = three
        assert found("覃岚") == {first.id}
        assert found("覃嵐") == {first.id}
        assert found("柏晓") == found("柏曉") == {second.id, third.id}

    def test_a_traditional_source_is_found_by_simplified_words(self, three):
        assert found("粮食安全") == found("糧食安全") == {three[2].id}

    def test_pinyin_finds_the_names_of_officials(self, three):
        assert found("qinlan") == found("Qín Lán") == {three[0].id}  # 覃 as a surname
        assert found("baixiao") == {three[1].id, three[2].id}

    def test_all_words_must_occur_and_phrases_are_contiguous(self, three):
        first, second, _ = three
        assert found("河道清淤 汛期") == {first.id}
        assert found("河道清淤") == {first.id, second.id}
        assert found("清淤河道") == set()

    def test_single_character(self, three):
        assert found("淤") == {three[0].id, three[1].id}

    def test_a_deleted_meeting_leaves_the_index(self, three):
        first = three[0]
        first.delete()
        assert found("覃岚") == set()
        assert found("河道清淤") == {three[1].id}

    def test_rebuilding_the_index_finds_the_same(self, three):
        # SQLite's FTS5 table and PostgreSQL's table of stored bigrams alike.
        assert search.rebuild_text_index() == 3
        assert found("河道清淤") == {three[0].id, three[1].id}


def indexed():
    """The meeting ids the text index holds: SQLite's FTS5 table, PostgreSQL's stored bigrams."""
    table = {"sqlite": "archive_text_fts", "postgresql": "archive_text_grams"}[connection.vendor]
    key = "rowid" if connection.vendor == "sqlite" else "meeting_id"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key} FROM {table}")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
class TestIndex:
    """The index is written with the meetings (before migration 0018 PostgreSQL computed bigrams
    at query time and had no such table: these failed there)."""

    def test_the_loader_writes_each_meeting_once(self, three):
        assert indexed() == {m.id for m in three}

    def test_a_deleted_meeting_leaves_it(self, three):
        three[0].delete()
        assert indexed() == {three[1].id, three[2].id}

    def test_writing_a_meeting_again_replaces_its_row(self, three):
        first = three[0]
        search.forget_texts([(first.id, first.source.text)])
        search.index_texts([(first.id, "区长沈望川听取汇报")])
        assert indexed() == {m.id for m in three}

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's array")
    def test_postgresql_stores_each_bigram_once(self, three):
        with connection.cursor() as cursor:
            cursor.execute("SELECT grams FROM archive_text_grams WHERE meeting_id = %s", [three[0].id])
            grams = cursor.fetchone()[0]
        assert grams == sorted(set(grams))
        assert {"覃岚", "清淤"} <= set(grams) and all(len(g) == 2 for g in grams)


@pytest.mark.django_db
class TestPage:
    def test_ranked_by_default_and_by_date_on_request(self, client, three):
        first, second, _ = three
        ranked = client.get("/search/", {"q": "河道清淤"}).context["page"].object_list
        assert [m.id for m in ranked] == [first.id, second.id]  # three times against once
        newest = client.get("/search/", {"q": "河道清淤", "sort": "-date"}).context["page"].object_list
        assert [m.id for m in newest] == [second.id, first.id]
        oldest = client.get("/search/", {"q": "沈望川", "sort": "date"}).context["page"].object_list
        assert [m.id for m in oldest] == [three[2].id, first.id, second.id]

    def test_filters_apply_in_either_order(self, client, three):
        for sort in ("rank", "-date"):
            rows = client.get("/search/", {"q": "沈望川", "year": 2022, "sort": sort}).context["page"].object_list
            assert [m.id for m in rows] == [three[0].id]

    def test_passages_mark_the_words_and_escape_the_text(self, client, three):
        html = client.get("/search/", {"q": "粮食安全"}).content.decode()
        assert "<mark>粮食安全</mark>" in html
        assert "亏损率&lt;5%，R&amp;D投入" in html
        assert "<5%" not in html

    def test_a_query_in_html_is_escaped(self, client, three):
        html = client.get("/search/", {"q": "<b>覃岚</b>"}).content.decode()
        assert "<b>覃岚" not in html

    def test_count_is_capped_and_says_so(self, client, three, monkeypatch):
        from archive.views import paging as views
        from archive.views import search as search_views

        monkeypatch.setattr(search_views, "COUNT_CAP", 2)
        monkeypatch.setattr(views, "COUNT_CAP", 2)
        for sort in ("rank", "-date", "date"):
            response = client.get("/search/", {"q": "沈望川", "sort": sort})
            assert response.context["page"].paginator.capped
            assert response.context["page"].paginator.count == 2
            assert len(response.context["page"].object_list) == 2
            assert "1,000" not in response.content.decode()
        # Past the cap the page works on the newest matches, in either order.
        ranked = client.get("/search/", {"q": "沈望川"}).context["page"].object_list
        assert {m.id for m in ranked} == {three[0].id, three[1].id}
        assert not client.get("/search/", {"q": "覃岚"}).context["page"].paginator.capped

    def test_queries_per_page(self, client, three, django_assert_max_num_queries):
        for params in ({"q": "沈望川"}, {"q": "沈望川", "sort": "-date"}, {"q": "shenwangchuan"}):
            with django_assert_max_num_queries(8):
                assert client.get("/search/", params).status_code == 200

    def test_empty_and_export(self, client, three):
        assert client.get("/search/").status_code == 200
        response = client.get("/search/", {"q": "覃岚", "format": "csv"})
        csv = b"".join(response.streaming_content).decode("utf-8-sig")
        assert len(csv.strip().splitlines()) == 2


def test_passages_merge_and_cut():
    text = "甲" * 100 + "河道" + "乙" * 10 + "河道" + "丙" * 100
    (one,) = passages(text, ["河道"], count=3, side=5)
    assert [part for part in one["parts"]] == [
        ("甲" * 5, False),
        ("河道", True),
        ("乙" * 10, False),
        ("河道", True),
        ("丙" * 5, False),
    ]
    assert one["before"] and one["after"]
    assert len(passages("河道 " * 50, ["河道"], count=2, side=1)) == 2
