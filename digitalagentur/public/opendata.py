"""Open data (issue 10, section 4): the region's public datasets and their files.

One definition per dataset (columns, what the public may see of it, one record per row),
used by the open data page (public/opendata_views.py), its downloads and the API
(api/opendata.py). Every dataset holds what the public pages show: published objects of the
request's region only, never drafts or internal notes.

Files are written (public/opendata_files.py) while they are sent: CSV and JSON are streamed
from querysets read in batches (`.iterator(chunk_size=...)`, related rows joined or
prefetched per batch), so a
large table never sits in memory whole and the number of queries does not grow with the
rows (one or two per batch). Text cells are never evaluated as a formula: CSV cells are
spreadsheet-safe (core.text.spreadsheet_safe), XLSX cells are written as string cells, with
their text unchanged. The licence travels with every file: JSON names it at the top, XLSX
on a sheet of its own, CSV (which has no place for it) in a `Link: <...>; rel="license"`
header, and the page states it.
"""

from __future__ import annotations

import datetime
import heapq
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from digitalagentur.assessment.models import Workshop
from digitalagentur.core.models import ObjectChange
from digitalagentur.portfolio.models import code_sort_key
from digitalagentur.reports import visibility
from digitalagentur.reports.models import Meeting
from digitalagentur.strategy.models import Goal, TimelineEvent

from . import funding, queries

DEFAULT_LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
DEFAULT_LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
# Rows read (and, where needed, prepared) at a time.
BATCH = 500
FORMATS = ("csv", "xlsx", "json")

Value = str | int | bool | Decimal | datetime.date | datetime.datetime | None


def licence() -> dict[str, str]:
    """{"name", "url"} of the open data licence (settings DIGITALAGENTUR_OPEN_DATA_LICENCE
    and DIGITALAGENTUR_OPEN_DATA_LICENCE_URL)."""
    return {
        "name": getattr(settings, "DIGITALAGENTUR_OPEN_DATA_LICENCE", DEFAULT_LICENCE),
        "url": getattr(settings, "DIGITALAGENTUR_OPEN_DATA_LICENCE_URL", DEFAULT_LICENCE_URL),
    }


@dataclass(frozen=True)
class Column:
    key: str  # the name in every file (stable, machine-readable)
    label: Promise  # what it means (German, on the page and in the JSON's description)


@dataclass(frozen=True)
class Stats:
    rows: int
    last_change: datetime.datetime | None


@dataclass(frozen=True)
class Dataset:
    key: str  # in the API's address and the JSON's "dataset"
    filename: str  # the German name of the public files: projekte.csv
    title: Promise
    description: Promise
    columns: tuple[Column, ...]
    # (region, base_url) -> one dict per row, keys as columns, in a fixed order
    records: Callable[[object, str], Iterator[dict[str, Value]]]
    stats: Callable[[object], Stats]

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def meta(self, region) -> dict:
        return {
            "key": self.key,
            "title": str(self.title),
            "description": str(self.description),
            "region": region.name if region is not None else "",
            "columns": [{"key": c.key, "description": str(c.label)} for c in self.columns],
        }


def cols(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(key, label) for key, label in pairs)


def batches(queryset, size: int | None = None) -> Iterator[list]:
    """The rows of `queryset` in lists of `size` (BATCH), read with a server-side cursor where
    the database has one (prefetches run per batch)."""
    size = size or BATCH
    rows = queryset.iterator(chunk_size=size)
    while batch := list(itertools.islice(rows, size)):
        yield batch


def _last(*values) -> datetime.datetime | None:
    found = [v for v in values if v is not None]
    return max(found) if found else None


# --- projects -------------------------------------------------------------------------------

PROJECT_COLUMNS = cols(
    ("id", gettext_lazy("Nummer des Projekts")),
    ("code", gettext_lazy("Kennung")),
    ("title", gettext_lazy("Titel")),
    ("field", gettext_lazy("Handlungsfeld (leer, wenn nicht veröffentlicht)")),
    ("status", gettext_lazy("Status (Schlüssel)")),
    ("status_label", gettext_lazy("Status")),
    ("progress", gettext_lazy("Fortschritt in Prozent")),
    ("is_lighthouse", gettext_lazy("Leuchtturmprojekt")),
    ("is_strategy_project", gettext_lazy("Projekt der Strategie")),
    ("towns", gettext_lazy("beteiligte Kommunen")),
    ("lead_towns", gettext_lazy("federführende Kommunen")),
    ("lead", gettext_lazy("Kümmerer")),
    ("summary", gettext_lazy("Kurzbeschreibung")),
    ("start_date", gettext_lazy("Beginn")),
    ("end_date", gettext_lazy("Ende")),
    ("website", gettext_lazy("Website")),
    ("url", gettext_lazy("Seite des Projekts")),
    ("updated", gettext_lazy("zuletzt geändert")),
)


