"""The newsletter's list in the staff area (issue 13, section 1), mounted at
/intern/newsletter/: the subscribers, the segments (new, edit, delete) and the consent records
of an address (page, CSV, JSON). The issues are under newsletter/ausgaben/
(urls_newsletter_issues.py)."""

from django.urls import path

from .views import newsletter as n

segment = "gruppen/<int:pk>"

urlpatterns = [
    path("", n.SubscriberList.as_view(), name="newsletter_subscribers"),
    path("gruppen/", n.SegmentList.as_view(), name="newsletter_segments"),
    path("gruppen/neu/", n.SegmentCreate.as_view(), name="newsletter_segment_create"),
    path(f"{segment}/bearbeiten/", n.SegmentEdit.as_view(), name="newsletter_segment_edit"),
    path(f"{segment}/loeschen/", n.SegmentDelete.as_view(), name="newsletter_segment_delete"),
    path("einwilligungen/", n.ConsentProof.as_view(), name="newsletter_consents"),
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
