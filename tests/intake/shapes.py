"""Web pages, Word and PDF files in the shapes real collections have, built around minutes we wrote.

The first line of the minutes is the headline; the others are the article's paragraphs. Used by
the intake tests, the extractor comparison (compare_extractors.py) and the format benchmark.
"""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

FORMATS = Path(__file__).resolve().parent.parent / "fixtures" / "formats"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def minutes_text(name: str) -> str:
    return (FORMATS / f"{name}_minutes.txt").read_text(encoding="utf-8")


def _split(minutes: str) -> tuple[str, list[str]]:
    lines = [line for line in minutes.splitlines() if line.strip()]
    return lines[0], lines[1:]


def _paragraphs(lines: list[str], style: str = "text-indent:2em") -> str:
    return "\n".join(f'<p style="{style}">{html.escape(line)}</p>' for line in lines)


def cms_page(
    minutes: str,
    *,
    published: str = "2023-03-13 16:05",
    site: str = "绍兴市柯桥区人民政府",
    url: str = "http://www.kq.example.gov.cn/art/2023/3/13/art_1_42.html",
    column: str = "政务动态",
    source: str = "区政府办公室",
    charset: str = "gbk",
) -> bytes:
    """A typical government CMS article: the CMS meta tags, a header and navigation, a breadcrumb,
    a title block with the visible source and date line, a font-size and share bar, the article,
    previous/next links, a related-articles list and a footer."""
    title, lines = _split(minutes)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{html.escape(title)}_{html.escape(column)}_{html.escape(site)}</title>
<meta name="SiteName" content="{html.escape(site)}">
<meta name="SiteDomain" content="www.kq.example.gov.cn">
<meta name="SiteIDCode" content="3306030000">
<meta name="ColumnName" content="{html.escape(column)}">
<meta name="ColumnType" content="工作动态">
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="{published}">
<meta name="ContentSource" content="{html.escape(source)}">
<meta name="Keywords" content="常务会议">
<meta name="Url" content="{url}">
<link rel="stylesheet" href="/css/style.css" />
<script type="text/javascript" src="/js/jquery.js"></script>
</head>
<body>
<div class="top"><div class="w1200"><span>今天是2023年3月14日 星期二</span><a href="/">无障碍浏览</a> | <a href="/en/">English</a> | <a href="/wza/">长者模式</a></div></div>
<div class="header"><img src="/images/logo.png" alt="{html.escape(site)}"/><form action="/search"><input name="q"/><button>搜索</button></form></div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwdt/">政务动态</a></li>
<li><a href="/bszn/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjkq/">走进柯桥</a></li>
</ul></div>
<div class="main w1200">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwdt/">{html.escape(column)}</a> &gt; 正文</div>
<div class="article">
<h1 class="title">{html.escape(title)}</h1>
<div class="info"><span>来源：{html.escape(source)}</span><span>发布时间：{published}</span><span>浏览次数：<script>document.write(1024)</script></span>
<span class="font">字号：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</span></div>
<div class="bdsharebuttonbox"><span>分享到：</span><a class="bds_weixin" href="#">微信</a><a class="bds_tsina" href="#">微博</a><a class="bds_qzone" href="#">QQ空间</a></div>
<div class="content" id="zoom">
{_paragraphs(lines)}
</div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="prevnext"><p>上一篇：<a href="/art/2023/3/10/art_1_41.html">区政府召开全区安全生产工作会议</a></p><p>下一篇：<a href="/art/2023/3/15/art_1_43.html">区领导调研重点项目建设</a></p></div>
</div>
<div class="related"><h3>相关文章</h3><ul>
<li><a href="/art/1.html">区政府召开第41次常务会议</a><span>2023-02-27</span></li>
<li><a href="/art/2.html">区政府召开第40次常务会议</a><span>2023-02-10</span></li>
<li><a href="/art/3.html">全区重点工作推进会召开</a><span>2023-02-03</span></li>
</ul></div>
</div>
<div class="footer"><p>主办单位：绍兴市柯桥区人民政府办公室　承办单位：区大数据中心</p>
<p>网站标识码：3306030000　浙ICP备00000000号　浙公网安备 33060302000000号</p>
<p>地址：柯桥区示例路1号　联系电话：0575-00000000</p></div>
</body></html>
"""
    return page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset)


def list_page(minutes: str) -> bytes:
    """A small site's article whose agenda is a bulleted list: a menu, the headline, the lead as a
    paragraph and each item an ``<li>``, a footer."""
    title, (lead, *items) = _split(minutes)
    listed = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    return f"""<html><head><meta charset="utf-8"><title>{html.escape(title)}</title></head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/news/">工作动态</a></li><li><a href="/gk/">信息公开</a></li></ul></div>
