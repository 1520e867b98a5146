"""Personnel decisions (任免) that name a person: who was appointed to, or removed from, which post.

Reads the cleaned simplified text. Forms, after the verbs in DECISION_VERBS:
- "as":     任命甲某(同志)为区财政局局长、区国资办主任,乙某为区审计局局长
- "duty":   免去丙某(同志)(的)区统计局局长、区普查办主任职务、丁某同志区档案局局长职务
- "resign": 接受戊某(同志)辞去区长职务
and before 当选: 甲某当选为县长; and resignations accepted with no verb before the names (关于己某、
庚某两位同志辞去县人大代表的辞呈). A decision that names nobody (会议研究了人事任免事项) gives
nothing; a group named by its first member (辛某等60名同志) gives the named one only.
"""

from __future__ import annotations

import re

from .data import data_lines
from .names import TITLE_ENDINGS, is_name, is_plain_name, split_titled_name
from .result import ParsedAppointment

APPOINT = "appoint"
REMOVE = "remove"

# Verb -> (action, form, what the post must contain), from data/appointment_verbs.txt (the forms
# are described there).
DECISION_VERBS: dict[str, tuple[str, str, str]] = {
    verb: (action, form, required[0] if required else "")
    for verb, action, form, *required in (line.split() for line in data_lines("appointment_verbs.txt"))
}
# Verbs written after the names they decide on.
ELECTED_VERBS: dict[str, str] = dict.fromkeys(data_lines("elected_verbs.txt"), APPOINT)
# A verb right after one of these is not a decision (拟任命: the notice before it).
NOT_A_DECISION_BEFORE = ("拟",)
# A verb right before one of these names nobody (任命书, 任命事项, 选举办法).
NOT_A_NAME = ("书", "事项", "决定", "办法", "的")
# '会议接受了甲某辞去…', '任命了乙某为…': the aspect word before the names.
PERFECTIVE = "了"
RESIGNS = "辞去"
DUTY = "职务"
# What ends a post besides 职务: '免除甲某同志常务副县长一职'.
DUTY_WORDS = ("职务", "一职")
# A decision that names no post: '免去乙某等同志的相关职务' (post null, LABELLING.md Clarifications).
NO_POST = re.compile(r"(?:的)?(?:相关|有关|所任|现任|其|一切)(?:职务|一职)")
# After the names, how many they are: '甲某、乙某两位同志', '丙某等60名同志', '丁某、戊某2人'.
GROUP = re.compile(r"(?:等\s*)?(?:[\d一二两三四五六七八九十百]+\s*(?:名|位|人))?(?:同志)?")
# Written between the names and 当选: '甲某同志(女)全票当选为镇长'.
ELECTION_MANNER = re.compile(
    r"(?:同志)?(?:[(（][\u3400-\u9fff]{1,4}[)）])?(?:以)?(?:全票|高票|满票|等额|差额)?(?:选举)?$"
)
HONORIFIC = "同志"
NAME_JOINERS = "、和及"
# Where a post written after 为 ends, besides punctuation.
POST_STOPS = ("的决定", "的议案", "的请示", "的报告", "的建议", "的提请", "的通知", "的决议", "的任命", "的任职",
              "职务", "一职", "并", "同时")  # fmt: skip
# What a post ends with (区财政局局长, 县人大常委会委员, 区法院审判员, 检察官).
POST_ENDINGS = (*TITLE_ENDINGS, "员", "官", "师")
# Stripped from the front of a bare second post before it borrows the first one's place
# (惠安县人民政府副县长、代理县长 -> 惠安县人民政府代理县长).
MODIFIERS = ("常务副", "代理", "常务", "副")
# Words between the names and 宣誓 (甲某、乙某同志依次进行宪法宣誓).
OATH = re.compile(
    r"(?:同志)?(?:等人?)?(?:依次|集体|分别)?(?:(?:手按|手抚|面向|面对|向)《?宪法》?)?(?:庄严|郑重)?"
    r"(?:进行了?|作了?|举行了?)?(?:《?宪法》?)?宣誓"
)

