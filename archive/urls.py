from django.urls import path

from . import feeds, search_views, source_views, views
from .attendance import views as attendance
from .careers import views as careers

app_name = "archive"
urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("search/", search_views.text_search, name="text_search"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/source.txt", source_views.meeting_source_text, name="meeting_source_text"),
    path("officials/", views.official_list, name="official_list"),
    path("officials/<int:pk>/", views.official_detail, name="official_detail"),
    path("officials/<int:pk>/career/", careers.official_career, name="official_career"),
    path("places/", careers.division_list, name="division_list"),
    path("places/<str:code>/", careers.division_detail, name="division_detail"),
    path("posts/<str:code>/<str:organ>/<str:office>/", careers.post_detail, name="post_detail"),
    path("bodies/<str:code>/<str:body>/", careers.body_detail, name="body_detail"),
    path("bodies/<str:code>/<str:body>/attendance/", attendance.body_attendance_page, name="body_attendance"),
    path("officials/<int:pk>/attendance/", attendance.official_attendance, name="official_attendance"),
    path("network/", attendance.network_page, name="network"),
    path("agenda-items/", views.agenda_item_list, name="agenda_item_list"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("download/minutes-archive.zip", views.archive_download, name="archive_download"),
    path("feeds/meetings/", feeds.LatestMeetingsFeed(), name="feed_meetings"),
    path("feeds/bodies/<str:body>/", feeds.BodyMeetingsFeed(), name="feed_body"),
    path("feeds/officials/<int:pk>/", feeds.OfficialMeetingsFeed(), name="feed_official"),
]
