"""HTML pages: the declared (or sniffed) charset, the CMS metadata and visible source/date lines,
and the article: resiliparse's main content, or readability-lxml's article where resiliparse
left out a list of text or found no article (see README, "Loading minutes", for the choice)."""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from .decoding import decode_bytes
from .documents import IntakeError, Metadata, parse_date
from .locality import site_locality

_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# The charsets Chinese pages declare that a wider codec reads correctly (GBK pages say gb2312).
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "big5": "big5hkscs"}
_BLOCK = {
    "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
    "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "center", "tbody", "thead",
}  # fmt: skip
_CELL = {"td", "th"}
_VISIBLE_DATE = re.compile(
    r"(?:发布|发表|发稿|更新)?(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})"
)
_VISIBLE_SOURCE = re.compile(
    r"(?:信息|文章|新闻)?来源\s*[:：]\s*([^\s|｜:：]{2,40}?)(?=\s|发布|时间|日期|作者|浏览|点击|$)"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# An article has at least this many Chinese characters (a headline alone is not minutes).
MIN_ARTICLE_CHARS = 40
# A list item with this many Chinese characters and no link is content, not navigation.
MIN_LIST_ITEM_CHARS = 6
# Over this share of the extracted text inside links, the page is a list of links.
MAX_LINK_SHARE = 0.5


def decode_html(data: bytes) -> tuple[str, str]:
    """The page's text and codec: a BOM, else the charset the page declares (read by a codec that
    also reads what such pages really use: gb2312 by gb18030), else the text loader's sniffing."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    m = _CHARSET.search(data[:4096])
    if m:
        declared = (m.group(1) or m.group(2)).decode("ascii").lower()
        try:
            codec = codecs.lookup(_WIDER.get(declared, declared)).name
        except LookupError:
            codec = None
        if codec:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass  # declared wrong: sniff as for a text file
    try:
        return decode_bytes(data)
    except IntakeError as exc:
        raise IntakeError(f"the page's text cannot be read: {exc}") from None


def read_html(data: bytes) -> tuple[str, Metadata, str]:
    """The article's text (headline first), the page's metadata, and the codec that read it."""
    text, encoding = decode_html(data)
    article, meta = read_html_text(text)
    return article, meta, encoding


def read_html_text(page: str) -> tuple[str, Metadata]:
    """A page given as text (a decoded file, a scraper record's ``html``): its article and metadata."""
    tree = page_tree(page)
    meta = page_metadata(tree)
    return extract_article(page, tree, meta.title), meta


def page_tree(text: str):
    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError) as exc:
        raise IntakeError(f"the page cannot be read as HTML ({exc})") from None
    return tree


def _meta_tags(tree) -> dict[str, str]:
    """Every ``<meta name|property content>`` of the page, by lowercased name (the first wins)."""
    tags: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = (element.get("name") or element.get("property") or "").lower()
        value = (element.get("content") or "").strip()
        if key and value:
            tags.setdefault(key, value)
    return tags


def _first(tags: dict[str, str], *names: str) -> str:
    return next((tags[name.lower()] for name in names if name.lower() in tags), "")


def page_metadata(tree) -> Metadata:
    """Government CMS meta tags (ArticleTitle, PubDate, ContentSource, SiteName, ColumnName, Url),
    Open Graph's, and the visible 来源：/发布时间： line (read only when the tags do not say)."""
    tags = _meta_tags(tree)
    title = _first(tags, "ArticleTitle", "og:title") or _first_text(tree, ".//h1") or _first_text(tree, ".//title")
    published = parse_date(_first(tags, "PubDate", "firstpublishedtime", "article:published_time", "publishdate"))
    source = _first(tags, "ContentSource")
    if published is None or not source:
        visible = " ".join(tree.xpath("string(//body)").split())
        if published is None and (m := _VISIBLE_DATE.search(visible)):
            published = parse_date(m.group(1))
        if not source and (m := _VISIBLE_SOURCE.search(visible)):
            source = m.group(1)
    url = _first(tags, "Url", "og:url")
    if not url:
        canonical = tree.find(".//link[@rel='canonical']")
        url = (canonical.get("href") or "").strip() if canonical is not None else ""
    site = _first(tags, "SiteName", "og:site_name")
    return Metadata(
        title=title,
        url=url,
        site=site,
        published=published,
        column=_first(tags, "ColumnName"),
        content_source=source,
        locality=site_locality(site),
    )


def _is_link_list(tree) -> bool:
    """Many links that hold most of the page's text: a column's list of articles."""
    links = tree.xpath("count(//body//a)")
    length = tree.xpath("string-length(normalize-space(//body))")
    linked = sum(len(t.strip()) for t in tree.xpath("//body//a//text()"))
    return links >= 10 and linked > MAX_LINK_SHARE * max(length, 1)


def _first_text(tree, path: str) -> str:
    element = tree.find(path)
    return " ".join(element.text_content().split()) if element is not None else ""


def extract_article(page: str, tree, title: str = "") -> str:
    """The article as lines of text, the headline first; IntakeError when the page has none.

    resiliparse first: it is 5-10 times faster. Its main-content rules take a bulleted list for
    navigation, so where a list item of text (not a link) on the page is missing from what it
    kept, or where it found no article, readability-lxml reads the page instead."""
    fast = _main_content(page)
    if fast and not _dropped_a_list(tree, fast) and not _mostly_links(tree, fast):
        return _with_title(fast, title)
    return _readability_article(tree, title)


def _main_content(page: str) -> str:
    """resiliparse's main content as lines ('' when it holds too little to be minutes)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLParserException, HTMLTree

    try:
        extracted = extract_plain_text(
            HTMLTree.parse(page), main_content=True, preserve_formatting=True, list_bullets=False, alt_texts=False
        )
    except HTMLParserException:
        return ""  # readability-lxml, on lxml's tree, has its say
    lines = (" ".join(line.replace("\xa0", " ").split()) for line in extracted.split("\n"))
    text = "\n".join(line for line in lines if line)
    return text if len(_CJK.findall(text)) >= MIN_ARTICLE_CHARS else ""


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _dropped_a_list(tree, extracted: str) -> bool:
    """A list item with text of its own (no link: menus and related-article lists are links) that
    the extract lacks: an agenda set as a list, say."""
    kept = _squeezed(extracted)
    for item in tree.iter("li"):
        if next(item.iter("a"), None) is not None:
            continue
        text = _squeezed(item.text_content())
        if len(_CJK.findall(text)) >= MIN_LIST_ITEM_CHARS and text not in kept:
            return True
    return False


def _mostly_links(tree, extracted: str) -> bool:
    """Most of the extract is the text of the page's links: a column page, not an article."""
    anchors = {_squeezed(a.text_content()) for a in tree.iter("a")} - {""}
    lines = [_squeezed(line) for line in extracted.splitlines()]
    linked = sum(len(line) for line in lines if line in anchors)
    return linked > MAX_LINK_SHARE * sum(map(len, lines))


def _readability_article(tree, title: str) -> str:
    from readability import Document as Readability
    from readability.readability import Unparseable

    # readability works on its own copy of the tree (it only drops hidden elements from ours), so
    # the page's links can still be counted afterwards, when no article was found.
    try:
        summary = Readability(tree, retry_length=MIN_ARTICLE_CHARS).summary(html_partial=True)
    except (Unparseable, etree.ParserError, ValueError) as exc:
        raise IntakeError(f"no article found in the page ({exc})") from None
    article = lxml.html.fragment_fromstring(summary, create_parent="div") if summary.strip() else None
    try:
        return article_text(article, title)
    except IntakeError:
        if _is_link_list(tree):
            raise IntakeError("the page is a list of links, not an article: load the pages it links to") from None
        raise


def article_text(article, title: str = "") -> str:
    """Check what an extractor found and make it the parser's text (``article``: an element)."""
    text = _text(article) if article is not None else ""
    if len(_CJK.findall(text)) < MIN_ARTICLE_CHARS:
        raise IntakeError("no article found in the page: it holds no text beyond its navigation and title")
    linked = sum(len("".join(a.itertext()).strip()) for a in article.iter("a"))
    if linked > MAX_LINK_SHARE * len("".join(text.split())):
        raise IntakeError("the page is a list of links, not an article: load the pages it links to")
    return _with_title(text, title)


def _with_title(text: str, title: str) -> str:
    title = " ".join(title.split())
    if title and title not in text[: len(title) + 200]:
        return f"{title}\n{text}"
    return text


def _text(element) -> str:
    """Text with a line per block (paragraph, row, list item, <br>); cells of a row on one line."""
    if element is None:
        return ""
    parts: list[str] = []

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            if node.tail:
                parts.append(node.tail)
            return
        block = tag in _BLOCK
        if block:
            parts.append("\n")
        elif tag in _CELL:
            parts.append(" ")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    walk(element)
    lines = ("".join(parts)).replace("\xa0", " ").split("\n")
    return "\n".join(line.strip(" \t\u3000") for line in lines if line.strip(" \t\u3000"))
