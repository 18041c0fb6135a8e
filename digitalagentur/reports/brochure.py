"""The strategy brochure (issue 10, section 2): the whole strategy of a frozen version as a
printable HTML page and a PDF: cover with the headline figures, vision, each field with its
guiding principle, goals and projects, the project profiles and the priority overview.

Everything comes from the version's frozen snapshot (strategy.versions), so a brochure of
"Fassung 2021" shows what was adopted then, however the live data has moved on. The public
brochure is made from `public_snapshot` (no draft fields, goals or projects); the internal one
shows drafts, marked. Only the town names are looked up (labels of the snapshot's slugs).

The PDF (WeasyPrint, tagged PDF/UA-1, language and title set, DejaVu fonts from Debian) takes
a few seconds, so it is made once by a background job (reports.tasks.make_brochure) and kept in
`reports.Brochure`: a frozen version never changes, so neither does its brochure. The stored PDF
carries RENDER_VERSION; raise it when the templates or this module change what a brochure shows,
and stored PDFs of an older version count as not made (they are made again on the next request).
A job that was queued or started more than STALE_AFTER ago (a dead worker) may be started again;
the public may retry a failed job only RETRY_COOLDOWN after the failure.
"""

from __future__ import annotations

import datetime
import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digitalagentur.core.text import german_slugify
from digitalagentur.portfolio.choices import ProjectStatus
from digitalagentur.portfolio.models import code_sort_key
from digitalagentur.public.presentation import partial_date
from digitalagentur.strategy.choices import DatePrecision, Decision
from digitalagentur.strategy.versions import public_snapshot

from .choices import GenerationState
from .exports import FONT_DIR
from .models import Brochure

LANGUAGE = "de"
PDF_VARIANT = "pdf/ua-1"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}
#: Version of what a brochure shows (templates, this module); stored with the PDF.
RENDER_VERSION = 2
#: A job queued or running this long without a sign of life is taken as dead.
STALE_AFTER = datetime.timedelta(minutes=15)
#: How long after a failure the public may ask for the PDF to be made again.
RETRY_COOLDOWN = datetime.timedelta(minutes=10)
#: Seconds a client should wait before asking again while the PDF is being made.
RETRY_AFTER_SECONDS = 5
#: More towns than this that adopted a version are summarised on the cover, not listed.
TOWNS_LISTED = 3
Progress = Callable[[int, int], None]
logger = logging.getLogger(__name__)


def snapshot_of(version, *, public: bool) -> dict[str, Any]:
    return public_snapshot(version.snapshot) if public else version.snapshot


def priority_label(number) -> str:
    if number is None:
        return _("ohne Prioritätengruppe")
    return _("Priorität %(n)s") % {"n": ROMAN.get(number, number)}


def town_names_of(version) -> dict[str, str]:
    from digitalagentur.tenancy.models import Municipality

    return dict(
        Municipality.objects.filter(region_id=version.region_id).values_list("slug", "name")
    )


def _figures(fields: list[dict], projects: list[dict], towns: set[str]) -> list[dict]:
    """The cover's headline figures, counted from the snapshot."""
    groups = {f["priority_group"] for f in fields if f["priority_group"] is not None}
    principles = sum(
        1 for f in fields if f["guiding_principle"].strip() and not f["principle_is_demo"]
    )
    goals = sum(len(f["goals"]) for f in fields)
    lighthouses = sum(1 for p in projects if p["is_lighthouse"])
    always = [
        (len(fields), ngettext("Handlungsfeld", "Handlungsfelder", len(fields))),
        (len(projects), ngettext("Projekt", "Projekte", len(projects))),
        (len(towns), ngettext("Stadt oder Gemeinde", "Städte und Gemeinden", len(towns))),
        (len(groups), ngettext("Prioritätengruppe", "Prioritätengruppen", len(groups))),
    ]
    if_any = [
        (principles, ngettext("Leitbild", "Leitbilder", principles)),
        (goals, ngettext("Ziel", "Ziele", goals)),
        (lighthouses, ngettext("Leuchtturmprojekt", "Leuchtturmprojekte", lighthouses)),
    ]
    rows = always + [(n, label) for n, label in if_any if n]
    return [{"number": n, "label": label} for n, label in rows]


def demo_flags(version, items: dict[str, dict]) -> dict[str, bool]:
    """Whether each field's guiding principle is demo text. Snapshots made before the flag was
    frozen with them fall back to the live field of the same slug in the version's region."""
    flags = {
        slug: bool(item["guiding_principle_is_demo_text"])
        for slug, item in items.items()
        if "guiding_principle_is_demo_text" in item
    }
    missing = [slug for slug in items if slug not in flags]
    if missing:
        from digitalagentur.strategy.models import Field

        live = dict(
            Field.objects.filter(region_id=version.region_id, slug__in=missing).values_list(
                "slug", "guiding_principle_is_demo_text"
            )
        )
        flags.update({slug: bool(live.get(slug)) for slug in missing})
    return flags


