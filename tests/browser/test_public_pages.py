"""A reader's path through the public pages, in Debian's Chromium."""

import csv
import io

import pytest

from tests.browser.conftest import no_horizontal_overflow, overflowing_elements, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_finds_an_official_follows_a_meeting_and_downloads(live_server, archive_db, page_factory):
    page = page_factory()
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", name="会议纪要档案").is_visible()

    page.get_by_role("link", name="人员").first.click()
    page.get_by_label("姓名（简体或繁体）、拼音或首字母").fill("陳豪")
    page.get_by_role("button", name="搜索").click()
    page.get_by_role("link", name="陈豪", exact=True).click()
    assert page.get_by_role("heading", name="陈豪").is_visible()

    page.get_by_role("link", name="（年份不详）2月1日上午").click()
    assert page.get_by_role("heading", name="区委常委会扩大会议").is_visible()
    assert page.get_by_text("年份不详").first.is_visible()

    page.get_by_role("link", name="显示原文").click()
    assert "區(qū)委" in page.locator("pre.source").inner_text()

    page.get_by_label("语言").select_option("en")
    page.get_by_role("button", name="切换").click()
    assert page.get_by_role("heading", name="Source text").is_visible()

    page.goto(live_server.url + "/meetings/?year=2020")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text(encoding="utf-8-sig"))))
    assert [r["year"] for r in rows] and {r["year"] for r in rows} == {"2020"}


# Collections live in deep folders and pages copied from sites carry long unbroken strings;
# none of them may push a page sideways on a phone.
LONG_LINES_MINUTES = """\
2021年3月5日上午，区委书记王建国主持召开区委常委会会议。区委副书记、区长李明远，区委常委赵立新、孙海涛等同志出席会议。
会议审议通过了《关于进一步加强和改进新时代基层社会治理体系和治理能力现代化建设的实施意见（试行）（2021—2025年）》。
原文链接：https://www.example.gov.cn/zwgk/xxgk/2021/03/05/content_0123456789abcdef0123456789abcdef0123456789.html
"""


@pytest.fixture
def long_lines_meeting(tmp_path, db):
    from archive.models import Meeting
    from archive.pipeline.load import load_paths

    folder = tmp_path / "collected-minutes-from-district-government-websites-2021-batch-0001"
    folder.mkdir()
    path = folder / "0001_minutes-of-the-standing-committee-0123456789abcdef0123456789abcdef.txt"
    path.write_text(LONG_LINES_MINUTES, encoding="utf-8")
    assert load_paths([path]).failed == 0
    return Meeting.objects.get(source__path=str(path))


@pytest.mark.parametrize(("width", "name"), [(390, "phone"), (1280, "desktop")])
def test_pages_fit_the_screen(live_server, archive_db, long_lines_meeting, page_factory, width, name):
    from archive.models import Meeting, Official

    page = page_factory(width=width)
    meeting = Meeting.objects.get(source__path__contains="000_")
    official = Official.objects.get(name="李志龙")
    for path, label in [
        ("/", "home"),
        ("/meetings/", "meetings"),
        (f"/meetings/{meeting.id}/", "meeting"),
        (f"/meetings/{long_lines_meeting.id}/", "meeting-long-lines"),
        (f"/meetings/{long_lines_meeting.id}/?text=original", "meeting-long-lines-original"),
        ("/officials/", "officials"),
        (f"/officials/{official.id}/", "official"),
        ("/agenda-items/", "agenda-items"),
        ("/documents/", "documents"),
    ]:
        page.goto(live_server.url + path)
        screenshot(page, f"{label}-{name}")
        assert no_horizontal_overflow(page), f"{path} overflows at {width}px: {overflowing_elements(page)}"
