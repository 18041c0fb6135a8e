"""Who may do what with the document library (issue 14): one rule for the staff area, the
public pages and the API.

- The public reads public documents, and of those only the current version's file.
- Every staff role of the region (coordination, officers, readers, steering members) reads
  internal documents too, and every version of each.
- The coordination (coordinators, region admins) uploads and edits every document of its
  region.
- An officer uploads documents for their own town(s) and edits those whose towns are all
  among theirs, and those they created for (among others) their town.
Another region's documents do not exist for anybody (404).
"""

from __future__ import annotations

from collections.abc import Iterable

from digitalagentur.tenancy.permissions import Access

from .choices import Visibility


def can_create_documents(access: Access) -> bool:
    return access.region_id is not None and (access.can_manage or bool(access.officer_town_ids))


def can_assign_towns(access: Access, town_ids: Iterable[int]) -> bool:
    """The towns a document may concern when this user saves it: any for the coordination;
    an officer must keep at least one of their own towns (else they would lose the document
    they are editing)."""
    if access.can_manage:
        return True
    return bool(access.officer_town_ids & set(town_ids))


def can_edit_document(
    access: Access, document, *, user=None, town_ids: Iterable[int] | None = None
) -> bool:
    if not access.in_region(document):
        return False
    if access.can_manage:
        return True
    if not access.officer_town_ids:
        return False
    towns = set(
        document.municipalities.values_list("pk", flat=True) if town_ids is None else town_ids
    )
    if towns and towns <= access.officer_town_ids:
        return True
    own = user is not None and user.pk is not None and document.created_by_id == user.pk
    return own and bool(towns & access.officer_town_ids)


def can_see_document(access: Access, document) -> bool:
    return access.in_region(document) and (
        document.visibility == Visibility.PUBLIC or access.can_read_internal
    )


def can_download(access: Access, document, version) -> bool:
    """Staff: every version; the public: the current version of a public document."""
    if version.document_id != document.pk or not can_see_document(access, document):
        return False
    return access.can_read_internal or document.current_version_id == version.pk


def visible_documents(access: Access, queryset):
    """Public documents with a file for everybody; internal ones too for the region's staff."""
    if access.region_id is None:
        return queryset.none()
    queryset = queryset.filter(region_id=access.region_id)
    if access.can_read_internal:
        return queryset
    return public_only(queryset)


def public_only(queryset):
    return queryset.filter(visibility=Visibility.PUBLIC, current_version__isnull=False)
