"""Pinyin annotations, web-page noise, and the map back to the original text."""

from archive.parsing import parse_text
from archive.parsing.cleaning import clean, is_pinyin


def test_pinyin_annotations_go_and_real_parentheses_stay():
    raw = "區(qū)委召開會(huì)議，推進中國(浙江)自由貿易試驗區，用好海外倉(館、站)和全體(擴大)會議（試行）(A)"
    text = clean(raw, traditional=True).text
    assert text == "区委召开会议，推进中国(浙江)自由贸易试验区，用好海外仓(馆、站)和全体(扩大)会议（试行）(A)"


def test_fullwidth_and_toneless_annotations():
    assert clean("區（qū）長（zhang3）", traditional=True).text == "区长"
    assert is_pinyin("zhǎng") and is_pinyin("lü") and is_pinyin("nv3")
    assert not is_pinyin("abc") and not is_pinyin("test")


def test_noise_lines_are_dropped_and_publication_date_is_kept(fixture_text):
    cleaned = clean(fixture_text("web_noise_year_from_publication"), traditional=False)
    for noise in ["当前位置", "来源", "浏览次数", "字体", "撰稿人", "责任编辑", "打印", "关闭"]:
        assert noise not in cleaned.text
    assert cleaned.text.startswith("区政府召开第12次常务会议\n3月5日")
    assert cleaned.publication_date == (2021, 3, 8)


def test_a_today_line_is_noise_but_not_a_publication_date(fixture_text):
    cleaned = clean(fixture_text("today_line_no_year"), traditional=False)
    assert "今天是" not in cleaned.text
    assert cleaned.publication_date is None


def test_related_news_and_footer_are_cut(fixture_text):
    text = clean(fixture_text("related_news_second_meeting"), traditional=False).text
    assert "骆建军" not in text and "相关新闻" not in text
    assert "ICP" not in clean(fixture_text("footer_copyright"), traditional=False).text


def test_offsets_map_every_participant_back_to_the_original(fixture_text):
    for name in ["traditional_pinyin_observers", "web_noise_year_from_publication", "fullwidth_pinyin_real_parens"]:
        parsed = parse_text(fixture_text(name))
        assert parsed.meeting.participants
        for p in parsed.meeting.participants:
            start, end = parsed.raw_span(p.start, p.end)
            written = parsed.raw_text[start:end]
            assert parsed.text[p.start : p.end] == p.name
            # The original may carry annotations inside the name (許國(guó)強): cleaned, it is the name.
            assert clean(written, traditional=True).text == p.name


def test_publication_date_after_the_meeting_in_january_means_previous_year():
    raw = "发布时间：2024-01-05\n12月28日，区长王某主持召开区政府常务会议。"
    assert parse_text(raw).meeting.year == 2023


def test_link_lines_are_noise_but_text_that_mentions_a_site_stays():
    raw = (
        "3月5日，区长王某主持召开区政府常务会议。\n"
        "会议要求在www.example.gov.cn公开征求意见。\n"
        "原文链接：https://www.example.gov.cn/zwgk/2021/content_0123456789abcdef.html\n"
        "https://www.example.gov.cn/art/2021/3/5/art_1_2.html\n"
    )
    text = clean(raw, traditional=False).text
    assert "原文链接" not in text and "art_1_2" not in text
    assert "会议要求在www.example.gov.cn公开征求意见。" in text


def test_markup_left_by_scraping_goes_and_entities_become_characters():
    raw = (
        '<p style="text-indent:2em">&nbsp;&nbsp;3月5日，区长王某主持召开区政府常务会议。</p>\n'
        "<br/>\n"
        "<p>会议强调，要践行&ldquo;八八战略&rdquo;&#x3002;<script>var a = 1;</script></p>"
    )
    cleaned = clean(raw, traditional=False)
    assert cleaned.text == "3月5日，区长王某主持召开区政府常务会议。\n会议强调，要践行“八八战略”。"
    quote = cleaned.text.index("“")
    assert raw[cleaned.offsets.to_raw(quote) :].startswith("&ldquo;")
    assert raw[cleaned.offsets.to_raw(0) :].startswith("3月5日")


def test_text_that_only_looks_like_markup_stays():
    raw = "3月5日，区长王某主持召开区政府常务会议。会议要求A<B的情形&条件不变。"
    assert clean(raw, traditional=False).text == raw
