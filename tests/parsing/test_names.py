import pytest

from archive.parsing.names import is_name, split_titled_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区长袁建", ("区长", "袁建", "")),
        ("区政府办公室主任何宏伟", ("区政府办公室主任", "何宏伟", "")),
        ("区长王长海", ("区长", "王长海", "")),
        ("王某区长", ("", "王某", "区长")),
        ("李志龙同志", ("", "李志龙", "")),
        ("副区长欧阳志远", ("副区长", "欧阳志远", "")),
        ("区长禤国明", ("区长", "禤国明", "")),
        ("区财政局", None),
        ("区各部门负责人", None),
        ("会议学习", None),
        ("习近平总书记", None),
    ],
)
def test_split_titled_name(text, expected):
    assert split_titled_name(text) == expected


@pytest.mark.parametrize("text", ["书记", "区长", "领导同志", "王", "陈某某某", "区法院"])
def test_not_names(text):
    assert not is_name(text)