_VERBS = re.compile("|".join(sorted(DECISION_VERBS, key=len, reverse=True)))
_ELECTED = re.compile("|".join(sorted(ELECTED_VERBS, key=len, reverse=True)))
_TITLE_QUOTE = re.compile(r"《[^《》\n]*》")
_POST_RUN = re.compile(r"[\u3400-\u9fff()（）·]+")
_POSTS_RUN = re.compile(r"[\u3400-\u9fff()（）·、]+")
_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
_TRANSLITERATED = re.compile(r"[\u3400-\u9fff]{1,8}(?:·[\u3400-\u9fff]{1,8})+")
_PLACE_CHARS = "区县市镇乡省州旗"
_MODIFIERS_HEAD = re.compile(f"^(?:{'|'.join(MODIFIERS)})+")
_MODIFIERS_TAIL = re.compile(f"(?:{'|'.join(MODIFIERS)})+$")
_COLON = re.compile(r"[:：]\s*")
_NEXT_ITEM = re.compile(r"[、,，；;][ \t\u3000]*\n?[ \t\u3000]*|[ \t\u3000]*\n[ \t\u3000]*")


def find_appointments(text: str) -> list[ParsedAppointment]:
    """Decisions in text order, one per person, action and post (a repeated decision once)."""
    found = sorted(_mentions(text), key=lambda a: (a.start, a.end))
    with_post = {(a.name, a.action) for a in found if a.post}
    posts = {(a.name, a.action, a.post) for a in found if a.post}
    seen: set[tuple[str, str, str | None]] = set()
    result = []
    for item in found:
        key = (item.name, item.action, item.post)
        if key in seen or (item.post is None and key[:2] in with_post) or _said_in_full(key, posts):
            continue
        seen.add(key)
        result.append(item)
    return result


def _said_in_full(key: tuple[str, str, str | None], posts: set[tuple[str, str, str | None]]) -> bool:
    """A headline's '任命甲某为代理县长' when the body says '…县人民政府代理县长': the same decision."""
    name, action, post = key
    return bool(post) and any(n == name and a == action and p != post and p.endswith(post) for n, a, p in posts)


