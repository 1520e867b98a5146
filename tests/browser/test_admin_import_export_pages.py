"""The admin's import page, import preview, export page and a history page in Chinese at 1280 px,
in Debian's Chromium (issue 18, newcomer 3 and 4; screenshots in test-artifacts/)."""

import re

import pytest

from archive.models import Participation
from archive.pipeline.load import load_paths
from tests.browser.conftest import overflowing_elements, screenshot
from tests.browser.test_admin_pages import login
from tests.browser.test_curation import curator  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 1280
# Long values in every column the preview shows, as a real meeting has them.
MINUTES = (
    "2023年4月{day}日上午，区长宋某某主持召开第{day}次区政府常务会议，区委副书记、区长助理、区政府办公室主任"
    "上官某某，副区长诸葛某、欧阳某某出席，区发展和改革局局长、区财政局局长、区审计局局长司马某列席。"
    "会议审议了《关于进一步加强和改进全区政府投资项目全过程管理工作的实施意见（试行）》。"
)
MACHINE = re.compile(
    r"\b[A-Za-z]{2,} [a-z]{2,}\b|\b(?!load_minutes\b)[a-z]+(?:_[a-z0-9]+)+\b|\b(?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+\b|\bNone\b|\bFalse\b|\bTrue\b"
)


@pytest.fixture
def meetings(tmp_path):
    for day in range(1, 4):
        (tmp_path / f"m{day}.txt").write_text(MINUTES.format(day=day), encoding="utf-8")
    report = load_paths(sorted(tmp_path.glob("*.txt")), locality="柯桥区")
    assert report.failed == 0


def check(page, name: str) -> str:
    """Screenshot the page, then: it fits the window, and its text names no field by its machine name."""
    screenshot(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, (name, width, overflowing_elements(page))
    text = page.locator("#content").inner_text()
    assert not MACHINE.findall(text), (name, MACHINE.findall(text)[:8])
    return text


def test_import_preview_export_and_history_in_chinese_at_1280(live_server, meetings, curator, page_factory, tmp_path):  # noqa: F811
    page = page_factory(width=WIDTH, height=900, locale="zh-CN")
    login(page, live_server)

    # The export page: the columns to choose, by label; the file it writes has labels for headers.
    page.goto(f"{live_server.url}/admin/archive/meeting/export/")
    text = check(page, "admin-export-1280")
    assert "来源文件 SHA-256" in text and "时段" in text
    page.locator("#id_format").select_option(label="csv")
    with page.expect_download() as download:
        page.locator("input[type=submit]").click()
    exported = tmp_path / "meetings.csv"
    download.value.save_as(exported)
    header = exported.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("来源文件 SHA-256,") and "source_sha256" not in header

    # The import page, then the preview of that file with one meeting's name corrected.
    page.goto(f"{live_server.url}/admin/archive/meeting/import/")
    text = check(page, "admin-import-1280")
    assert "来源文件 SHA-256" in text
    corrected = exported.read_text(encoding="utf-8-sig").replace("区政府常务会议", "区人民政府常务会议", 1)
    exported.write_text(corrected, encoding="utf-8-sig")
    page.locator("#id_format").select_option(label="csv")
    page.locator("#id_import_file").set_input_files(str(exported))
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    text = check(page, "admin-import-preview-1280")
    assert "来源文件 SHA-256" in page.locator("table.import-preview thead").inner_text()
    assert "上午" in text and "区人民政府常务会议" in text
    table = page.locator("table.import-preview")
    assert table.evaluate("t => t.getBoundingClientRect().right") <= WIDTH

    # A participation's history after a change of role and the curated mark, values by label.
    row = Participation.objects.filter(name="司马某").first()
    page.goto(f"{live_server.url}/admin/archive/participation/{row.pk}/change/")
    page.locator("#id_role").select_option(value="attendee")
    with page.expect_navigation():
        page.locator("input[name=_save]").click()
    page.goto(f"{live_server.url}/admin/archive/participation/{row.pk}/history/")
    text = check(page, "admin-history-1280")
    assert "角色: 列席 → 出席" in re.sub(r"\s+", " ", text)


def test_the_review_queue_with_assign_and_open_fits_1280(live_server, curator, page_factory, tmp_path):  # noqa: F811
    """The queue's new columns (assigned to, open) keep it within the window."""
    for day in range(1, 4):  # no year: each is flagged
        (tmp_path / f"q{day}.txt").write_text(MINUTES.format(day=day).replace("2023年", ""), encoding="utf-8")
    assert load_paths(sorted(tmp_path.glob("*.txt")), locality="柯桥区").failed == 0
    page = page_factory(width=WIDTH, height=900, locale="zh-CN")
    login(page, live_server)
    page.goto(f"{live_server.url}/admin/archive/meetingforreview/")
    page.locator("#result_list tbody input.action-select").first.check()
    page.locator("select[name=action]").select_option("assign")
    with page.expect_navigation():
        page.locator("button[name=index]").click()
    page.locator("#id_curator").select_option(label="curator")
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    text = check(page, "admin-review-queue-1280")
    assert "打开会议" in text and "指派给" in text and "curator" in text
    # Every column in view, the link included: the list does not scroll inside its box either.
    widths = page.evaluate("() => { const t = document.querySelector('#result_list');"
                           " return [t.scrollWidth, t.parentElement.clientWidth]; }")  # fmt: skip
    assert widths[0] <= widths[1], widths
    assert page.locator("td.field-open_link a").first.bounding_box()["height"] < 30  # one line, not 打 / 会
    with page.expect_navigation():
        page.get_by_role("link", name="打开会议").first.click()
    assert "/admin/archive/meeting/" in page.url and page.url.endswith("/change/")
