"""The newsletter's list in the staff area (issue 13, section 1), mounted at
/intern/newsletter/: the subscribers, the segments (new, edit, delete) and the consent records
of an address (page, CSV, JSON). The issues are under newsletter/ausgaben/
(urls_newsletter_issues.py)."""

from django.urls import path

from .views import newsletter as n
from .views import newsletter_bounces as b

segment = "gruppen/<int:pk>"

urlpatterns = [
    path("", n.SubscriberList.as_view(), name="newsletter_subscribers"),
    path("gruppen/", n.SegmentList.as_view(), name="newsletter_segments"),
    path("gruppen/neu/", n.SegmentCreate.as_view(), name="newsletter_segment_create"),
    path(f"{segment}/bearbeiten/", n.SegmentEdit.as_view(), name="newsletter_segment_edit"),
    path(f"{segment}/loeschen/", n.SegmentDelete.as_view(), name="newsletter_segment_delete"),
    path("einwilligungen/", n.ConsentProof.as_view(), name="newsletter_consents"),
    path("unzustellbar/", b.BounceUpload.as_view(), name="newsletter_bounces"),
    path(
        "unzustellbar/<str:token>/",
        b.BounceReport.as_view(),
        name="newsletter_bounces_report",
    ),
    path(
        "einwilligungen.csv",
        n.ConsentProof.as_view(fmt="csv"),
        name="newsletter_consents_csv",
    ),
    path(
        "einwilligungen.json",
        n.ConsentProof.as_view(fmt="json"),
        name="newsletter_consents_json",
    ),
]
