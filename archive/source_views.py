"""A meeting's whole source text as plain text: the meeting page shows only its beginning."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import SourceDocument


def meeting_source_text(request, pk):
    """text/plain, never HTML: a browser shows any length of it without building a page."""
    source = get_object_or_404(SourceDocument.objects.only("raw_text", "text"), meeting__pk=pk)
    text = source.raw_text if request.GET.get("text") == "original" else source.text
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
