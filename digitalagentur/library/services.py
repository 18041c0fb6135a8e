"""Writes of the document library (issue 14, section 2), each in a transaction with the change
log (core.services).

- `create_document` checks the file first (library.uploads, the virus-scan hook): a refused
  file leaves nothing behind, neither the document nor its file.
- `add_version` stores a new upload as the next version under a lock on the document and makes
  it the current one; older versions stay.
- Tags are given as names ("Vergabe, KI"); each becomes a Tag of the region, matched without
  regard to case.
Bad input is answered with a django ValidationError in German (a dict by field name).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.core.models import ObjectChange

from . import conf, uploads
from .choices import ScanStatus
from .models import TAG_MAX, Document, DocumentVersion, Tag, VersionContent

DOCUMENT_FIELDS = ("title", "description", "kind", "visibility", "project")
MAX_TAGS = 15


def parse_tags(text: str | Iterable[str]) -> list[str]:
    """Tag names from a comma-separated text (or a list): spaces collapsed, duplicates
    (case aside) dropped, in the order given."""
    items = text.split(",") if isinstance(text, str) else list(text)
    names: dict[str, str] = {}
    for item in items:
        name = " ".join(str(item).split())
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


def check_tags(names: list[str]) -> list[str]:
    if len(names) > MAX_TAGS:
        return [_("Bitte höchstens %(max)d Schlagwörter angeben.") % {"max": MAX_TAGS}]
    if any(len(n) > TAG_MAX for n in names):
        return [_("Ein Schlagwort darf höchstens %(max)d Zeichen haben.") % {"max": TAG_MAX}]
    return []


def region_tags(region_id: int, names: list[str]) -> list[Tag]:
    """The region's tags of these names, created where missing."""
    existing = {t.name.casefold(): t for t in Tag.objects.filter(region_id=region_id)}
    result = []
    for name in names:
        tag = existing.get(name.casefold())
        if tag is None:
            tag = Tag(region_id=region_id, name=name)
            tag.save()
            existing[name.casefold()] = tag
        result.append(tag)
    return result


def _normal(values: Mapping[str, Any]) -> dict:
    values = dict(values)
    if "title" in values:
        values["title"] = " ".join((values["title"] or "").split())
    if "description" in values:
        values["description"] = (values["description"] or "").strip()
    return values


def _errors(region_id: int, values: Mapping[str, Any], related: Mapping[str, list]) -> dict:
    errors: dict[str, list[str]] = {}
    if "title" in values and not values["title"]:
        errors["title"] = [_("Bitte geben Sie einen Titel an.")]
    project = values.get("project")
    if project is not None and project.region_id != region_id:
        errors["project"] = [_("Dieses Projekt gehört nicht zur Region.")]
    labels = {
        "fields": _("Dieses Handlungsfeld gehört nicht zur Region."),
        "municipalities": _("Diese Kommune gehört nicht zur Region."),
    }
    for name, items in related.items():
        if name in labels and any(item.region_id != region_id for item in items):
            errors[name] = [labels[name]]
    if "tags" in related and (problem := check_tags(related["tags"])):
        errors["tags"] = problem
    return errors


def check_file(name: str, content: bytes) -> tuple[uploads.CheckedFile, str]:
    """The checked file and its scan status, or ValidationError {"file": [...]}."""
    try:
        checked = uploads.check_upload(name, content, max_bytes=conf.max_bytes())
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    scanner = conf.virus_scanner()
    if scanner is None:
        return checked, ScanStatus.NOT_SCANNED
    try:
        reason = scanner(content, checked.filename)
    except Exception as exc:  # noqa: BLE001 - any failure of the scanner refuses the file
        raise ValidationError(
            {
                "file": [
                    _(
                        "Die Virenprüfung ist fehlgeschlagen; die Datei wurde nicht "
                        "gespeichert. Bitte versuchen Sie es später noch einmal."
                    )
                ]
            }
        ) from exc
    if reason:
        raise ValidationError(
            {
                "file": [
                    _("Die Virenprüfung hat die Datei abgelehnt: %(reason)s")
                    % {"reason": str(reason)[:300]}
                ]
            }
        )
    return checked, ScanStatus.CLEAN