def appointee_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every name a decision or an oath is about, repeats included: not participants."""
    spans = {(a.start, a.end) for a in _mentions(text)}
    spans.update((start, end) for _, start, end in oath_takers(text))
    return sorted(spans)


def oath_takers(text: str) -> list[tuple[str, int, int]]:
    """People named right before 宣誓 (甲某、乙某同志进行了宪法宣誓): (name, start, end)."""
    found = []
    if "宣誓" not in text:  # the pattern's optional prefix would be tried at every position
        return found
    for match in OATH.finditer(text):
        if not _in_title(text, match.start()):
            found.extend(_names_before(text, match.start()))
    return found


def _mentions(text: str) -> list[ParsedAppointment]:
    titles = [m.span() for m in _TITLE_QUOTE.finditer(text)]
    found: list[ParsedAppointment] = []
    for match in _VERBS.finditer(text):
        if _inside(titles, match.start()) or text[max(0, match.start() - 2) : match.start()].endswith(
            NOT_A_DECISION_BEFORE
        ):
            continue
        action, form, required = DECISION_VERBS[match.group()]
        pos = match.end()
        if text.startswith(PERFECTIVE, pos):
            pos += len(PERFECTIVE)
        colon = _COLON.match(text, pos)
        pos = colon.end() if colon else pos
        if text.startswith(NOT_A_NAME, pos):
            continue
        found.extend(_clause(text, pos, action, form, required))
    found.extend(_resignations(text, titles))
    for match in _ELECTED.finditer(text):
        if _inside(titles, match.start()):
            continue
        posts, _ = _posts_after(text, match.end())
        manner = ELECTION_MANNER.search(text, max(0, match.start() - 12), match.start())
        for name, start, end in _names_before(text, manner.start() if manner else match.start()):
            found.extend(ParsedAppointment(name, ELECTED_VERBS[match.group()], post, start, end) for post in posts)
    return found


# '通过了关于甲某、乙某两位同志辞去县人大常委会委员以及丙某等9位同志辞去县人大代表的辞呈':
# resignations the meeting accepted, written without a verb before the names.
RESIGNATION_ACCEPTED = re.compile(r"接受|辞呈|辞职|同意|批准|通过|决定")
_RESIGNERS_START = re.compile(r".*(?:[，,。；;：:\n]|关于|接受了?|同意|以及)", re.S)
_RESIGNED_POST_STOPS = ("职务", "一职", "的", "以及", "请求")


def _resignations(text: str, titles: list[tuple[int, int]]) -> list[ParsedAppointment]:
    found = []
    for match in re.finditer(RESIGNS, text):
        sentence_start = max(text.rfind(p, 0, match.start()) for p in "。\n")
        sentence_end = min((i for i in (text.find(p, match.end()) for p in "。\n") if i >= 0), default=len(text))
        if _inside(titles, match.start()) or not RESIGNATION_ACCEPTED.search(text, sentence_start + 1, sentence_end):
            continue
        lead = _RESIGNERS_START.match(text, sentence_start + 1, match.start())
        names, end = _name_list(text, lead.end() if lead else sentence_start + 1, (RESIGNS,))
        if not names or end != match.start():
            continue
        run = _POSTS_RUN.match(text, match.end())
        if not run:
            continue
        cut = min((i for i in (run.group().find(w) for w in _RESIGNED_POST_STOPS) if i > 0), default=len(run.group()))
        posts = [_post(p) for p in _posts_as_written(run.group()[:cut])]
        if all(posts):
            found.extend(ParsedAppointment(n, REMOVE, p, a, b) for n, a, b in names for p in _with_places(posts))
    return found


def _clause(text: str, pos: int, action: str, form: str, required: str) -> list[ParsedAppointment]:
    """One verb's decisions: a person (or several) and their posts, then more after 、 , ; or a new line."""
    found: list[ParsedAppointment] = []
    while True:
        item = _duty_item(text, pos, form) if form in ("duty", "resign") else _as_item(text, pos)
        if item is None and form == "elect" and not found:
            return [ParsedAppointment(n, action, p, s, e) for n, p, s, e in _titled_names(text, pos)]
        if item is None:
            return found
        names, posts, pos = item
        posts = [p for p in posts if required in (p or "")] if required else posts
        found.extend(ParsedAppointment(n, action, p, s, e) for n, s, e in names for p in posts)
        step = _NEXT_ITEM.match(text, pos)
        if step is None:
            return found
        pos = step.end()


def _titled_names(text: str, pos: int) -> list[tuple[str, str, int, int]]:
    """POST NAME、POST NAME (镇长甲某、副镇长乙某) -> (name, post, start, end); none if one is not."""
    run = _POSTS_RUN.match(text, pos)
    found = []
    for item in re.finditer(r"[^、]+", run.group() if run else ""):
        split = split_titled_name(item.group())
        post = _post(split[0]) if split else ""
        if not post:
            return []
        start = pos + item.start() + item.group().index(split[1], len(split[0]))
        found.append((split[1], post, start, start + len(split[1])))
    return found


def _as_item(text: str, pos: int):
    """NAME(、NAME)(同志)为POST(、POST) -> (names, posts, end)."""
    names, pos = _name_list(text, pos, ("为",))
    if not names or not text.startswith("为", pos):
        return None
    posts, pos = _posts_after(text, pos + 1)
    return (names, posts, pos) if posts else None


def _duty_item(text: str, pos: int, form: str):
    """NAME(同志)(的)POST、POST职务, or NAME(同志)辞去POST职务 -> (names, posts, end)."""
    lead = (RESIGNS,) if form == "resign" else ("的", DUTY)
    names, pos = _name_list(text, pos, lead, bare_post=form == "duty")
    if not names:
        return None
    if form == "resign":
        if not text.startswith(RESIGNS, pos):
            return None
        pos += len(RESIGNS)
    elif text.startswith("的", pos):
        pos += 1
    vague = NO_POST.match(text, pos)
    if vague:
        return names, [None], vague.end()
    end, word = _duty_end(text, pos)
    if end < 0:
        return None
    pieces = [_post(p) for p in _posts_as_written(text[pos:end].removesuffix("的"))] if end > pos else [None]
    if any(p == "" for p in pieces):
        return None
    pieces = [post for piece in pieces for post in (_joined_posts(piece) if piece else [piece])]
    return names, _with_places(pieces), end + len(word)


