"""The admin spells officials' names out as the site does: one romanisation, in syllable order (issue 11, item 12)."""

import pytest
from django.urls import reverse

from archive.models import Official

pytestmark = pytest.mark.django_db

NAMES = {
    "艾力买买提": "Ai Limaimaiti",
    "欧阳明": "Ouyang Ming",
    "李志龙": "Li Zhilong",
    "边阿": "Bian A",
    "毕明": "Bi Ming",
}


@pytest.fixture
def officials(db):
    return {name: Official.objects.create(name=name, locality="测试区") for name in NAMES}


def test_officials_list_prints_names_as_the_site_does(admin_client, officials):
    html = admin_client.get(reverse("admin:archive_official_changelist")).content.decode()
    for name, printed in NAMES.items():
        assert printed == officials[name].romanized
        assert f">{printed}</td>" in html
        assert officials[name].pinyin not in html  # "ai li mai mai ti", "ou yang ming"


def test_officials_list_is_in_syllable_order(admin_client, officials):
    url = reverse("admin:archive_official_changelist")
    names = [o.name for o in admin_client.get(url).context["cl"].result_list]
    assert names.index("毕明") < names.index("边阿")  # bi ming before bian a, as on the site
    assert names == sorted(names, key=lambda n: (officials[n].pinyin, officials[n].id))
    # The pinyin column sorts the same way, both ways round.
    cl = admin_client.get(url).context["cl"]
    column = next(i for i, name in enumerate(cl.list_display) if name == "romanized")
    for order, reverse_ in ((f"{column}", False), (f"-{column}", True)):
        names = [o.name for o in admin_client.get(url, {"o": order}).context["cl"].result_list]
        assert names == sorted(names, key=lambda n: officials[n].pinyin, reverse=reverse_), order


def test_search_results_are_in_syllable_order(admin_client, officials):
    found = admin_client.get(reverse("admin:archive_official_changelist"), {"q": "b"}).context["cl"].result_list
    assert [o.name for o in found] == ["毕明", "边阿"]


def test_official_page_and_its_history_print_the_name_as_the_site_does(admin_client, officials):
    official = officials["欧阳明"]
    url = reverse("admin:archive_official_change", args=[official.pk])
    html = admin_client.get(url).content.decode()
    assert '<div class="readonly">Ouyang Ming</div>' in html and "ou yang ming" not in html
    data = {"name": "艾力买买提", "locality": "德清县", "disambiguation": "", "notes": ""}
    data.update({"aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0})
    assert admin_client.post(url, data).status_code == 302
    history = admin_client.get(reverse("admin:archive_official_history", args=[official.pk])).content.decode()
    assert "Ouyang Ming" in history and "Ai Limaimaiti" in history
    assert "ou yang ming" not in history and "ai li mai mai ti" not in history
    version = official.history.order_by("history_date").first()
    old = admin_client.get(reverse("admin:archive_official_simple_history", args=[official.pk, version.pk]))
    assert '<div class="readonly">Ouyang Ming</div>' in old.content.decode()
