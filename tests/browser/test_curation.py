"""A curator's day in the admin, in Debian's Chromium."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission, User

from archive.models import Meeting, Official

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def curator(db):
    """A member of the curators group. The group is made again when a transactional test before
    this one flushed the database, and with it the group its migration made."""
    group, created = Group.objects.get_or_create(name="curators")
    if created:
        archive = Permission.objects.filter(content_type__app_label="archive")
        group.permissions.set(archive.filter(codename__regex=r"^(add|change|delete|view)_"))
    user = User.objects.create_user("curator", password="a long curator password", is_staff=True)
    user.groups.add(group)
    return user


def login(page, live_server):
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill("a long curator password")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("heading", name="Curate meetings, officials and sources").is_visible()


def search_officials(page, live_server, q):
    page.goto(live_server.url + "/admin/archive/official/")
    page.locator("#searchbar").fill(q)
    with page.expect_navigation():
        page.locator("#changelist-search").get_by_role("button").click()
    return [t.strip() for t in page.locator("#result_list tbody th a").all_inner_texts()]


def test_curator_finds_edits_merges_exports_and_sees_history(live_server, archive_db, curator, page_factory):
    duplicate = Official.objects.create(name="陈豪", disambiguation="手工录入")
    seed = Meeting.objects.get(source__path__contains="003_")
    page = page_factory(locale="en-US")
    login(page, live_server)

    assert "陈豪" in search_officials(page, live_server, "陳豪")
    assert "陈豪" in search_officials(page, live_server, "chen hao")

    page.goto(live_server.url + "/admin/archive/meeting/")
    page.locator("#searchbar").fill("陳豪")
    with page.expect_navigation():
        page.locator("#changelist-search").get_by_role("button").click()
    page.locator("#result_list tbody th a").first.click()
    page.locator("#id_year").fill("2024")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert page.locator(".messagelist .success").is_visible()
    seed.refresh_from_db()
    assert seed.year == 2024 and str(seed.date) == "2024-02-01" and "year" in seed.locked_fields

    search_officials(page, live_server, "陈豪")
    page.locator("#result_list tbody input.action-select").nth(0).check()
    page.locator("#result_list tbody input.action-select").nth(1).check()
    page.locator("select[name=action]").select_option("merge")
    with page.expect_navigation():
        page.locator("button[name=index]").click()  # "Go" in Django 5.2, "Run" in 6
    page.locator(f"input[name=keep][value='{Official.objects.exclude(id=duplicate.id).get(name='陈豪').id}']").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Merge").click()
    assert "Merged 1 official(s)" in page.locator(".messagelist").inner_text()
    assert Official.objects.filter(name="陈豪").count() == 1

    page.goto(live_server.url + "/admin/archive/meeting/export/")
    page.locator("select[name=format]").select_option(label="csv")
    with page.expect_download() as download:
        page.get_by_role("button", name="Submit").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert len(rows) == Meeting.objects.count()
    # The admin's files name columns by their labels, in the curator's language (English here).
    assert any(r["Year"] == "2024" and r["Body"] == "区委常委会扩大会议" for r in rows)

    page.goto(live_server.url + f"/admin/archive/meeting/{seed.id}/history/")
    history = page.locator("#change-history").inner_text()
    assert "curator" in history
