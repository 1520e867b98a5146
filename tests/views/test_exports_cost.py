"""A list's download costs what its rows cost (issue 17): values straight from the database
(archive.columns' ``plain``) equal to what the columns read from model rows, a fixed number of
queries per chunk of rows, and memory that does not grow with the rows. No timed assertion:
bench_exports prints the time per row against a plain sqlite3 + csv floor."""

import csv
import datetime
import io
import json
import tracemalloc

import pytest

from archive import columns
from archive.models import Meeting

pytestmark = pytest.mark.django_db


def test_plain_values_are_the_columns_values(archive_db):
    meetings = Meeting.objects.order_by("-date", "-id")
    with columns.SITE.using("https://archive.example.org"):
        from_rows = [
            [column.get(row) for column in columns.MEETINGS.columns] for row in columns.MEETINGS.rows(meetings)
        ]
        plain = list(columns.MEETINGS.plain(meetings))
    assert len(plain) == Meeting.objects.count() > 10
    assert plain == from_rows
    assert any(row[11] for row in plain) and any(row[13] for row in plain) and any(row[14] for row in plain)


def test_a_download_makes_a_few_queries_a_chunk(client, archive_db, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(columns, "CHUNK", 5)
    chunks = -(-Meeting.objects.count() // 5)
    with django_assert_max_num_queries(4 + 4 * chunks):  # session-free page: the list's query, then 3 a chunk
        response = client.get("/meetings/", {"format": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff"))))
    assert len(rows) == Meeting.objects.count() + 1


def _peak(client, fmt: str, year: int) -> tuple[int, int]:
    """Peak memory (tracemalloc) of reading one download to its end, and its rows."""
    response = client.get("/meetings/", {"format": fmt, "year": year})
    tracemalloc.start()
    body = 0
    rows = 0
    for chunk in response.streaming_content:
        body += len(chunk)
        rows += chunk.count(b"\n") if fmt == "csv" else chunk.count(b'{"id"')
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, rows


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_download_does_not_grow_in_memory_with_its_rows(client, load_text, monkeypatch, fmt):
    monkeypatch.setattr(columns, "CHUNK", 10)
    text = (
        "{y}年3月{d}日，区长王建国主持召开区政府第{d}次常务会议。副区长李明、张伟出席。会议审议了《{y}年第{d}号办法》。"
    )
    for day in range(1, 13):
        load_text(text.format(y=2020, d=day), f"a{day}.txt")
    for day in range(1, 28):
        for month in (4, 5):
            load_text(text.format(y=2021, d=day).replace("3月", f"{month}月"), f"b{month}-{day}.txt")
    few, few_rows = _peak(client, fmt, 2020)
    many, many_rows = _peak(client, fmt, 2021)
    assert many_rows >= 4 * few_rows >= 40
    assert many / few < 1.5, (few, many)


def test_json_download_is_the_columns(client, archive_db):
    records = json.loads(b"".join(client.get("/meetings/", {"format": "json"}).streaming_content))
    assert len(records) == Meeting.objects.count()
    assert list(records[0]) == columns.MEETINGS.headers


@pytest.mark.parametrize(
    "value",
    [None, "", "王建国", "=1+1", "-2", "@x", "'=x", 0, 7, -3, True, datetime.date(2021, 3, 5), ["=a", "b"], 2.5],
)
def test_a_cell_is_the_escaped_text_of_its_value(value):
    from archive.exports import cell
    from archive.spreadsheets import escape_cell

    assert str(cell(value)) == escape_cell(columns.text(value))
