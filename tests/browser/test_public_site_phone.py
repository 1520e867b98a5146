"""Issue 11 on a phone (390 px) and a desktop, in Debian's Chromium: no word broken inside,
lists as cards, filters folded away, chart bars that link; screenshots to test-artifacts/."""

import pytest

from tests.browser.conftest import no_horizontal_overflow, overflowing_elements, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Elements that must not wrap: names, places, dates. Each must lie on one line box.
BROKEN = """() => [...document.querySelectorAll('.nowrap, .keep')]
  .filter((el) => el.getClientRects().length > 1 || el.getBoundingClientRect().height > 2.2 * parseFloat(getComputedStyle(el).fontSize))
  .map((el) => el.textContent.trim()).slice(0, 5)"""


def test_phone_pages_keep_words_whole_and_lists_as_cards(live_server, archive_db, page_factory):
    from archive.models import Meeting, Official

    page = page_factory(width=390, height=844)
    official = Official.objects.get(name="李志龙")
    meeting = Meeting.objects.get(source__path__contains="000_")
    for path, label in [
        ("/meetings/", "issue11-meetings"),
        ("/meetings/?q=chenhao", "issue11-meetings-pinyin"),
        (f"/meetings/{meeting.id}/", "issue11-meeting"),
        (f"/officials/{official.id}/", "issue11-official"),
        ("/officials/", "issue11-officials"),
        ("/agenda-items/", "issue11-agenda-items"),
        ("/documents/?sort=-count", "issue11-documents"),
        ("/", "issue11-home"),
    ]:
        page.goto(live_server.url + path)
        screenshot(page, f"{label}-phone")
        assert page.evaluate(BROKEN) == [], path
        assert no_horizontal_overflow(page), f"{path}: {overflowing_elements(page)}"

    page.goto(live_server.url + "/meetings/")
    # The filter form is folded: the first result is near the top, not 550 px down.
    assert not page.locator("details.filters").evaluate("d => d.open")
    first = page.locator("table.cards tbody tr").first
    assert first.bounding_box()["y"] < 450
    assert page.locator("table.cards thead").bounding_box()["height"] <= 1  # headings hidden; cells labelled
    assert first.evaluate("tr => getComputedStyle(tr).display") == "block"
    page.get_by_text("筛选").first.click()
    assert page.get_by_label("起始日期").is_visible()


def test_desktop_lists_are_tables_with_open_filters_and_chart_links(live_server, archive_db, page_factory):
    page = page_factory(width=1280)
    page.goto(live_server.url + "/meetings/")
    screenshot(page, "issue11-meetings-desktop")
    assert page.locator("details.filters").evaluate("d => d.open")
    assert page.locator("table.cards thead").is_visible()
    assert page.locator("aside.facets").get_by_text("区委常委会扩大会议").first.is_visible()
    page.get_by_role("link", name="日期").first.click()  # sort by date, then oldest first
    assert "sort=" in page.url
    page.goto(live_server.url + "/")
    screenshot(page, "issue11-home-desktop")
    bar = page.locator(".chart a.bar").first
    href = bar.get_attribute("href")
    assert href.startswith("/meetings/?year=")
    page.goto(live_server.url + "/meetings/?q=陳豪")
    screenshot(page, "issue11-search-desktop")
    assert page.get_by_text("已按简体字搜索").is_visible()
    assert page.locator("mark").first.is_visible()
    page.goto(live_server.url + "/nowhere/")
    assert page.get_by_role("heading", name="页面不存在").is_visible()


def test_english_meeting_page(live_server, archive_db, page_factory):
    from archive.models import Meeting

    page = page_factory(width=390, locale="en-GB")
    meeting = Meeting.objects.get(source__path__contains="003_")
    page.goto(live_server.url + f"/meetings/{meeting.id}/", wait_until="load")
    page.set_extra_http_headers({"accept-language": "en"})
    page.goto(live_server.url + f"/meetings/{meeting.id}/")
    screenshot(page, "issue11-meeting-english-phone")
    text = page.locator("main").inner_text()
    assert "（year unknown）" not in text and "(year unknown)" in text
    assert page.get_by_role("heading", name="Chair").is_visible()