def project_records(region, base_url: str) -> Iterator[dict[str, Value]]:
    projects = queries.published_projects(region).order_by("code", "title", "pk")
    for batch in batches(projects):
        for p in queries.for_display(region, batch, mark_all_towns=False):
            yield {
                "id": p.pk,
                "code": p.code,
                "title": p.title,
                "field": p.public_field.name if p.public_field else "",
                "status": p.status,
                "status_label": str(p.get_status_display()),
                "progress": p.progress,
                "is_lighthouse": p.is_lighthouse,
                "is_strategy_project": p.is_strategy_project,
                "towns": ", ".join(t.name for t in p.towns),
                "lead_towns": ", ".join(t.name for t in p.lead_towns),
                "lead": p.lead,
                "summary": p.summary,
                "start_date": p.start_date,
                "end_date": p.end_date,
                "website": p.website,
                "url": base_url + reverse("public:project_detail", args=[p.slug]),
                "updated": p.updated,
            }


def project_stats(region) -> Stats:
    found = queries.published_projects(region).aggregate(rows=Count("pk"), last=Max("updated"))
    return Stats(found["rows"], found["last"])


# --- fields of action -----------------------------------------------------------------------

FIELD_COLUMNS = cols(
    ("id", gettext_lazy("Nummer des Handlungsfelds")),
    ("slug", gettext_lazy("Kürzel")),
    ("name", gettext_lazy("Name")),
    ("priority_group", gettext_lazy("Prioritätengruppe")),
    ("priority_number", gettext_lazy("Nummer der Prioritätengruppe")),
    ("guiding_principle", gettext_lazy("Leitbild")),
    ("guiding_principle_is_example", gettext_lazy("Leitbild ist ein Beispieltext")),
    ("goals", gettext_lazy("Ziele (durch „; “ getrennt)")),
    ("projects", gettext_lazy("Zahl der veröffentlichten Projekte")),
    ("url", gettext_lazy("Seite des Handlungsfelds")),
    ("updated", gettext_lazy("zuletzt geändert")),
)


def _fields(region):
    return queries.public_fields(queries.public_strategy(region))


def field_records(region, base_url: str) -> Iterator[dict[str, Value]]:
    goals = Goal.objects.filter(published=True, region=region).order_by("position", "pk")
    fields = _fields(region).annotate(
        project_count=Count(
            "projects",
            filter=Q(projects__published=True, projects__region=region),
            distinct=True,
        )
    )
    fields = fields.prefetch_related(Prefetch("goals", queryset=goals, to_attr="public_goals"))
    for batch in batches(fields):
        for f in batch:
            yield {
                "id": f.pk,
                "slug": f.slug,
                "name": f.name,
                "priority_group": f.priority_group.name if f.priority_group else "",
                "priority_number": f.priority_group.number if f.priority_group else None,
                "guiding_principle": f.guiding_principle,
                "guiding_principle_is_example": f.guiding_principle_is_demo_text,
                "goals": "; ".join(g.title for g in f.public_goals),
                "projects": f.project_count,
                "url": base_url + reverse("public:field_detail", args=[f.slug]),
                "updated": f.updated,
            }


def field_stats(region) -> Stats:
    found = _fields(region).aggregate(rows=Count("pk"), last=Max("updated"))
    return Stats(found["rows"], found["last"])


# --- funding ---------------------------------------------------------------------------------

FUNDING_COLUMNS = cols(
    ("id", gettext_lazy("Nummer des Antrags")),
    ("slug", gettext_lazy("Kürzel")),
    ("title", gettext_lazy("Titel des Antrags")),
    ("programme", gettext_lazy("Förderprogramm")),
    ("funder", gettext_lazy("Fördergeber")),
    ("call", gettext_lazy("Aufruf")),
    ("status", gettext_lazy("Status (Schlüssel)")),
    ("status_label", gettext_lazy("Status")),
    ("submitted_on", gettext_lazy("eingereicht am")),
    ("decided_on", gettext_lazy("entschieden am")),
    ("start_date", gettext_lazy("Beginn")),
    ("end_date", gettext_lazy("Ende")),
    ("amount_won", gettext_lazy("bewilligt (Euro; leer, wenn nicht bewilligt oder unbekannt)")),
    ("amount_won_from_plan", gettext_lazy("Betrag aus dem Finanzierungsplan berechnet")),
    ("district_applies", gettext_lazy("Der Kreis beantragt")),
    ("towns", gettext_lazy("beteiligte Kommunen")),
    ("projects", gettext_lazy("Projekte (Kennung oder Titel, nach Kennung geordnet)")),
    ("url", gettext_lazy("Seite des Antrags")),
    ("updated", gettext_lazy("zuletzt geändert")),
)