def _duty_end(text: str, pos: int) -> tuple[int, str]:
    """Where the posts before 职务 (or 一职) end, and that word; -1 when none ends the run."""
    run = _POSTS_RUN.match(text, pos)
    if not run:
        return -1, ""
    found = [(i, w) for w in DUTY_WORDS if (i := text.find(w, pos, run.end())) >= 0]
    return min(found) if found else (-1, "")


def _posts_as_written(posts: str) -> list[str]:
    """Posts split at 、, but a bare place before one stays with it: '市、县人大代表' is one post."""
    pieces: list[str] = []
    for piece in posts.split("、"):
        if pieces and len(pieces[-1]) <= 3 and pieces[-1].endswith(tuple(_PLACE_CHARS)):
            pieces[-1] += "、" + piece
        else:
            pieces.append(piece)
    return pieces


def _name_list(text: str, pos: int, followers: tuple[str, ...], bare_post: bool = False):
    """Names joined by 、和及, each maybe with 同志, ending before one of followers."""
    names = []
    while True:
        span = _name_at(text, pos, (*followers, HONORIFIC, *NAME_JOINERS), bare_post)
        if span is None:
            return names, pos
        names.append((text[span[0] : span[1]], *span))
        pos = span[1]
        if text.startswith(HONORIFIC, pos):
            pos += len(HONORIFIC)
        if text[pos : pos + 1] and text[pos] in NAME_JOINERS and _name_at(text, pos + 1, (), bare_post, probe=True):
            pos += 1
            continue
        return names, GROUP.match(text, pos).end()


def _name_at(text: str, pos: int, followers: tuple[str, ...], bare_post: bool, probe: bool = False):
    """The span of a name at pos: one followed by a follower, else (bare_post) by its post and 职务."""
    translit = _TRANSLITERATED.match(text, pos)
    if translit:  # 阿某·某某: the last part ends where a follower starts
        last = translit.group().rindex("·") + pos + 1
        ends = [end for end in range(last + 1, translit.end() + 1) if probe or text.startswith(followers, end)]
        return (pos, ends[0]) if ends else None
    # not '甲某等' before '18人为…': 等 starts how many they are
    sizes = [size for size in (3, 2, 4) if is_name(text[pos : pos + size]) and text[pos + size - 1] != "等"]
    for size in sizes:
        if probe or _followed(text, pos + size, followers):
            return pos, pos + size
    titled = None if probe else _after_title(text, pos, tuple(f for f in followers if f not in NAME_JOINERS))
    if titled:
        return titled
    if not bare_post:
        return None
    # 免去甲某区财政局局长职务: the post must be whole, and one seen elsewhere with a boundary wins.
    fits = [size for size in sizes if _bare_post_fits(text, pos + size)]
    fits.sort(key=lambda size: (not _named_elsewhere(text, text[pos : pos + size]), _odd_place(text, pos + size)))
    return (pos, pos + fits[0]) if fits else None


def _followed(text: str, pos: int, followers: tuple[str, ...]) -> bool:
    """A follower right after the name, or after how many they are ('三位同志为')."""
    return text.startswith(followers, pos) or text.startswith(followers, GROUP.match(text, pos).end())


# The first character of a follower or of how many the names are ('同志', '为', '等', '三位').
_FOLLOWER_STARTS = frozenset("同为辞的职一等0123456789两三四五六七八九十")


def _after_title(text: str, pos: int, followers: tuple[str, ...]):
    """'任命县委副书记甲某同志为…': the person's present post before the name is not the name."""
    run = _POST_RUN.match(text, pos)
    if not run or not followers:
        return None
    for end in range(pos + 3, min(run.end(), pos + 24) + 1):
        if text[end : end + 1] not in _FOLLOWER_STARTS or not _followed(text, end, followers):
            continue
        split = split_titled_name(text[pos:end])
        if split and split[0] and not split[2]:
            return end - len(split[1]), end
    return None


