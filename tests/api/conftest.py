"""A small archive in three places (two counties of one city, one elsewhere), with careers,
appointments and a cited document: minutes written for these tests, names invented."""

import pytest

from archive.models import Official
from archive.pipeline.load import load_paths

KEQIAO = [  # 柯桥区 (330603), in 绍兴市 (330600)
    ("2020年1月6日", "区长王建国主持召开区政府常务会议，副区长陈东、李红出席。会议研究了防汛工作。"),
    (
        "2020年6月1日",
        "区长王建国主持召开区政府常务会议，常务副区长陈东出席，区审计局局长赵一帆列席。"
        "会议审议了《柯桥区防汛应急预案》。会议决定任命陈东为常务副区长。",
    ),
    ("2021年3月15日", "区长王建国主持召开区政府常务会议，常务副区长陈东出席。会议研究了预算。"),
    ("2022年2月7日", "区长陈东主持召开区政府常务会议。会议决定免去王建国的区长职务。"),
]
YUECHENG = [  # 越城区 (330602), in 绍兴市
    ("2021年5月10日", "区长孙海波主持召开区政府常务会议，副区长周文涛出席。会议审议了《柯桥区防汛应急预案》。"),
]
SHANGCHENG = [  # 上城区 (330102), in 杭州市
    (
        "2023年9月4日",
        "区委书记钱立群主持召开区委常委会会议，区长吴晓东出席。会议学习传达了有关精神。"
        "会议审议了《上城区数字经济发展规划》。会议决定任命吴晓东为区委副书记。",
    ),
]


def _load(tmp_path, rows, locality, prefix):
    for n, (date, text) in enumerate(rows):
        path = tmp_path / f"{prefix}{n}.txt"
        path.write_text(f"{date}，{text}", encoding="utf-8")
        assert load_paths([path], locality=locality).count("loaded") == 1


@pytest.fixture
def places_archive(db, tmp_path):
    _load(tmp_path, KEQIAO, "柯桥区", "k")
    _load(tmp_path, YUECHENG, "越城区", "y")
    _load(tmp_path, SHANGCHENG, "上城区", "s")
    return Official.objects.get(name="陈东")
