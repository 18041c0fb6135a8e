"""Who may edit the legal pages and read the messages: one rule for staff area and API.

The coordination (coordinators and region admins) of the region; officers and readers may
neither edit the pages nor read messages, which hold personal data of the senders.
"""

from __future__ import annotations

from digitalagentur.tenancy.permissions import Access


def can_edit_legal_pages(access: Access) -> bool:
    return access.region_id is not None and access.can_manage


def can_handle_messages(access: Access, message=None) -> bool:
    if access.region_id is None or not access.can_manage:
        return False
    return message is None or access.in_region(message)