def _applications(region):
    return funding.published_applications(region).order_by("-submitted_on", "title", "pk")


def _project_order(project) -> tuple:
    """P2 before P10, projects without a code last (by title)."""
    return (not project.code, code_sort_key(project.code), project.code, project.title, project.pk)


def funding_records(region, base_url: str) -> Iterator[dict[str, Value]]:
    for batch in batches(_applications(region)):
        for item in funding.prepare(region, batch):
            a = item.application
            yield {
                "id": a.pk,
                "slug": a.slug,
                "title": a.title,
                "programme": item.programme.name if item.programme else "",
                "funder": str(item.programme.funder) if item.programme else "",
                "call": item.call.title if item.call else "",
                "status": a.status,
                "status_label": str(item.status_label),
                "submitted_on": a.submitted_on,
                "decided_on": a.decided_on,
                "start_date": a.start_date,
                "end_date": a.end_date,
                "amount_won": item.won,
                "amount_won_from_plan": item.won_is_computed,
                "district_applies": a.district_applies,
                "towns": ", ".join(t.name for t in item.towns),
                "projects": ", ".join(
                    p.code or p.title for p in sorted(item.projects, key=_project_order)
                ),
                "url": base_url + item.url,
                "updated": a.updated,
            }


def funding_stats(region) -> Stats:
    found = funding.published_applications(region).aggregate(rows=Count("pk"), last=Max("updated"))
    return Stats(found["rows"], found["last"])


# --- events: the chronicle, workshops and committee meetings ------------------------------

EVENT_COLUMNS = cols(
    ("kind", gettext_lazy("Art (chronicle: Chronik, workshop: Workshop, meeting: Sitzung)")),
    ("kind_label", gettext_lazy("Art")),
    ("id", gettext_lazy("Nummer (je Art)")),
    ("date", gettext_lazy("Datum")),
    ("date_precision", gettext_lazy("Genauigkeit des Datums (day, month, year)")),
    ("end_date", gettext_lazy("bis")),
    (
        "start_time",
        gettext_lazy("Beginn (Uhrzeit, nur Sitzungen; leer, wenn die Uhrzeit nicht bekannt ist)"),
    ),
    ("title", gettext_lazy("Titel")),
    ("description", gettext_lazy("Beschreibung")),
    ("topic", gettext_lazy("Thema (Schlüssel, nur Chronik)")),
    ("topic_label", gettext_lazy("Thema (nur Chronik)")),
    ("field", gettext_lazy("Handlungsfeld (Kürzel, nur Workshops)")),
    ("field_label", gettext_lazy("Handlungsfeld (nur Workshops)")),
    ("participants", gettext_lazy("Teilnehmende")),
    ("body", gettext_lazy("Gremium (Sitzungen)")),
    ("location", gettext_lazy("Ort (Sitzungen)")),
    ("cancelled", gettext_lazy("abgesagt")),
    ("url", gettext_lazy("Seite")),
)


def chronicle(region):
    """The published strategy's chronicle (empty while the strategy is a draft)."""
    return queries.timeline(queries.public_strategy(region))


def public_workshops(region):
    """Published workshops of published fields of the published strategy."""
    if region is None:
        return Workshop.objects.none()
    return Workshop.objects.filter(
        region=region,
        published=True,
        field__published=True,
        field__strategy__published=True,
    ).select_related("field")


def public_meetings(region):
    """The region's public committee meetings: those with a public report, the rule of the
    OParl API (reports/visibility.py)."""
    if region is None:
        return Meeting.objects.none()
    return visibility.public_meetings().filter(region=region).select_related("body")


def start_time(meeting) -> datetime.time | None:
    """The local time a meeting starts at, None when it is not known: a meeting known only
    by its date starts at local midnight (reports.services.meeting_for)."""
    start = timezone.localtime(meeting.start).time()
    return None if start == datetime.time.min else start


def _event(kind: str, **values) -> dict[str, Value]:
    row = dict.fromkeys((c.key for c in EVENT_COLUMNS), None)
    row.update(kind=kind, kind_label=str(EVENT_KINDS[kind]), **values)
    return row


EVENT_KINDS = {
    "chronicle": gettext_lazy("Chronik"),
    "workshop": gettext_lazy("Workshop"),
    "meeting": gettext_lazy("Sitzung"),
}


def _chronicle_rows(region, base_url: str) -> Iterator[dict[str, Value]]:
    page = base_url + reverse("public:agency") + "#history-title"
    for batch in batches(chronicle(region).order_by("date", "pk")):
        for e in batch:
            yield _event(
                "chronicle",
                id=e.pk,
                date=e.date,
                date_precision=e.date_precision,
                title=e.title,
                description=e.description,
                topic=e.topic,
                topic_label=str(e.get_topic_display()),
                participants=e.participants,
                url=page,
            )


