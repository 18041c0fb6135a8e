"""The scale data of the document library (issue 14): per region DOCUMENTS_PER_REGION
documents of every kind, public and internal, some of them about a project, each with one or
two versions whose file is a short German text (size and SHA-256 as library.uploads computes
them; the newest version is the document's current one), and TAGS_PER_REGION tags."""

from __future__ import annotations

import datetime
import hashlib

from django.utils.text import slugify

from digitalagentur.library.choices import DocumentKind, ScanStatus, Visibility
from digitalagentur.library.models import Document, DocumentVersion, Tag, VersionContent
from digitalagentur.tenancy.choices import Role

from .base import BASE_TIME, END_TIME, Context, Progress
from .changelog import log_created
from .steps import office_time

DOCUMENTS_PER_REGION = 200
TAGS_PER_REGION = 6
PUBLIC_SHARE = 0.5
PROJECT_SHARE = 0.3
SECOND_VERSION_SHARE = 0.4
CONTENT_TYPE = "text/plain; charset=utf-8"

TAGS = ("Vergabe", "Datenschutz", "KI", "Förderung", "Schulung", "Betrieb", "Barrierefreiheit")
SUBJECTS = (
    "Videosprechstunde im Bürgerbüro",
    "Digitale Akte",
    "Ratsinformationssystem",
    "Online-Terminvergabe",
    "Glasfaserausbau",
    "Open-Data-Portal",
    "Mängelmelder",
    "WLAN in Schulen",
    "Bürgerkonto",
    "E-Rechnung",
)
TITLES = {
    DocumentKind.TEMPLATE: "Vorlage {subject}",
    DocumentKind.TENDER: "Leistungsbeschreibung {subject}",
    DocumentKind.DPIA: "Datenschutz-Folgenabschätzung {subject}",
    DocumentKind.CONTRACT: "Mustervertrag {subject}",
    DocumentKind.CONCEPT: "Konzept {subject}",
    DocumentKind.OTHER: "Handreichung {subject}",
}
DAY = datetime.timedelta(days=1)


def content_of(title: str, number: int, region_name: str) -> bytes:
    """The file of a version: a few lines of text (UTF-8)."""
    return (
        f"{title}\n\nFassung {number}, {region_name}.\n"
        "Diese Datei wurde für Lasttests erzeugt und enthält keinen echten Inhalt.\n"
    ).encode()


def build_library(ctx: Context, progress: Progress) -> None:
    kinds = list(DocumentKind)
    for chunk in ctx.chunks():
        tags, documents, plans = [], [], []
        for state in chunk:
            rng = ctx.rng("library", state.index)
            own_tags = [
                Tag(region=state.region, name=name)
                for name in sorted(rng.sample(TAGS, TAGS_PER_REGION))
            ]
            tags += own_tags
            coordinator = state.users.get(Role.COORDINATOR)
            for n in range(DOCUMENTS_PER_REGION):
                kind = kinds[n % len(kinds)]
                subject = rng.choice(SUBJECTS)
                project = (
                    rng.choice(state.projects)
                    if state.projects and rng.random() < PROJECT_SHARE
                    else None
                )
                created = office_time(rng, BASE_TIME, END_TIME - 30 * DAY)
                document = Document(
                    region=state.region,
                    title=f"{TITLES[kind].format(subject=subject)} ({n + 1:03d})",
                    description=f"Arbeitshilfe zum Thema {subject} aus dem Netzwerk der Kommunen.",
                    kind=kind,
                    visibility=(
                        Visibility.PUBLIC if rng.random() < PUBLIC_SHARE else Visibility.INTERNAL
                    ),
                    project=project,
                    created_by=coordinator,
                    created=created,
                    updated=created,
                )
                versions = 2 if rng.random() < SECOND_VERSION_SHARE else 1
                times = [created]
                if versions == 2:
                    times.append(office_time(rng, created, END_TIME))
                document.updated = times[-1]
                picked = rng.sample(own_tags, rng.randint(0, 2))
                documents.append(document)
                plans.append((state, document, times, picked, coordinator))
        ctx.insert(tags, Tag)
        ctx.insert(documents, Document)
        versions, contents, links = [], [], []
        for state, document, times, picked, coordinator in plans:
            for number, when in enumerate(times, start=1):
                content = content_of(document.title, number, state.region.name)
                version = DocumentVersion(
                    region=state.region,
                    document=document,
                    number=number,
                    filename=f"{slugify(document.title)[:100]}-fassung-{number}.txt",
                    content_type=CONTENT_TYPE,
                    size=len(content),
                    sha256=hashlib.sha256(content).hexdigest(),
                    note="" if number == 1 else "Überarbeitet",
                    scan_status=ScanStatus.CLEAN,
                    uploaded_at=when,
                    uploaded_by=coordinator,
                )
                versions.append(version)
                contents.append((version, content))
            links += [Document.tags.through(document_id=document.pk, tag_id=t.pk) for t in picked]
        ctx.insert(versions, DocumentVersion)
        ctx.insert([VersionContent(version=v, content=c) for v, c in contents], VersionContent)
        Document.tags.through.objects.bulk_create(links, batch_size=ctx.batch_size)
        log_created(ctx, documents)  # as created: before its first file (library.services)
        newest = {}
        for version in versions:  # in number order: the last one per document wins
            newest[version.document_id] = version
        for document in documents:
            document.current_version = newest[document.pk]
        Document.objects.bulk_update(documents, ["current_version"], batch_size=ctx.batch_size)
        progress.advance(len(chunk))
