"""Who may do what with funding data: one rule for staff area and API (issue 8, section 7).

Coordinators and region admins manage funders, programmes, calls and applications. Officers
read everything internal and edit the applications their town takes part in (with their
sub-projects and budget lines). The public sees published programmes and calls and the
funding won (approved, published applications), never drafts or internal notes.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from digitalagentur.tenancy.permissions import Access


def programme_write_denial(access: Access) -> str | None:
    """Funders, programmes and calls are the coordination's."""
    if access.can_manage:
        return None
    return _("Förderprogramme und Aufrufe pflegt die Koordination.")


def application_write_denial(access: Access, application=None, town_ids=None) -> str | None:
    """Why `access` may not write this application (None: a new one with `town_ids`)."""
    if access.can_manage:
        return None
    if not access.officer_town_ids:
        return _("Sie dürfen in dieser Region keine Förderanträge bearbeiten.")
    if application is not None:
        town_ids = set(application.municipalities.values_list("pk", flat=True))
    if access.officer_town_ids & set(town_ids or ()):
        return None
    return _("Sie dürfen nur Förderanträge bearbeiten, an denen Ihre Kommune beteiligt ist.")


def publish_denial(access: Access) -> str | None:
    """Publishing an application (or taking it off the public site) is the coordination's,
    as with projects: officers edit the content of their town's applications."""
    if access.can_manage:
        return None
    return _("Förderanträge veröffentlicht die Koordination.")
