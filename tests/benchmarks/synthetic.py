"""Synthetic minutes in the real formats, for benchmarks (deterministic for a given seed)."""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator

import opencc

VERSION = 3  # raised whenever the minutes made for a seed change (2: documents titled with place and
# year; 3: officials leave and are replaced, so that a big archive has people of every length of service)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国华明军平伟强志东红丽文海立新晓峰刚林勇杰涛斌波辉敏静燕玲芳霞秀英兰宏飞鹏宇浩然俊杰德清松柏云龙"
LEVELS = [("区", "区长", "副区长"), ("县", "县长", "副县长"), ("市", "市长", "副市长")]
TOPICS = [
    "传达学习省委全会精神",
    "审议《{issuer}城市更新行动实施方案》",
    "研究安全生产有关工作",
    "听取{l}财政局关于预算执行情况的汇报",
    "研究乡村振兴重点工作",
    "审议《{issuer}{subject}管理办法》",
    "传达学习习近平总书记重要讲话精神",
    "研究防汛防台工作",
]
# What a document regulates: with the issuing place and year, most titles are cited once or a few
# times, as in real collections (180 real reports: 208 citations of 188 titles), not thousands.
SUBJECTS = [
    "政府投资项目",
    "国有资产",
    "专项资金",
    "政府采购",
    "公共资源交易",
    "城市道路",
    "农村宅基地",
    "征地补偿",
    "河道采砂",
    "建筑垃圾",
    "物业服务",
    "养老服务",
    "学前教育",
    "住房保障",
    "招商引资",
    "公立医院",
    "消防安全",
    "食品安全",
    "安全生产",
    "防汛抗旱",
]
NUMERALS = "一二三四五六七八九十"
PINYIN = {"区": "qū", "会": "huì", "议": "yì", "长": "zhǎng", "县": "xiàn", "市": "shì"}


def new_person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


PLACES = "东西南北中新城江河湖山海林桥溪湾港滨云龙凤安平宁和华兴"


@functools.cache
def _real_names() -> dict[str, list[str]]:
    """County-level names of the GB/T 2260 table by their last character (区, 县, 市), each once in
    the table, so that a synthetic place resolves to one division (README, "Officials over time")."""
    from collections import Counter

    from archive.intake.division_table import records

    DIVISION_DATA = {r.code: r.name for r in records() if r.valid_until is None}  # today's table

    counts = Counter(DIVISION_DATA.values())
    names: dict[str, list[str]] = {"区": [], "县": [], "市": []}
    for code, name in sorted(DIVISION_DATA.items()):
        if not code.endswith("00") and counts[name] == 1 and name[-1] in names and len(name) == 3:
            names[name[-1]].append(name)
    return names


# About how many of its place's meetings an official attends before moving on: five years of
# meetings every other week. Without turnover, at 100,000 meetings (1,700 a place) every regular
# had hundreds of meetings and none the dozen or two that a small archive's busiest has.
TERM = 120


def localities(rng: random.Random, count: int = 60) -> list[tuple[str, tuple, list[str]]]:
    """Places with their own officials: real archives meet the same few dozen people again and
    again (``turnover`` replaces them over time). Real county-level names, so that places resolve
    to divisions."""
    places, real = [], _real_names()
    for _ in range(count):
        level = rng.choice(LEVELS)
        name = rng.choice(real[level[0]])
        places.append((name, level, [new_person(rng) for _ in range(rng.randint(15, 40))]))
    return places


def minutes(rng: random.Random, index: int, place) -> str:
    name, (level, head, deputy), pool = place

    def person(rng):
        """Mostly the place's own officials, sometimes someone new."""
        return rng.choice(pool) if rng.random() < 0.9 else new_person(rng)

    year = rng.choice(("", f"{rng.randint(2015, 2024)}年"))
    date = f"{year}{rng.randint(1, 12)}月{rng.randint(1, 28)}日{rng.choice(('', '上午', '下午'))}"
    deputies = "、".join(dict.fromkeys(person(rng) for _ in range(rng.randint(3, 8))))
    lines = [
        f"{date}，{level}委副书记、{head}{person(rng)}主持召开{name}政府第{rng.randint(1, 80)}次常务会议。"
        f"{deputy}{deputies}出席会议。{level}政府办公室主任{person(rng)}列席会议。"
    ]
    topics = rng.sample(TOPICS, rng.randint(2, 5))
    numbered = rng.random() < 0.6
    for n, topic in enumerate(topics, 1):
        issuer = f"{name}{rng.randint(2015, 2024)}年"
        topic = topic.format(l=level, issuer=issuer, subject=rng.choice(SUBJECTS))
        if numbered:
            lines.append(f"{NUMERALS[n - 1]}、{topic}")
            lines.append(
                f"会议听取了{level}发改局局长{person(rng)}关于有关情况的汇报。会议强调，要狠抓落实，确保取得实效。"
            )
        else:
            lines.append(f"会议{topic[:2]}了{topic[2:]}。会议要求，要压实责任，抓好落实（第{index}号）。")
    if rng.random() < 0.1:  # personnel decisions (任免), as contract version 2 reads them
        lines.append(
            f"会议决定任命{person(rng)}为{level}发改局局长，{person(rng)}为{level}审计局局长；"
            f"免去{person(rng)}的{level}统计局局长职务。"
        )
    return "\n".join(lines) + "\n"


def generate(n: int, seed: int = 7) -> list[tuple[str, bytes]]:
    """n files as (name, bytes): a fifth traditional (some with pinyin), the rest simplified UTF-8."""
    return list(iter_files(n, seed))


def iter_files(n: int, seed: int = 7) -> Iterator[tuple[str, bytes]]:
    """The files of ``generate`` one at a time."""
    for i, text in iter_texts(n, seed):
        yield as_file(i, text)


def iter_texts(n: int, seed: int = 7) -> Iterator[tuple[int, str]]:
    """Each file's number and simplified text, in order: all the randomness of ``generate``.
    ``as_file`` makes the file of one (the costly script conversion), in any process."""
    rng = random.Random(seed)
    places = localities(rng)
    for i in range(n):
        place = rng.choice(places)
        turnover(rng, place[2])
        yield i, minutes(rng, i, place)


def turnover(rng: random.Random, pool: list[str]) -> None:
    """Before a place's meeting: now and then one of its officials leaves and a new one comes, so
    that each serves about TERM of its meetings."""
    if rng.random() < len(pool) / TERM:
        pool[rng.randrange(len(pool))] = new_person(rng)


def as_file(i: int, text: str) -> tuple[str, bytes]:
    """File ``i`` of a collection from its simplified text: a fifth traditional, half of those
    with pinyin readings."""
    if i % 5 == 4:
        text = _s2t().convert(text)
        if i % 10 == 9:
            for char, reading in PINYIN.items():
                traditional = _traditional(char)
                text = text.replace(traditional, f"{traditional}({reading})")
    return f"{i:06d}.txt", text.encode("utf-8")


@functools.cache
def _s2t():
    return opencc.OpenCC("s2t")


@functools.cache
def _traditional(char: str) -> str:
    return _s2t().convert(char)
