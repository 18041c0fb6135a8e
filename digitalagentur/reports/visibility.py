"""What of the committee work the public may see: one rule for every public output (the
OParl API, the open data, the public calendar).

- A status report is public once it is no draft.
- A meeting is public when at least one public report belongs to it. A meeting is created
  with a draft report (services.meeting_for) and may outlive it, so a meeting known only from
  drafts, or from no report any more, stays internal.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from .choices import ReportStatus
from .models import Meeting, StatusReport


def public_reports() -> QuerySet[StatusReport]:
    """Status reports that are no drafts (of every region)."""
    return StatusReport.objects.exclude(status=ReportStatus.DRAFT)


def public_meetings() -> QuerySet[Meeting]:
    """Meetings (of every region) with at least one public report."""
    return Meeting.objects.filter(Exists(public_reports().filter(meeting=OuterRef("pk"))))
