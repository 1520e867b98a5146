"""Telling a person's name from the posts written around it."""

from __future__ import annotations

import re
from functools import lru_cache

# Common single-character surnames (the Hundred Family Surnames and frequent others).
# 区, 长 and 书 are real but rare surnames and collide with titles, so they are left out.
SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单"
    "季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆"
    "朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫"
    "杭况那宿鲜印逯隆茹诸战慕危玉银亢嵩帖蔚由拓揭幸闫庹台钮瞿菅但丘才过占冒东木束粱凤植敏酆郗衣綦郦步贝"
    "郄郑尉迟羿铁双桓付聊仉督琴骞孝晨绳丑吾侍红伞凡洪赖竺汝鄂斯巢弓糜缑"
) - {"区", "长", "书"}
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 端木 澹台 轩辕 呼延 南宫 独孤 闻人 万俟 "
    "申屠 西门 百里 东郭 公冶 太史 钟离 宗政 濮阳 淳于 单于 赫连 第五 拓跋".split()
)

# A post ends with one of these (区长, 区委副书记, 区政府办公室主任, 区财政局局长 ...).
TITLE_ENDINGS = (
    "书记",
    "长",
    "主任",
    "主席",
    "常委",
    "委员",
    "成员",
    "巡视员",
    "调研员",
    "专员",
    "助理",
    "负责人",
    "政委",
    "经理",
    "督学",
    "干部",
    "代表",
    "总工程师",
    "总经济师",
    "总会计师",
    "总师",
    "秘书",
    "参事",
    "顾问",
    "主委",
    "理事",
    "监事",
    "董事",
    "党组书记",
    "领导",
    "工程师",
    "教授",
    "院士",
    "指挥",
)

# Substrings that never occur in a person's name but often in what surrounds it.
_NOT_IN_NAME = (
    "同志",
    "领导",
    "负责",
    "有关",
    "部门",
    "单位",
    "会议",
    "委员",
    "书记",
    "主任",
    "主席",
    "常委",
    "政府",
    "人大",
    "政协",
    "代表",
    "成员",
    "干部",
    "工作",
    "精神",
    "全体",
    "各级",
    "我区",
    "我县",
    "我市",
    "街道",
    "乡镇",
    "区委",
    "县委",
    "市委",
    "省委",
    "党组",
    "党委",
    "纪委",
    "副区",
    "副县",
    "副市",
    "局长",
    "区长",
    "县长",
    "市长",
    "镇长",
    "部长",
    "处长",
    "科长",
    "管委",
    "学习",
    "传达",
    "研究",
    "审议",
    "听取",
    "出席",
    "列席",
    "参加",
    "主持",
    "讲话",
    "汇报",
    "召开",
    "以及",
    "分别",
    "还有",
    "人员",
    "各位",
    "其他",
    "相关",
    "班子",
    "委托",
)
# National leaders whose speeches are studied: mentioned, never participants of a local meeting.
MENTIONED_LEADERS = frozenset(
    "习近平 李强 赵乐际 王沪宁 蔡奇 丁薛祥 李希 李克强 栗战书 汪洋 韩正 王岐山 胡锦涛 江泽民 毛泽东 邓小平 "
    "俞正声 张德江 刘云山 张高丽 温家宝 吴邦国 贾庆林 李长春 贺国强 曾庆红 吴官正 罗干 朱镕基 李鹏 李瑞环 周恩来".split()
)

# Posts that also name a group of people, or national leaders who are never at a local meeting.
_GROUP_TITLES = ("代表", "领导", "干部", "成员", "委员", "总书记", "职工")
_OFFICE_ENDINGS = ("长", "主任", "书记", "主席", "员", "助理", "专员")
_NOT_IN_NAME_RE = re.compile("|".join(_NOT_IN_NAME))
_ORG_ENDINGS = (
    "局",
    "委",
    "办",
    "院",
    "部",
    "厅",
    "处",
    "科",
    "所",
    "站",
    "队",
    "会",
    "府",
    "室",
    "中心",
    "公司",
    "集团",
    "们",
)
_PLACE_ENDINGS = ("省", "市", "县", "区")
_PLACE_GOES_ON = re.compile(r"^[省市县区](?!委|政府|人大|政协|长|纪委|监委)")
_UNIT_ENDINGS = ("政协", "人大", "政府", "法院", "检察院", "常委会")
_CJK = re.compile(r"^[\u3400-\u9fff]+$")
_TRANSLITERATED = re.compile(r"^[\u3400-\u9fff]{1,8}(?:·[\u3400-\u9fff]{1,8})+$")
_HONORIFIC_TAIL = re.compile(r"(?:等(?:[区县市镇乡]|街道)?(?:委|政府|人大|政协)?(?:领导)?(?:同志|人)?|同志们|同志)$")


