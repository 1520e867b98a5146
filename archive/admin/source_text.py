"""The source text, original and normalised side by side, with each participation's span marked."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def _marked(text: str, spans: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    # Rows a curator added have no span (None): they are not marked, and are not sorted with the others.
    for start, end, title in sorted(s for s in spans if s[0] is not None and s[1] is not None):
        if start < pos or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        out.append(format_html('<mark title="{}">{}</mark>', title, text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def marked_text(meeting) -> str:
    source = meeting.source
    people = list(meeting.participations.all().order_by("start"))
    raw = [(p.raw_start, p.raw_end, p.get_role_display()) for p in people]
    norm = [(p.start, p.end, p.get_role_display()) for p in people]
    return format_html(
        '<div class="source-compare" style="display:grid;grid-template-columns:1fr 1fr;gap:1rem">'
        '<div><strong>{}</strong><pre style="white-space:pre-wrap">{}</pre></div>'
        '<div><strong>{}</strong><pre style="white-space:pre-wrap">{}</pre></div></div>',
        "原文 / original",
        mark_safe(_marked(source.raw_text, raw)),  # noqa: S308 - built from escaped pieces above
        "规范化 / normalised",
        mark_safe(_marked(source.text, norm)),  # noqa: S308
    )
