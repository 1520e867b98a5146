from django.shortcuts import render

from .models import Meeting, Official


def home(request):
    context = {
        "meeting_count": Meeting.objects.count(),
        "official_count": Official.objects.count(),
        "latest": Meeting.objects.select_related("source")[:10],
    }
    return render(request, "archive/home.html", context)