@lru_cache(maxsize=65536)
def is_name(text: str) -> bool:
    if not 2 <= len(text) <= 4:
        return False
    if text[:2] in COMPOUND_SURNAMES:
        pass
    elif text[:1] not in SINGLE_SURNAMES or len(text) == 4:
        return False
    return is_plain_name(text)


def is_plain_name(text: str) -> bool:
    """CJK only, nothing that belongs to a post or an organisation, not a title itself."""
    if not _CJK.match(text) or _NOT_IN_NAME_RE.search(text):
        return False
    if len(text) == 3 and text.endswith(_PLACE_ENDINGS):
        return False  # 黄山市, 石门县
    return not is_title(text) and not text.endswith(_ORG_ENDINGS)


def is_title(text: str) -> bool:
    return (
        len(text) >= 2
        and text.endswith(TITLE_ENDINGS)
        and "同志" not in text  # a title never runs past a name and its 同志
        and bool(_CJK.match(text.replace("(", "").replace(")", "")))
    )


@lru_cache(maxsize=65536)
def split_titled_name(text: str) -> tuple[str, str, str] | None:
    """'区长袁建' -> ('区长', '袁建', ''); '王某区长' -> ('', '王某', '区长'); '陈豪' -> ('', '陈豪', '')."""
    text = _HONORIFIC_TAIL.sub("", text)
    if is_name(text):
        return "", text, ""
    for size in (3, 2, 4):
        if len(text) > size:
            prefix, name = text[:-size], text[-size:]
            if is_name(name) and is_title(prefix):
                return prefix, name, ""
    for size in (3, 2):
        if len(text) > size + 1:
            name, suffix = text[:size], text[size:]
            # '王某区长', but not '黄山' + '市地方志办公室…': a place name goes on after a surname
            if is_name(name) and is_title(suffix) and not _PLACE_GOES_ON.match(suffix):
                return "", name, suffix
    if "·" in text:
        return _split_transliterated(text)
    # A unit, the name, the post after it: '县政协伍国华主席', '县法院包立新院长'.
    if len(text) <= 16 and text.endswith(_OFFICE_ENDINGS):
        for size in (3, 2):
            for end in range(len(text) - 1, max(size + 1, len(text) - 6), -1):
                unit, name, post = text[: end - size], text[end - size : end], text[end:]
                if post.endswith(_OFFICE_ENDINGS) and is_name(name) and _is_unit(unit):
                    return "", name, unit + post
    # A post followed by a name whose surname is not in our list (禤, 佴 ...); not after words
    # that also head a group or a verb ('代表提出', '有关领导辞职', '总书记看望').
    for size in (3, 2):
        if len(text) >= size + 2:
            prefix, name = text[:-size], text[-size:]
            if (
                is_title(prefix)
                and prefix.endswith(_OFFICE_ENDINGS)
                and not prefix.endswith(_GROUP_TITLES)
                and is_plain_name(name)
                and not is_title(prefix + name[:1])
            ):
                return prefix, name, ""
    return None


def _is_unit(text: str) -> bool:
    """An organ or office written before a name: 县政府, 县政协, 区人大常委会, 市发改委."""
    return (
        2 <= len(text) <= 8 and bool(_CJK.match(text)) and (text.endswith(_ORG_ENDINGS) or text.endswith(_UNIT_ENDINGS))
    )


def _split_transliterated(text: str) -> tuple[str, str, str] | None:
    """Names such as 阿不都·热合曼, after an optional post: the post ends where a title ending does."""
    if _TRANSLITERATED.match(text) and not _NOT_IN_NAME_RE.search(text):
        return "", text, ""
    for end in range(len(text) - 3, 1, -1):
        prefix, name = text[:end], text[end:]
        if is_title(prefix) and _TRANSLITERATED.match(name) and not _NOT_IN_NAME_RE.search(name):
            return prefix, name, ""
    return None