<div class="content"><h2>{html.escape(title)}</h2>
<p>{html.escape(lead)}</p>
<ul>{listed}</ul>
</div>
<div class="footer">版权所有：区政府办公室</div>
</body></html>""".encode()


def portal_page(minutes: str, *, published: str = "2022-08-18 09:30", source: str = "县人大常委会办公室") -> bytes:
    """A news portal's article: no CMS meta tags, only the visible source and date line; a channel
    menu, hot-news sidebar, the article, an editor line, a related-news block, comments and footer."""
    title, lines = _split(minutes)
    related = "".join(
        f'<li><a href="/news/{n}.html">{t}</a></li>'
        for n, t in enumerate(
            [
                "县人大常委会召开第十八次主任会议",
                "县人大常委会开展专题调研活动",
                "全县人大工作座谈会召开",
                "县人大代表视察民生实事项目",
            ]
        )
    )
    page = f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)} - 示例新闻网</title>
<meta property="og:title" content="{html.escape(title)}">
<meta name="description" content="{html.escape(lines[0][:60])}">
</head><body>
<header><nav class="channels"><a href="/">首页</a><a href="/local/">本地</a><a href="/politics/">时政</a><a href="/economy/">经济</a><a href="/society/">社会</a><a href="/video/">视频</a></nav></header>
<div class="layout">
<aside class="hot"><h3>热点新闻</h3><ul>
<li><a href="/h/1.html">全县秋粮收购工作有序推进</a></li><li><a href="/h/2.html">县城新增三条公交线路</a></li><li><a href="/h/3.html">县第一中学新校区投入使用</a></li>
</ul></aside>
<main>
<div class="breadcrumb"><a href="/">首页</a> » <a href="/politics/">时政</a> » 正文</div>
<article>
<h1>{html.escape(title)}</h1>
<div class="meta">来源：{html.escape(source)}　发布时间：{published}　作者：本网记者</div>
<div class="article-body">
{_paragraphs(lines, "margin:1em 0")}
<p class="editor">责任编辑：苗一禾</p>
</div>
</article>
<div class="share">分享：<a href="#">微信</a> <a href="#">微博</a> <a href="#">复制链接</a></div>
<section class="related-news"><h3>相关新闻</h3><ul>{related}</ul></section>
<section class="comments"><h3>网友评论</h3><p>已有0条评论，<a href="/login">登录</a>后发表评论</p></section>
</main></div>
<footer><p>Copyright © 2022 示例新闻网 版权所有</p><p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a> | <a href="/ad">广告服务</a></p></footer>
</body></html>
"""
    return page.encode("utf-8")


def table_page(minutes: str, *, published: str = "2021-11-05", charset: str = "gb2312") -> bytes:
    """An old site laid out with tables: the menu in one cell, the report in a nested table cell
    with the title and date in rows of its own, and the footer in the last row."""
    title, lines = _split(minutes)
    rows = "".join(f'<tr><td class="ct">&nbsp;&nbsp;&nbsp;&nbsp;{html.escape(line)}</td></tr>\n' for line in lines)
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>{html.escape(title)}</title></head>
<body bgcolor="#ffffff">
<table width="980" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td colspan="2"><img src="/images/banner.jpg" width="980" height="120"></td></tr>
<tr><td colspan="2" class="menu"><a href="/">网站首页</a> | <a href="/jgsz/">机构设置</a> | <a href="/tzgg/">通知公告</a> | <a href="/gzdt/">工作动态</a> | <a href="/zcfg/">政策法规</a> | <a href="/xxgk/">信息公开</a></td></tr>
<tr>
<td width="220" valign="top"><table width="100%"><tr><td class="lm">栏目导航</td></tr>
<tr><td><a href="/gzdt/">工作动态</a></td></tr><tr><td><a href="/tzgg/">通知公告</a></td></tr><tr><td><a href="/xxgk/">信息公开</a></td></tr><tr><td><a href="/hdjl/">互动交流</a></td></tr></table></td>
<td width="760" valign="top"><table width="100%" border="0">
<tr><td class="wz">您的位置：<a href="/">首页</a> &gt;&gt; <a href="/gzdt/">工作动态</a></td></tr>
<tr><td align="center" class="bt"><b>{html.escape(title)}</b></td></tr>
<tr><td align="center" class="sj">发布时间：{published}&nbsp;&nbsp;点击数：356</td></tr>
{rows}<tr><td align="right"><a href="javascript:window.print()">[打印]</a> <a href="javascript:window.close()">[关闭]</a></td></tr>
</table></td></tr>
<tr><td colspan="2" align="center" class="foot">版权所有：市农业农村局　技术支持：示例网络公司　备案号：00000000号</td></tr>
</table></body></html>
"""
    return page.encode("gb18030")


def link_list_page() -> bytes:
    """A column page: nothing but a list of links to articles."""
    items = "".join(
        f'<li><a href="/art/{n}.html">区政府召开第{n}次常务会议</a><span>2023-0{1 + n % 9}-1{n % 9}</span></li>\n'
        for n in range(30, 52)
    )
    return f"""<html><head><meta charset="utf-8"><title>政务动态</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwdt/">政务动态</a></div>
