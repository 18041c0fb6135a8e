"""Who may read and write status reports (issue 10, section 1): one rule for views and API.

Status reports, drafts above all, are internal: every role of the region reads them (the
steering and committee readers included); the coordination (coordinators, region admins)
creates, edits, regenerates and deletes them. Only drafts may be deleted.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from digitalagentur.tenancy.permissions import Access, get_access


def view_denial(access: Access) -> str | None:
    """Why `access` may not read the region's status reports (None: allowed)."""
    if access.can_read_internal:
        return None
    return _("Sachstandsberichte sind nur für die Beteiligten der Region sichtbar.")


def edit_denial(access: Access, report=None) -> str | None:
    """Why `access` may not create or change (`report`: this) status report (None: allowed)."""
    if report is not None and not access.in_region(report):
        return _("Dieser Sachstandsbericht gehört nicht zu dieser Region.")
    if access.can_manage:
        return None
    return _("Sachstandsberichte erstellt und bearbeitet die Koordination.")


def delete_denial(access: Access, report) -> str | None:
    """Why `access` may not delete `report` (None: allowed): only drafts are deleted."""
    denial = edit_denial(access, report)
    if denial:
        return denial
    if not report.is_draft:
        return _(
            "Nur Entwürfe können gelöscht werden. Dieser Bericht hat den Status „%(status)s“."
        ) % {"status": report.get_status_display()}
    return None


def can_view_reports(user, region) -> bool:
    return view_denial(get_access(user, region)) is None


def can_edit_report(user, report) -> bool:
    return edit_denial(get_access(user, report.region), report) is None


# ---- meetings of the bodies and their tasks (issue 14, section 3) -----------------------------
# Every role of the region reads meetings, minutes, decisions and tasks (all internal); the
# coordination writes meetings and tasks of its region; a task's owner may tick it done (and
# reopen it). Other regions' meetings do not exist for the user (404, see the staff views).


def can_read_meetings(access: Access) -> bool:
    return access.region_id is not None and access.can_read_internal


def can_manage_meetings(access: Access) -> bool:
    """Create meetings: the coordination of the region."""
    return access.region_id is not None and access.can_manage


def can_manage_meeting(access: Access, meeting) -> bool:
    """Edit the meeting, add, edit and delete its tasks."""
    return access.in_region(meeting) and access.can_manage


def can_tick_task(access: Access, task, user) -> bool:
    """Mark done or reopen: the coordination, or the task's owner while they hold a role."""
    if not access.in_region(task) or not access.can_read_internal:
        return False
    if access.can_manage:
        return True
    return user is not None and task.owner_id is not None and task.owner_id == user.pk