def _bare_post_fits(text: str, pos: int) -> bool:
    end, _ = _duty_end(text, pos)
    return end > pos and all(_post(p) for p in _posts_as_written(text[pos:end].removesuffix("的")))


def _named_elsewhere(text: str, name: str) -> bool:
    return re.search(re.escape(name) + r"(?:同志|[、,，。;；为的])", text) is not None


def _odd_place(text: str, pos: int) -> bool:
    """A post starting with a one-character place (昌市…) means the name took the place's first character."""
    head = text[pos : pos + 2]
    return len(head) == 2 and head[1] in _PLACE_CHARS and head[0] not in _PLACE_CHARS + "副常代正"


def _posts_after(text: str, pos: int) -> tuple[list[str], int]:
    """Posts after 为 (or 当选), split at 、 up to where the next person or the sentence starts."""
    posts: list[str] = []
    while True:
        run = _POST_RUN.match(text, pos)
        if run is None:
            break
        piece = run.group()
        cut = min((i for i in (piece.find(stop) for stop in POST_STOPS) if i >= 0), default=len(piece))
        post = _post(piece[:cut])
        if not post:
            break
        posts.extend(_joined_posts(post))
        pos = run.end()
        if cut < len(piece):
            pos = run.start() + cut
            break
        if not text.startswith("、", pos) or _as_item(text, pos + 1) is not None:
            break
        pos += 1
    return _with_places(posts), pos


# '区财政局局长和区国资办主任', '…局长兼…主任': two posts, each kept as written (one entry each);
# not '区发展和改革局局长', where what comes before 和 is no post.
_POST_JOINER = re.compile("和|及|兼")


def _joined_posts(post: str) -> list[str]:
    for joiner in _POST_JOINER.finditer(post):
        before, after = post[: joiner.start()], post[joiner.end() :]
        if _post(before) and _post(after):
            return [before, *_joined_posts(after)]
    return [post]


def _post(piece: str) -> str:
    """A post as written, without a note in brackets after it; '' when it is no post."""
    piece = _TRAILING_NOTE.sub("", piece.removesuffix(HONORIFIC))
    if len(piece) < 2 or HONORIFIC in piece or not piece.endswith(POST_ENDINGS):
        return ""
    return piece


def _with_places(posts: list):
    """A bare later post takes the place of the one before it (副县长、代理县长)."""
    result = []
    for post in posts:
        previous = result[-1] if result else None
        core = _MODIFIERS_HEAD.sub("", post or "")
        if previous and core and previous.endswith(core) and len(previous) > len(core):
            post = _MODIFIERS_TAIL.sub("", previous[: -len(core)]) + post
        result.append(post)
    return result


def _names_before(text: str, end: int) -> list[tuple[str, int, int]]:
    """Names (each maybe with its post) written right before end, back to a punctuation mark or 的."""
    start = end
    while start > 0 and (_is_cjk(text[start - 1]) or text[start - 1] in "·、") and text[start - 1] != "的":
        start -= 1
    found = []
    items = list(re.finditer(r"[^、]+", text[start:end]))
    unknown = []
    for item in items:
        parts = [item] if split_titled_name(item.group()) else list(re.finditer(r"[^和及]+", item.group()))
        for part in parts:
            split = split_titled_name(part.group())
            if split is not None:
                offset = start + item.start() + (part.start() if part is not item else 0)
                offset += part.group().index(split[1])
                found.append((split[1], offset, offset + len(split[1])))
            elif len(parts) == 1:
                unknown.append(item)
    if len(items) >= 3 and len(found) >= 2 * len(unknown):
        # '甲某、乙某、奇某、丙某当选为…': in a list of names, a bare one whose surname our list lacks
        for item in unknown:
            if 2 <= len(item.group()) <= 4 and is_plain_name(item.group()) or _TRANSLITERATED.fullmatch(item.group()):
                found.append((item.group(), start + item.start(), start + item.end()))
        found.sort(key=lambda f: f[1])
    return found


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _in_title(text: str, pos: int) -> bool:
    return _inside([m.span() for m in _TITLE_QUOTE.finditer(text)], pos)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(start < pos < end for start, end in spans)