<ul class="list">{items}</ul><div class="page">共5页 <a href="?p=2">下一页</a> <a href="?p=5">尾页</a></div>
</body></html>""".encode()


def empty_page() -> bytes:
    """A page with no article at all: a frame around nothing."""
    return b"""<html><head><meta charset="utf-8"><title>\xe9\xa6\x96\xe9\xa1\xb5</title></head><body>
<div class="nav"><a href="/">\xe9\xa6\x96\xe9\xa1\xb5</a></div><div id="app"></div><script src="/app.js"></script></body></html>"""


def docx_bytes(minutes: str, *, table: bool = True) -> bytes:
    """A formal 纪要 as Word writes it: the title, the lead paragraph, the labelled lines of who
    attended as a two-column table (label, names), then the numbered items."""
    import docx

    document = docx.Document()
    labelled, other = [], []
    for line in minutes.splitlines():
        if not line.strip():
            continue
        head, sep, rest = line.partition("：")
        (labelled if sep and len(head) <= 3 and table else other).append((head, rest, line))
    title, lead, *items = [line for _, _, line in other]
    document.add_heading(title, level=1)
    document.add_paragraph(lead)
    if labelled:
        grid = document.add_table(rows=0, cols=2)
        for head, rest, _ in labelled:
            cells = grid.add_row().cells
            cells[0].text = head + "："
            cells[1].text = rest.strip()
    for item in items:
        document.add_paragraph(item)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _canvas(out, **options):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return canvas.Canvas(out, **options)


def pdf_bytes(minutes: str, *, encrypt: str | None = None, width: int = 40) -> bytes:
    """A PDF with a text layer in a CJK font (Adobe's STSong, as reportlab writes it), lines
    wrapped at ``width`` characters as a page wraps them."""
    out = io.BytesIO()
    pdf = _canvas(out, encrypt=encrypt)
    pdf.setFont("STSong-Light", 11)
    y = 800
    for line in minutes.splitlines():
        while line.strip():
            if y < 60:
                pdf.showPage()
                pdf.setFont("STSong-Light", 11)
                y = 800
            pdf.drawString(50, y, line[:width])
            line, y = line[width:], y - 18
    pdf.save()
    return out.getvalue()


def scanned_pdf_bytes() -> bytes:
    """A PDF whose page is only an image (a scan): no text layer."""
    out = io.BytesIO()
    pdf = _canvas(out)
    for y in range(700, 300, -20):
        pdf.rect(50, y, 400, 8, fill=1)
    pdf.save()
    return out.getvalue()


def scan_image(minutes: str, *, dpi: int = 200, width: int = 30, noise: float = 0.0, seed: int = 15):
    """The minutes printed on an A4 page and scanned: black text in Noto Sans CJK (SC) on white at
    ``dpi``, ``width`` characters a line, with a share ``noise`` of pixels flipped (a poor scan)."""
    import random

    from PIL import Image, ImageDraw, ImageFont

    size = round(dpi * 10.5 / 72)  # 10.5 pt: 五号, the size of official documents
    font = ImageFont.truetype(str(CJK_FONT), size, index=2)  # index 2: the SC face of the collection
    page = Image.new("L", (round(8.27 * dpi), round(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(page)
    x, y = round(dpi), round(dpi)
    for paragraph in minutes.splitlines():
        while paragraph.strip():
            draw.text((x, y), paragraph[:width], font=font, fill=0)
            paragraph, y = paragraph[width:], y + round(size * 1.6)
    if noise:
        rng = random.Random(seed)
        pixels = page.load()
        for _ in range(int(noise * page.width * page.height)):
            px, py = rng.randrange(page.width), rng.randrange(page.height)
            pixels[px, py] = 255 - pixels[px, py]
    return page


def image_pdf_bytes(images) -> bytes:
    """A PDF of these page images and nothing else, as a scanner writes it."""
    out = io.BytesIO()
    first, *rest = [image.convert("RGB") for image in images]
    first.save(out, "PDF", save_all=True, append_images=rest, resolution=200.0)
    return out.getvalue()


def zip_bomb_docx(size: int = 200_000_000) -> bytes:
    """A 'DOCX' whose document.xml inflates to ``size`` bytes of zeros (a few hundred kB packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * 1_000_000
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return out.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w_paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r></w:p>'


def docx_like_word(minutes: str, *, _template: list = []) -> bytes:  # noqa: B006 (a cache)
    """The Word file ``docx_bytes`` writes (same styles and parts), made fast for benchmarks: the
    package is written once by python-docx, then each file only gets its own word/document.xml
    (a heading table of two cells, then a paragraph per line)."""
    if not _template:
        _template.append(docx_bytes("标题\n正文", table=False))
    lines = [line for line in minutes.splitlines() if line.strip()]
    cells = "".join(f"<w:tc>{_w_paragraph(text)}</w:tc>" for text in ("会议纪要", f"第{len(minutes) % 97 + 1}期"))
    table = f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>{cells}</w:tr></w:tbl>"
    body = table + "".join(_w_paragraph(line) for line in lines)
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_template[0])) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = document.encode("utf-8") if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