def _workshop_rows(region, base_url: str) -> Iterator[dict[str, Value]]:
    for batch in batches(public_workshops(region).order_by("date", "pk")):
        for w in batch:
            page = reverse("public:field_detail", args=[w.field.slug])
            yield _event(
                "workshop",
                id=w.pk,
                date=w.date,
                date_precision="day",
                end_date=w.end_date,
                title=w.title,
                description=w.description,
                field=w.field.slug,
                field_label=w.field.name,
                participants=w.participants,
                url=f"{base_url}{page}#workshop-{w.slug}",
            )


def _meeting_rows(region, base_url: str) -> Iterator[dict[str, Value]]:
    for batch in batches(public_meetings(region).order_by("start", "pk")):
        for m in batch:
            time = start_time(m)
            yield _event(
                "meeting",
                id=m.pk,
                date=timezone.localdate(m.start),
                date_precision="day",
                end_date=timezone.localdate(m.end) if m.end else None,
                start_time=time.strftime("%H:%M") if time else None,
                title=str(m),
                body=m.body.name,
                location=m.location,
                cancelled=m.cancelled,
                url="",
            )


def event_records(region, base_url: str) -> Iterator[dict[str, Value]]:
    """The three kinds merged by date (each read in order, none whole in memory)."""
    sources = (
        _chronicle_rows(region, base_url),
        _workshop_rows(region, base_url),
        _meeting_rows(region, base_url),
    )
    yield from heapq.merge(*sources, key=lambda row: row["date"])


def event_stats(region) -> Stats:
    chronicle_rows = chronicle(region).count()
    changed = None
    if chronicle_rows:
        changed = ObjectChange.objects.filter(
            region=region, content_type=ContentType.objects.get_for_model(TimelineEvent)
        ).aggregate(last=Max("time"))["last"]
    workshops = public_workshops(region).aggregate(rows=Count("pk"), last=Max("updated"))
    meetings = public_meetings(region).aggregate(rows=Count("pk"), last=Max("updated"))
    return Stats(
        chronicle_rows + workshops["rows"] + meetings["rows"],
        _last(changed, workshops["last"], meetings["last"]),
    )


DATASETS: dict[str, Dataset] = {
    d.key: d
    for d in (
        Dataset(
            key="projects",
            filename="projekte",
            title=gettext_lazy("Projekte"),
            description=gettext_lazy(
                "Die veröffentlichten Projekte mit Handlungsfeld, Status, Fortschritt und "
                "beteiligten Kommunen."
            ),
            columns=PROJECT_COLUMNS,
            records=project_records,
            stats=project_stats,
        ),
        Dataset(
            key="fields",
            filename="handlungsfelder",
            title=gettext_lazy("Handlungsfelder"),
            description=gettext_lazy(
                "Die Handlungsfelder der Strategie mit Prioritätengruppe, Leitbild, Zielen und "
                "der Zahl ihrer Projekte."
            ),
            columns=FIELD_COLUMNS,
            records=field_records,
            stats=field_stats,
        ),
        Dataset(
            key="funding",
            filename="foerderung",
            title=gettext_lazy("Förderung"),
            description=gettext_lazy(
                "Die veröffentlichten Förderanträge mit Programm, Status, Terminen, "
                "bewilligten Beträgen, Kommunen und Projekten."
            ),
            columns=FUNDING_COLUMNS,
            records=funding_records,
            stats=funding_stats,
        ),
        Dataset(
            key="events",
            filename="termine",
            title=gettext_lazy("Termine und Chronik"),
            description=gettext_lazy(
                "Die Chronik der Strategie (mit Veranstaltungen und Teilnehmendenzahlen), die "
                "Workshops zu den Handlungsfeldern und die Sitzungen der Ausschüsse."
            ),
            columns=EVENT_COLUMNS,
            records=event_records,
            stats=event_stats,
        ),
    )
}
BY_FILENAME = {d.filename: d for d in DATASETS.values()}


@dataclass(frozen=True)
class Listing:
    """A dataset with its numbers and download addresses, as the page and the API list it."""

    dataset: Dataset
    stats: Stats
    downloads: dict[str, str]  # format -> address


def listings(region, base_url: str = "") -> list[Listing]:
    """Every dataset with its rows, last change and downloads (a few queries each)."""
    result = []
    for dataset in DATASETS.values():
        downloads = {
            fmt: base_url + reverse("public:opendata_download", args=[dataset.filename, fmt])
            for fmt in FORMATS
        }
        result.append(Listing(dataset, dataset.stats(region), downloads))
    return result
