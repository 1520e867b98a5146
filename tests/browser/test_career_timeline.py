"""An official's career timeline in Chromium at phone (390 px) and desktop width."""

import pytest

from tests.browser.conftest import no_horizontal_overflow, overflowing_elements, screenshot
from tests.careers.test_careers import career_archive  # noqa: F401  (fixture)

# Here, under tests/browser/, the session's one Chromium (conftest.py) serves this test too: a
# second import of the session fixture started a second Playwright inside the first one's loop.

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "name"), [(390, "phone"), (1280, "desktop")])
def test_career_timeline_reads_at_phone_and_desktop_width(live_server, career_archive, page_factory, width, name):  # noqa: F811
    page = page_factory(width=width, height=844 if width < 500 else 900)
    page.goto(live_server.url + f"/officials/{career_archive.id}/career/")
    svg = page.locator("svg.career-timeline")
    assert svg.count() == 1
    box = svg.bounding_box()
    assert box["width"] <= width and box["width"] > 0.8 * min(width - 40, 480)
    # Every post's label is drawn and at least 12 CSS pixels high (readable on a phone).
    labels = page.locator("svg.career-timeline text.post")
    assert labels.count() == 3
    heights = [labels.nth(i).bounding_box()["height"] for i in range(labels.count())]
    assert min(heights) >= 12, heights
    assert no_horizontal_overflow(page), overflowing_elements(page)
    screenshot(page, f"career-timeline-{name}")
