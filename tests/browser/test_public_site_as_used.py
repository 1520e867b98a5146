"""Issues 15, 18 (12, new user 2, 6, 7) and 19 as a reader meets them, in Debian's Chromium: the
Content-Security-Policy breaks nothing, places are in the header, the chart's year labels and the
search box's hint are legible, and a body's pages stay in its place. Screenshots in test-artifacts/."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def minutes(date, body="区政府常务会议", chair="王建国"):
    return f"{date}，区长{chair}主持召开{body}。副区长李明出席。审议《关于加强管理的办法》。会议决定任命张伟为区财政局局长。"


@pytest.fixture
def two_counties(load_text):
    """A body in 柯桥区 from November 2020 (the chart's first year label is then two bars from the
    next) and the same name in 萧山区, with a body whose name holds "/"."""
    first = load_text(minutes("2020年11月4日"), "k1.txt", locality="柯桥区")
    load_text(minutes("2021年2月4日", chair="赵海"), "x1.txt", locality="萧山区")
    last = load_text(minutes("2022年3月4日"), "k2.txt", locality="柯桥区")
    load_text(minutes("3月9日"), "k3.txt", locality="柯桥区")
    slash = load_text(minutes("2022年5月6日", body="区政府专题会议"), "s.txt", locality="柯桥区")
    from archive.models import Meeting

    Meeting.objects.filter(id=slash.id).update(body="区政府常务会议/专题会议")
    return first, last, slash


def watch_console(page) -> list[str]:
    """Console errors (a CSP refusal is one) and uncaught page errors, as they happen."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_pages_keep_working_under_the_content_security_policy(live_server, two_counties, page_factory):
    first, last, slash = two_counties
    page = page_factory()
    errors = watch_console(page)
    response = page.goto(live_server.url + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # site.js ran: the chart starts scrolled to its newest months.
    assert page.evaluate("document.querySelector('.chart-scroll').scrollLeft") > 0 or page.evaluate(
        "(() => { const el = document.querySelector('.chart-scroll'); return el.scrollWidth <= el.clientWidth; })()"
    )
    screenshot(page, "csp-home-1280")
    page.goto(live_server.url + "/meetings/")
    assert page.locator("details[data-open-wide]").first.evaluate("d => d.open")  # site.js opened the filters
    from archive.models import Official

    wang = Official.objects.get(name="王建国")
    page.goto(f"{live_server.url}/officials/{wang.id}/career/")
    svg_bar = page.locator(".career-timeline rect.bar").first
    assert svg_bar.evaluate("r => getComputedStyle(r).fill") == "rgb(42, 111, 176)"  # site.css, not inline
    screenshot(page, "csp-career-1280")
    page.goto(f"{live_server.url}/meetings/{slash.id}/")
    page.get_by_role("link", name="历次会议").click()
    assert page.get_by_role("heading", name="柯桥区 区政府常务会议/专题会议").is_visible()
    screenshot(page, "body-with-slash-1280")
    assert not errors, errors


def test_places_are_in_the_header_and_named_as_places(live_server, two_counties, page_factory):
    page = page_factory()
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="地区").click()
    headers = page.locator("table thead th").all_inner_texts()
    assert "名称" in headers and "姓名" not in headers
    page.get_by_role("link", name="浙江省").click()
    assert page.get_by_text("此地及下辖地区共 5 次会议").is_visible()
    screenshot(page, "places-province-1280")


def test_the_chart_year_labels_do_not_overlap(live_server, two_counties, page_factory):
    page = page_factory()
    page.goto(live_server.url + "/")
    spans = page.locator(".chart text.axis-tick").evaluate_all(
        "ts => ts.map(t => { const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.right]; })"
    )
    spans = [span for span in spans if len(span[0]) == 4]  # the years (the other ticks count meetings)
    assert [year for year, *_ in spans] == ["2021", "2022"]  # 2020's label (November) gives way to 2021's
    for (_, _, right), (_, left, _) in zip(spans, spans[1:], strict=False):
        assert right <= left, spans


@pytest.mark.parametrize("width", [1280, 390])
def test_the_search_hint_is_not_cut_off(live_server, two_counties, page_factory, width):
    page = page_factory(width=width)
    page.goto(live_server.url + "/")
    box = page.locator("#home-q")
    fits = box.evaluate(
        """input => {
          const style = getComputedStyle(input);
          const ctx = document.createElement('canvas').getContext('2d');
          ctx.font = style.font;
          const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return [ctx.measureText(input.placeholder).width, room];
        }"""
    )
    assert fits[0] <= fits[1], fits
    screenshot(page, f"home-search-{width}")


def test_the_body_page_matrix_and_sessions_put_the_undated_meeting_last(live_server, two_counties, page_factory):
    page = page_factory()
    page.goto(live_server.url + "/bodies/330603/区政府常务会议/")
    columns = page.locator(".matrix thead th").all_inner_texts()[1:]
    assert columns[-1] == "?" and "?" not in columns[:-1], columns
    sessions = page.locator("ol.sessions li").all_inner_texts()
    assert "年份不详" in sessions[-1], sessions
    screenshot(page, "body-matrix-1280")


def test_the_404_page_has_its_css(live_server, page_factory):
    page = page_factory()
    response = page.goto(live_server.url + "/no/such/page/")
    assert response.status == 404
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 253, 248)"
    screenshot(page, "not-found-1280")
