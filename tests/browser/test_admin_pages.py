"""The meeting change page and the officials list at 1280 px, in Debian's Chromium (issue 11, item 13)."""

import pytest

from archive.models import Meeting
from tests.browser.conftest import no_horizontal_overflow, overflowing_elements, screenshot
from tests.browser.test_curation import curator  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TALLEST_HEADER_PX = 40  # one line of text with padding; a header stacked a character a line is 80+


def login(page, live_server):
    """By the fields' ids: the page is in Chinese here."""
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.locator("#id_username").fill("curator")
    page.locator("#id_password").fill("a long curator password")
    with page.expect_navigation():
        page.locator("input[type=submit]").click()


def _stacked(page, selector: str) -> list[str]:
    """Cells of one short word or name whose text wrapped onto several lines."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => {
              const text = el.textContent.trim();
              if (el.offsetParent === null || !text || text.length > 8) return false;
              const lines = new Set();
              const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (!node.textContent.trim()) continue;
                const range = document.createRange();
                range.selectNodeContents(node);
                for (const r of range.getClientRects()) if (r.width > 0) lines.add(Math.round(r.top));
              }
              return lines.size > 1;
            })
            .map((el) => el.textContent.trim())""",
        selector,
    )


def test_meeting_change_page_fits_1280_and_titles_are_a_line_of_text(live_server, archive_db, curator, page_factory):  # noqa: F811
    meeting = Meeting.objects.get(source__path__contains="003_")
    page = page_factory(width=1280, height=900, locale="zh-CN")
    login(page, live_server)
    page.goto(f"{live_server.url}/admin/archive/meeting/{meeting.id}/change/")
    screenshot(page, "admin-meeting-change-1280")
    assert no_horizontal_overflow(page), overflowing_elements(page)
    assert _stacked(page, "#participations-group thead th") == []
    rows = "#participations-group tr.form-row:not([id$='-empty'])"  # not the hidden template row
    for cell in page.locator(f"{rows} td.field-name input, {rows} td.field-role select").all():
        assert cell.bounding_box()["height"] < TALLEST_HEADER_PX, cell.evaluate("e => e.outerHTML")

    row = meeting.participations.get(name="陈豪")
    titles = page.locator(f"#participations-group tr:has(input[value='{row.id}']) td.field-titles input")
    assert titles.evaluate("el => el.tagName + ':' + el.type") == "INPUT:text"
    assert titles.input_value() == "、".join(row.titles)
    assert titles.bounding_box()["height"] < TALLEST_HEADER_PX  # one line, not a tall textarea
    titles.fill("区委书记，区委常委会主任; 区长")
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()
    assert page.locator(".messagelist .success").is_visible()
    row.refresh_from_db()
    assert row.titles == ["区委书记", "区委常委会主任", "区长"] and row.curated
    assert titles.input_value() == "区委书记、区委常委会主任、区长"

    titles.fill("长" * 101)
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()
    assert page.locator(".errornote").is_visible()
    assert page.locator("#participations-group .errorlist").first.is_visible()
    screenshot(page, "admin-meeting-change-1280-title-error")
    assert no_horizontal_overflow(page), overflowing_elements(page)


def test_officials_and_queue_lists_keep_names_whole_at_1280(live_server, archive_db, curator, page_factory):  # noqa: F811
    page = page_factory(width=1280, height=900, locale="zh-CN")
    login(page, live_server)
    page.goto(f"{live_server.url}/admin/archive/official/")
    screenshot(page, "admin-officials-1280")
    assert no_horizontal_overflow(page), overflowing_elements(page)
    assert _stacked(page, "#result_list td.field-name, #result_list th.field-name, #result_list thead th") == []
    # The table fits its box: no column hidden behind the list's own scroll bar.
    assert page.evaluate("(el => el.scrollWidth <= el.clientWidth + 1)(document.querySelector('.results'))")
    page.goto(f"{live_server.url}/admin/archive/meetingforreview/")
    screenshot(page, "admin-review-queue-1280")
    assert no_horizontal_overflow(page), overflowing_elements(page)
    assert _stacked(page, "#result_list td.field-chair, #result_list td.field-locality") == []
    assert page.locator("#result_list td.field-reasons").first.inner_text().strip() != ""
    assert "year-missing" not in page.locator("#result_list").inner_text()
    assert page.locator("a.addlink").count() == 0 or "meetingforreview/add" not in page.content()


def test_the_export_pages_select_all_works_under_the_content_security_policy(live_server, curator, page_factory):  # noqa: F811
    """import-export writes its "Select all" handler inline, which the CSP refuses; admin.js binds it."""
    page = page_factory()
    login(page, live_server)
    page.goto(live_server.url + "/admin/archive/meeting/export/")
    toggle = page.locator('input[name="select-all-toggle"]').first
    fields = page.locator(".selectable-field-export-row input[type=checkbox]:not(.select-toggle)")
    assert fields.count() > 3 and all(box.is_checked() for box in fields.all())
    toggle.uncheck()
    assert not any(box.is_checked() for box in fields.all())
    screenshot(page, "admin-export-select-all-1280")