def _when(value: datetime.date, precision: str) -> str:
    """ "am 01.07.2021", "im Oktober 2021" or "im Jahr 2021"."""
    if precision == DatePrecision.YEAR:
        return _("im Jahr %(date)s") % {"date": partial_date(value, precision)}
    if precision == DatePrecision.MONTH:
        return _("im %(date)s") % {"date": partial_date(value, precision)}
    return _("am %(date)s") % {"date": partial_date(value, precision)}


def _span(adoptions: list) -> str:
    """When a group of decisions was taken, as precise as the least precise of them."""
    order = [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR]
    coarsest = max((a.date_precision for a in adoptions), key=order.index)
    first = min(a.date for a in adoptions)
    last = max(a.date for a in adoptions)
    start, end = partial_date(first, coarsest), partial_date(last, coarsest)
    if start == end:
        return _when(first, coarsest)
    return _("zwischen %(start)s und %(end)s") % {"start": start, "end": end}


def adoption_lines(version, town_count: int) -> list[str]:
    """The version's adoptions (decision "adopted") for the cover: each decision of the
    region's own bodies, then the towns' (listed if few, else summarised with their span)."""
    from digitalagentur.strategy.models import Adoption

    rows = list(
        Adoption.objects.filter(version=version, decision=Decision.ADOPTED)
        .select_related("body")
        .order_by("date", "pk")
    )
    lines = [
        _("%(body)s: beschlossen %(when)s")
        % {"body": a.body.name, "when": _when(a.date, a.date_precision)}
        for a in rows
        if a.municipality_id is None
    ]
    first_per_town: dict[int, Any] = {}
    for a in rows:
        if a.municipality_id is not None:
            first_per_town.setdefault(a.municipality_id, a)
    towns = list(first_per_town.values())
    if len(towns) <= TOWNS_LISTED:
        lines += [
            _("%(body)s: beschlossen %(when)s")
            % {"body": a.body.name, "when": _when(a.date, a.date_precision)}
            for a in towns
        ]
    else:
        n = len(towns)
        if n == town_count:
            who = _("Alle %(n)d Städte und Gemeinden") % {"n": n}
        else:
            who = _("%(n)d von %(total)d Städten und Gemeinden") % {
                "n": n,
                "total": max(town_count, n),
            }
        lines.append(_("%(who)s: beschlossen %(when)s") % {"who": who, "when": _span(towns)})
    return lines


def context(version, *, public: bool, town_names: dict[str, str] | None = None) -> dict:
    """The brochure's content from the version's snapshot (public part only if `public`)."""
    snap = snapshot_of(version, public=public)
    if town_names is None:
        town_names = town_names_of(version)
    statuses = dict(ProjectStatus.choices)
    strategy = snap.get("strategy") or {}

    fields = []
    demo = demo_flags(version, snap.get("fields") or {})
    for slug, item in (snap.get("fields") or {}).items():
        fields.append(
            {
                "slug": slug,
                "anchor": f"feld-{slug}",
                "name": item.get("name") or slug,
                "priority_group": item.get("priority_group"),
                "priority": priority_label(item.get("priority_group")),
                "position": item.get("position") or 0,
                "guiding_principle": item.get("guiding_principle") or "",
                "principle_is_demo": demo.get(slug, False),
                "description": item.get("description") or "",
                "goals": list(item.get("goals") or []),
                "draft_goals": [] if public else list(item.get("draft_goals") or []),
                "draft": item.get("published") is False,
                "projects": [],
            }
        )
    fields.sort(key=lambda f: (f["priority_group"] or 99, f["position"], f["name"]))
    by_slug = {f["slug"]: f for f in fields}

    projects = []
    towns: set[str] = set()
    items = [p for p in (snap.get("projects") or {}).values() if p.get("is_strategy_project")]
    items.sort(
        key=lambda p: (not p.get("code"), code_sort_key(p.get("code") or ""), p.get("title") or "")
    )
    for item in items:
        code = item.get("code") or ""
        slugs = list(item.get("municipalities") or [])
        towns.update(slugs)
        field = by_slug.get(item.get("field"))
        project = {
            "code": code,
            "title": item.get("title") or "",
            "name": f"{code}: {item.get('title') or ''}" if code else item.get("title") or "",
            "anchor": f"projekt-{german_slugify(code or item.get('title') or '')}",
            "field": field["name"] if field else "",
            "is_lighthouse": bool(item.get("is_lighthouse")),
            "status": str(statuses.get(item.get("status"), item.get("status") or "")),
            "progress": item.get("progress") or 0,
            "lead": item.get("lead") or "",
            "towns": [town_names.get(s, s) for s in slugs],
            "summary": item.get("summary") or "",
            "description": item.get("description") or "",
            "central_benefit": item.get("central_benefit") or "",
            "challenges": item.get("challenges") or "",
            "draft": item.get("published") is False,
        }
        projects.append(project)
        if field:
            field["projects"].append(project)

    groups: list[dict] = []
    for field in fields:
        if not groups or groups[-1]["number"] != field["priority_group"]:
            groups.append({"number": field["priority_group"], "label": field["priority"]})
            groups[-1]["fields"] = []
        groups[-1]["fields"].append(field)
    for group in groups:
        group["project_count"] = sum(len(f["projects"]) for f in group["fields"])

    title = strategy.get("title") or _("Strategie")
    unassigned = [p for p in projects if not p["field"]]
    return {
        "public": public,
        "version": version,
        "version_name": version.name,
        "frozen": version.created,
        "adoptions": adoption_lines(version, len(town_names)),
        "document_title": f"{title} – {version.name}",
        "title": title,
        "subtitle": strategy.get("subtitle") or "",
        "vision": strategy.get("vision") or "",
        "introduction": strategy.get("introduction") or "",
        "figures": _figures(fields, projects, towns),
        "fields": fields,
        "projects": projects,
        "unassigned": unassigned,
        "unassigned_label": (
            _("ohne veröffentlichtes Handlungsfeld") if public else _("ohne Handlungsfeld")
        ),
        "goal_count": sum(len(f["goals"]) for f in fields),
        "groups": groups,
    }


