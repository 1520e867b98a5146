from django.urls import path

from . import feeds, release_views, source_views, views
from .views import careers

app_name = "archive"
urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/source.txt", source_views.meeting_source_text, name="meeting_source_text"),
    path("officials/", views.official_list, name="official_list"),
    path("officials/<int:pk>/", views.official_detail, name="official_detail"),
    path("officials/<int:pk>/career/", careers.official_career, name="official_career"),
    path("places/", careers.division_list, name="division_list"),
    path("places/<str:code>/", careers.division_detail, name="division_detail"),
    path("posts/<str:code>/<str:organ>/<str:office>/", careers.post_detail, name="post_detail"),
    path("bodies/<str:code>/<path:body>/", careers.body_detail, name="body_detail"),
    path("agenda-items/", views.agenda_item_list, name="agenda_item_list"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("download/minutes-archive.zip", release_views.latest_zip, name="archive_download"),
    path("releases/", release_views.release_list, name="release_list"),
    path("releases/<str:name>/<str:file>", release_views.release_download, name="release_download"),
    path("feeds/meetings/", feeds.LatestMeetingsFeed(), name="feed_meetings"),
    # A body is named per place (code, or "-" when the place is unknown); its name may hold "/".
    path("feeds/bodies/<str:code>/<path:body>/", feeds.BodyMeetingsFeed(), name="feed_body"),
    path("feeds/officials/<int:pk>/", feeds.OfficialMeetingsFeed(), name="feed_official"),
    path("feeds/posts/<str:code>/<str:organ>/<str:office>/", feeds.PostFeed(), name="feed_post"),
    path("feeds/places/<str:code>/appointments/", feeds.DivisionAppointmentsFeed(), name="feed_appointments"),
]