@transaction.atomic
def create_document(
    *,
    region,
    user,
    values: Mapping[str, Any],
    filename: str,
    content: bytes,
    tags: Iterable[str] = (),
    fields: Iterable = (),
    municipalities: Iterable = (),
    note: str = "",
    is_demo: bool = False,
) -> Document:
    """A new document with its first version."""
    values = _normal(values)
    unknown = set(values) - set(DOCUMENT_FIELDS)
    assert not unknown, unknown
    tag_names = parse_tags(tags)
    related = {"fields": list(fields), "municipalities": list(municipalities)}
    errors = _errors(region.pk, {"title": "", **values}, {**related, "tags": tag_names})
    try:
        checked = check_file(filename, content)
    except ValidationError as exc:
        errors |= exc.message_dict
    if errors:
        raise ValidationError(errors)
    document = Document(
        region=region,
        is_demo=is_demo,
        created_by=user if user is not None and user.is_authenticated else None,
        **values,
    )
    m2m = {name: [item.pk for item in items] for name, items in related.items()}
    m2m["tags"] = [t.pk for t in region_tags(region.pk, tag_names)]
    core.create_object(document, user=user, m2m=m2m)
    _store_version(document, checked, content, user=user, note=note, number=1)
    return document


def _store_version(document, checked_and_status, content: bytes, *, user, note: str, number: int):
    checked, scan_status = checked_and_status
    version = DocumentVersion(
        region_id=document.region_id,
        document=document,
        number=number,
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        note=" ".join(note.split())[:500],
        scan_status=scan_status,
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    version.full_clean()
    version.save()
    VersionContent.objects.create(version=version, content=content)
    Document.objects.filter(pk=document.pk).update(current_version=version)
    document.current_version = version
    core.log_change(
        version,
        ObjectChange.Action.CREATE,
        user=user,
        changes=core.diff_snapshots(
            {},
            {
                "document": document.title,
                "number": number,
                "filename": version.filename,
                "size": version.size,
                "sha256": version.sha256,
                "scan_status": version.scan_status,
            },
        ),
        reason=version.note,
    )
    return version


@transaction.atomic
def add_version(document: Document, *, user, filename: str, content: bytes, note: str = ""):
    """The upload as the document's next version, now the current one."""
    checked = check_file(filename, content)
    document = Document.objects.select_for_update().get(pk=document.pk)
    last = document.versions.aggregate(last=Max("number"))["last"] or 0
    return _store_version(document, checked, content, user=user, note=note, number=last + 1)


@transaction.atomic
def update_document(
    document: Document,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user,
    tags: Iterable[str] | None = None,
    fields: Iterable | None = None,
    municipalities: Iterable | None = None,
    reason: str = "",
) -> Document:
    values = _normal(values)
    unknown = set(values) - set(DOCUMENT_FIELDS)
    assert not unknown, unknown
    related = {
        name: list(items)
        for name, items in (("fields", fields), ("municipalities", municipalities))
        if items is not None
    }
    tag_names = parse_tags(tags) if tags is not None else None
    checks = dict(related)
    if tag_names is not None:
        checks["tags"] = tag_names
    errors = _errors(document.region_id, values, checks)
    if errors:
        raise ValidationError(errors)
    m2m = {name: [item.pk for item in items] for name, items in related.items()}
    if tag_names is not None:
        m2m["tags"] = [t.pk for t in region_tags(document.region_id, tag_names)]
    m2m_before = {name: list(getattr(document, name).values_list("pk", flat=True)) for name in m2m}
    return core.update_object(
        document,
        values,
        expected_version=expected_version,
        user=user,
        reason=reason,
        m2m=m2m,
        m2m_before=m2m_before,
    )


def delete_document(
    document: Document, *, user, expected_version: int | None = None, reason: str = ""
) -> None:
    """The document with all its versions and files."""
    core.delete_object(document, expected_version=expected_version, user=user, reason=reason)


def version_content(version: DocumentVersion) -> bytes:
    stored = VersionContent.objects.filter(version=version).values_list("content", flat=True)
    content = stored.first()
    return bytes(content) if content is not None else b""