def filename(version, *, public: bool, ext: str = "pdf") -> str:
    base = german_slugify(f"Strategie {version.name}") or "strategie"
    return f"{base}{'' if public else '-intern'}.{ext}"


def render_html(version, public: bool, *, town_names: dict[str, str] | None = None) -> str:
    """The standalone printable document the PDF is made from (print CSS, page numbers)."""
    with translation.override(LANGUAGE):
        ctx = context(version, public=public, town_names=town_names)
        ctx.update(
            font_dir=FONT_DIR,
            region_name=version.region.name if version.region_id else "",
        )
        return render_to_string("reports/brochure_pdf.html", ctx)


def _allowed_file(path: str) -> bool:
    roots = [Path(FONT_DIR), *(Path(p) for p in settings.STATICFILES_DIRS)]
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(root.resolve()) for root in roots)


def url_fetcher():
    """WeasyPrint's fetcher limited to data: URLs, the DejaVu fonts and our static files:
    a brochure never reaches the network, whatever its texts contain."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and _allowed_file(unquote(parts.path)):
                return super().fetch(url, headers)
            raise ValueError(f"Blocked resource: {url[:100]}")

    return LocalFetcher(allowed_protocols=["data", "file"])


def render_pdf(version, public: bool, progress: Progress | None = None) -> bytes:
    """The brochure as a tagged PDF (PDF/UA-1, German, with title and bookmarks)."""
    from weasyprint import HTML

    def step(done: int) -> None:
        if progress is not None:
            progress(done, 4)

    step(0)
    html = render_html(version, public)
    step(1)
    document = HTML(string=html, base_url=FONT_DIR + "/", url_fetcher=url_fetcher()).render(
        pdf_variant=PDF_VARIANT
    )
    step(3)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    step(4)
    return pdf


# -- the stored PDF and its background job ---------------------------------------------------


def _set(brochure_id: int, **values) -> None:
    """Bookkeeping of the job (an UPDATE: no signals, no content version raised)."""
    Brochure.objects.filter(pk=brochure_id).update(**values)


def stored(version, *, public: bool) -> Brochure | None:
    return Brochure.objects.defer("pdf").filter(version=version, public=public).first()


def pdf_bytes(brochure: Brochure) -> bytes:
    return bytes(Brochure.objects.values_list("pdf", flat=True).get(pk=brochure.pk))


def _not_current() -> Q:
    """Rows without a PDF of the current RENDER_VERSION."""
    return Q(made_at__isnull=True) | ~Q(render_version=RENDER_VERSION)


def is_stale(brochure: Brochure, now: datetime.datetime | None = None) -> bool:
    """Queued or running without a sign of life for STALE_AFTER (the worker died, or the job
    was never enqueued): it may be started again."""
    if brochure.generation_state not in (GenerationState.QUEUED, GenerationState.RUNNING):
        return False
    changed = brochure.generation_changed
    return changed is None or changed <= (now or timezone.now()) - STALE_AFTER


def retry_wait(brochure: Brochure, *, cooldown: bool, now: datetime.datetime | None = None) -> int:
    """Seconds until a failed job may be started again (0: now); with `cooldown` (the public)
    only RETRY_COOLDOWN after the failure."""
    if not cooldown or brochure.generation_changed is None:
        return 0
    left = brochure.generation_changed + RETRY_COOLDOWN - (now or timezone.now())
    return max(0, math.ceil(left.total_seconds()))


def can_retry(brochure: Brochure, *, cooldown: bool) -> bool:
    if brochure.ready:
        return False
    if brochure.generation_state == GenerationState.FAILED:
        return retry_wait(brochure, cooldown=cooldown) == 0
    return is_stale(brochure)


def _enqueue(brochure_id: int) -> None:
    from .tasks import make_brochure

    try:
        make_brochure.enqueue(brochure_id)
    except Exception:
        logger.exception("Brochure %s: queueing the job failed", brochure_id)
        _set(
            brochure_id,
            generation_state=GenerationState.FAILED,
            generation_changed=timezone.now(),
            generation_error=_("Der Auftrag konnte nicht eingereiht werden."),
        )


def request_pdf(version, *, public: bool, retry: bool = False, cooldown: bool = False) -> Brochure:
    """The version's stored brochure; if it is not made yet (or made with older templates),
    queue the job that makes it.

    Queued once however many requests ask (a compare-and-set on the state and its time). On
    `retry`, a failed job (with `cooldown` only RETRY_COOLDOWN after the failure) and a stale
    one (STALE_AFTER without a sign of life) are queued again. The job is enqueued after the
    transaction commits."""
    brochure, _created = Brochure.objects.defer("pdf").get_or_create(version=version, public=public)
    if brochure.ready:
        return brochure
    state = brochure.generation_state
    startable = state == GenerationState.IDLE or (retry and can_retry(brochure, cooldown=cooldown))
    if not startable:
        return brochure
    claimed = (
        Brochure.objects.filter(_not_current(), pk=brochure.pk, generation_state=state)
        .filter(
            Q(generation_changed=brochure.generation_changed)
            if brochure.generation_changed is not None
            else Q(generation_changed__isnull=True)
        )
        .update(
            generation_state=GenerationState.QUEUED,
            generation_progress=0,
            generation_error="",
            generation_changed=timezone.now(),
        )
    )
    if claimed:
        transaction.on_commit(lambda: _enqueue(brochure.pk))
    brochure.refresh_from_db(
        fields=[
            "made_at",
            "render_version",
            "generation_state",
            "generation_progress",
            "generation_error",
            "generation_changed",
        ]
    )
    return brochure


def remake_pdf(version, *, public: bool) -> Brochure:
    """Staff: drop the stored PDF and make it again (a job already queued or running and
    alive makes it; a failed or stale one is started again)."""
    brochure, _created = Brochure.objects.defer("pdf").get_or_create(version=version, public=public)
    Brochure.objects.filter(pk=brochure.pk).update(pdf=b"", made_at=None, generation_progress=0)
    brochure.refresh_from_db()
    if brochure.generation_state in (GenerationState.QUEUED, GenerationState.RUNNING) and not (
        is_stale(brochure)
    ):
        return brochure
    if brochure.generation_state != GenerationState.IDLE:
        return request_pdf(version, public=public, retry=True)
    return request_pdf(version, public=public)


def make_stored(brochure_id: int) -> str:
    """The job's work: render the PDF and store it, once. Returns "made", "exists",
    "missing" or "failed"; a second run (or one racing the first) finds the PDF made and
    stores nothing."""
    brochure = (
        Brochure.objects.defer("pdf").select_related("version__region").filter(pk=brochure_id)
    ).first()
    if brochure is None:
        return "missing"
    if brochure.ready:
        return "exists"
    _set(
        brochure_id,
        generation_state=GenerationState.RUNNING,
        generation_progress=0,
        generation_error="",
        generation_changed=timezone.now(),
    )

    def progress(done: int, total: int) -> None:
        _set(
            brochure_id,
            generation_progress=min(99, done * 100 // total),
            generation_changed=timezone.now(),
        )

    try:
        pdf = render_pdf(brochure.version, brochure.public, progress=progress)
    except Exception as exc:
        logger.exception("Brochure %s: making the PDF failed", brochure_id)
        _set(
            brochure_id,
            generation_state=GenerationState.FAILED,
            generation_changed=timezone.now(),
            generation_error=(
                _("Die Broschüre konnte nicht erstellt werden: %(error)s")
                % {"error": str(exc) or exc.__class__.__name__}
            )[:500],
        )
        return "failed"
    stored_now = Brochure.objects.filter(_not_current(), pk=brochure_id).update(
        pdf=pdf,
        made_at=timezone.now(),
        render_version=RENDER_VERSION,
        generation_state=GenerationState.IDLE,
        generation_progress=100,
        generation_error="",
        generation_changed=timezone.now(),
    )
    return "made" if stored_now else "exists"
