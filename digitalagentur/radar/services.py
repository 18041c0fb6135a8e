"""Writes of the technology radar (issue 14, section 1), each in a transaction with the change
log (core.services), and the reads that derive "new" and "moved".

- A radar starts with the quadrants and rings of a preset (radar/presets.py).
- Every entry's ring history starts with its creation (a RingChange without an old ring); every
  later ring change adds one with its date and reason.
- `publish_edition` freezes the current entries into a dated Edition; "new" and "moved" of
  the live entries are measured against the latest edition (radar/movement.py).
- `import_file` reads a BYOR file (radar/formats.py), plans it (radar/plan.py) under a lock on
  the radar and its entries, and applies all of it or, when a row is rejected or on a dry run,
  nothing. A radar's own export imports as all unchanged.

Bad input is answered with a django ValidationError in German (a dict by field name).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.text import german_slugify

from . import formats
from .models import MAX_QUADRANTS, MAX_RINGS, Edition, Entry, Quadrant, Radar, Ring, RingChange
from .movement import Movement, movement, name_key, previous_positions
from .plan import Current, Plan, plan_import
from .presets import DEFAULT_PRESET, PRESETS

RADAR_FIELDS = ("slug", "name", "description", "published")
ENTRY_FIELDS = ("name", "quadrant", "ring", "description", "links", "contact")
MAX_LINKS = 10


def import_max_bytes() -> int:
    return settings.DIGITALAGENTUR_RADAR_IMPORT_MAX_BYTES


def import_max_rows() -> int:
    return settings.DIGITALAGENTUR_RADAR_IMPORT_MAX_ROWS


# ---- radars -----------------------------------------------------------------------------------


def free_slug(region, name: str) -> str:
    base = german_slugify(name)[:110].strip("-") or "radar"
    taken = set(
        Radar.objects.filter(region=region, slug__startswith=base).values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_names(names: list[str], limit: int, label: str) -> list[str]:
    keys = [name_key(n) for n in names]
    if not names or len(names) > limit:
        return [
            _("Bitte %(min)d bis %(max)d %(label)s angeben.")
            % {"min": 1, "max": limit, "label": label}
        ]
    if any(not k for k in keys) or len(set(keys)) != len(keys):
        return [_("Die Namen müssen verschieden und nicht leer sein.")]
    return []


@transaction.atomic
def create_radar(
    *,
    region,
    user,
    values: Mapping[str, Any],
    preset: str = DEFAULT_PRESET,
    quadrants: Iterable[str] | None = None,
    rings: Iterable[str] | None = None,
    is_demo: bool = False,
) -> Radar:
    """A radar with the quadrants and rings of `preset` (or those given, rings innermost
    first)."""
    unknown = set(values) - set(RADAR_FIELDS)
    assert not unknown, unknown
    chosen = PRESETS.get(preset)
    if chosen is None:
        raise ValidationError({"preset": [_("Diese Vorlage gibt es nicht.")]})
    quadrants = [" ".join(q.split()) for q in (quadrants or chosen.quadrants)]
    rings = [" ".join(r.split()) for r in (rings or chosen.rings)]
    errors = {}
    if problem := _check_names(quadrants, MAX_QUADRANTS, _("Quadranten")):
        errors["quadrants"] = problem
    if problem := _check_names(rings, MAX_RINGS, _("Ringe")):
        errors["rings"] = problem
    if errors:
        raise ValidationError(errors)
    radar = Radar(region=region, is_demo=is_demo, **values)
    if not radar.slug:
        radar.slug = free_slug(region, radar.name)
    radar.full_clean()
    radar.save()
    Quadrant.objects.bulk_create(
        Quadrant(radar=radar, name=name, position=n) for n, name in enumerate(quadrants)
    )
    Ring.objects.bulk_create(
        Ring(radar=radar, name=name, position=n) for n, name in enumerate(rings)
    )
    after = core.snapshot(radar)
    # Ordered lists as one text each: the log sorts plain lists (core.services.to_json).
    after |= {"quadrants": " | ".join(quadrants), "rings": " | ".join(rings)}
    core.log_change(
        radar, ObjectChange.Action.CREATE, user=user, changes=core.diff_snapshots({}, after)
    )
    return radar


@transaction.atomic
def update_radar(
    radar: Radar,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user,
    reason="",
    quadrants: Iterable[str] | None = None,
    rings: Iterable[str] | None = None,
) -> Radar:
    """Change a radar; `quadrants` and `rings` (names in order, when given) rename the
    existing ones position by position and may add more at the end. None is ever removed:
    entries stand in them, and published editions keep the names they had."""
    unknown = set(values) - set(RADAR_FIELDS)
    assert not unknown, unknown
    errors, parts = {}, []
    for model, names, limit, key, label in (
        (Quadrant, quadrants, MAX_QUADRANTS, "quadrants", _("Quadranten")),
        (Ring, rings, MAX_RINGS, "rings", _("Ringe")),
    ):
        if names is None:
            continue
        names = [" ".join(n.split()) for n in names]
        current = list(model.objects.filter(radar=radar).order_by("position"))
        problem = _check_names(names, limit, label)
        if not problem and len(names) < len(current):
            problem = [
                _("%(label)s lassen sich nicht entfernen, nur umbenennen oder ergänzen.")
                % {"label": label}
            ]
        if problem:
            errors[key] = problem
        elif [c.name for c in current] != names:
            parts.append((model, current, names, key))
    if errors:
        raise ValidationError(errors)
    saved = core.update_object(
        radar, values, expected_version=expected_version, user=user, reason=reason
    )
    changes = {}
    for model, current, names, key in parts:
        # Two passes: names may swap places, and each name is unique per radar at any time.
        for part in current:
            model.objects.filter(pk=part.pk).update(name=f"~{part.pk}~")
        for position, name in enumerate(names):
            if position < len(current):
                model.objects.filter(pk=current[position].pk).update(name=name)
            else:
                model.objects.create(radar=radar, name=name, position=position)
        changes[key] = {
            "before": " | ".join(c.name for c in current),
            "after": " | ".join(names),
        }
    if changes:
        core.log_change(
            saved, ObjectChange.Action.UPDATE, user=user, changes=changes, reason=reason
        )
    return saved


# ---- entries ----------------------------------------------------------------------------------


def _entry_errors(radar: Radar, values: Mapping[str, Any], related: Mapping[str, list]) -> dict:
    errors: dict[str, list[str]] = {}
    if "name" in values and not values["name"]:
        errors["name"] = [_("Bitte geben Sie einen Namen an.")]
    for name in ("quadrant", "ring"):
        item = values.get(name)
        if name in values and (item is None or item.radar_id != radar.pk):
            errors[name] = [_("Bitte wählen Sie einen Eintrag dieses Radars.")]
    if "links" in values:
        links = values["links"]
        if not isinstance(links, list) or len(links) > MAX_LINKS:
            errors["links"] = [
                _("Bitte höchstens %(max)d Web-Adressen angeben.") % {"max": MAX_LINKS}
            ]
        else:
            validate = URLValidator(schemes=["http", "https"])
            for link in links:
                try:
                    validate(link)
                except ValidationError:
                    errors["links"] = [
                        _("„%(link)s“ ist keine gültige Web-Adresse.") % {"link": str(link)[:100]}
                    ]
                    break
    labels = {
        "fields": _("Dieses Handlungsfeld gehört nicht zur Region."),
        "projects": _("Dieses Projekt gehört nicht zur Region."),
        "municipalities": _("Diese Kommune gehört nicht zur Region."),
    }
    for name, items in related.items():
        if any(item.region_id != radar.region_id for item in items):
            errors[name] = [labels[name]]
    return errors


def _normal(values: Mapping[str, Any]) -> dict:
    values = dict(values)
    if "name" in values:
        values["name"] = " ".join((values["name"] or "").split())
    for name in ("description", "contact"):
        if name in values:
            values[name] = (values[name] or "").strip()
    return values


@transaction.atomic
def create_entry(
    radar: Radar,
    *,
    user,
    values: Mapping[str, Any],
    fields: Iterable = (),
    projects: Iterable = (),
    municipalities: Iterable = (),
    date: datetime.date | None = None,
    reason: str = "",
    is_demo: bool = False,
) -> Entry:
    """A new entry; its ring history starts with a RingChange without an old ring."""
    values = _normal(values)
    unknown = set(values) - set(ENTRY_FIELDS)
    assert not unknown, unknown
    related = {
        "fields": list(fields),
        "projects": list(projects),
        "municipalities": list(municipalities),
    }
    errors = _entry_errors(radar, {"name": "", "quadrant": None, "ring": None, **values}, related)
    if errors:
        raise ValidationError(errors)
    entry = Entry(region_id=radar.region_id, radar=radar, is_demo=is_demo, **values)
    core.create_object(
        entry,
        user=user,
        reason=reason,
        m2m={name: [item.pk for item in items] for name, items in related.items()},
    )
    _ring_change(entry, None, entry.ring, user=user, date=date, reason=reason or _("aufgenommen"))
    return entry


def _ring_change(entry: Entry, old, new, *, user, date, reason: str) -> RingChange:
    change = RingChange(
        region_id=entry.region_id,
        entry=entry,
        date=date or timezone.localdate(),
        old_ring=old,
        new_ring=new,
        reason=reason[:500],
        user=user if user is not None and user.is_authenticated else None,
    )
    change.save()
    return change


@transaction.atomic
def update_entry(
    entry: Entry,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user,
    fields: Iterable | None = None,
    projects: Iterable | None = None,
    municipalities: Iterable | None = None,
    date: datetime.date | None = None,
    reason: str = "",
) -> Entry:
    """Save the changes; a new ring adds a RingChange with `date` (today) and `reason`."""
    values = _normal(values)
    unknown = set(values) - set(ENTRY_FIELDS)
    assert not unknown, unknown
    related = {
        name: list(items)
        for name, items in (
            ("fields", fields),
            ("projects", projects),
            ("municipalities", municipalities),
        )
        if items is not None
    }
    radar = entry.radar
    errors = _entry_errors(radar, values, related)
    if errors:
        raise ValidationError(errors)
    old_ring = Ring.objects.filter(pk=entry.ring_id).first()
    m2m_before = {name: list(getattr(entry, name).values_list("pk", flat=True)) for name in related}
    saved = core.update_object(
        entry,
        values,
        expected_version=expected_version,
        user=user,
        reason=reason,
        m2m={name: [item.pk for item in items] for name, items in related.items()},
        m2m_before=m2m_before,
    )
    if saved.ring_id != (old_ring.pk if old_ring else None):
        _ring_change(saved, old_ring, saved.ring, user=user, date=date, reason=reason)
    return saved


def change_ring(
    entry: Entry, ring: Ring, *, user, reason: str, date: datetime.date | None = None
) -> Entry:
    return update_entry(
        entry, {"ring": ring}, expected_version=entry.version, user=user, date=date, reason=reason
    )


def delete_entry(entry: Entry, *, user, expected_version: int | None = None, reason="") -> None:
    core.delete_object(entry, expected_version=expected_version, user=user, reason=reason)


# ---- editions, "new" and "moved" ---------------------------------------------------------------


def ordered_entries(radar: Radar):
    return (
        Entry.objects.filter(radar=radar)
        .select_related("quadrant", "ring")
        .order_by("quadrant__position", "ring__position", "name", "pk")
    )


def build_snapshot(radar: Radar) -> dict[str, Any]:
    return {
        "quadrants": [q.name for q in radar.quadrants.all()],
        "rings": [r.name for r in radar.rings.all()],
        "entries": [
            {
                "name": e.name,
                "quadrant": e.quadrant.name,
                "ring": e.ring.name,
                "description": e.description,
            }
            for e in ordered_entries(radar)
        ],
    }


@transaction.atomic
def publish_edition(
    radar: Radar, *, user, date: datetime.date | None = None, note: str = ""
) -> Edition:
    """Freeze the radar's entries as of now into an edition dated `date` (today)."""
    radar = Radar.objects.select_for_update().get(pk=radar.pk)  # freeze what is stored
    edition = Edition(
        region_id=radar.region_id,
        radar=radar,
        date=date or timezone.localdate(),
        note=note.strip(),
        created_by=user if user is not None and user.is_authenticated else None,
        snapshot=build_snapshot(radar),
    )
    edition.full_clean()
    edition.save()
    core.log_change(
        edition,
        ObjectChange.Action.CREATE,
        user=user,
        changes={
            "date": {"before": None, "after": edition.date.isoformat()},
            "entries": {"before": None, "after": len(edition.snapshot["entries"])},
        },
    )
    return edition


def latest_edition(radar: Radar) -> Edition | None:
    return Edition.objects.filter(radar=radar).order_by("-date", "-pk").first()


@dataclass(frozen=True)
class MovementContext:
    """What "new" and "moved" of any number of entries need: two queries, once."""

    previous: dict[str, int] | None
    ring_index: dict[int, int]
    quadrant_index: dict[int, int]

    def of(self, entry: Entry) -> Movement:
        return movement(entry.name, self.ring_index.get(entry.ring_id, -1), self.previous)


def movement_context(radar: Radar, quadrants=None, rings=None) -> MovementContext:
    """`quadrants` and `rings` in order, if already read (else read here)."""
    edition = latest_edition(radar)
    rings = list(radar.rings.all()) if rings is None else rings
    quadrants = list(radar.quadrants.all()) if quadrants is None else quadrants
    return MovementContext(
        previous=previous_positions(edition.snapshot if edition else None),
        ring_index={r.pk: n for n, r in enumerate(rings)},
        quadrant_index={q.pk: n for n, q in enumerate(quadrants)},
    )


def export_entries(radar: Radar) -> list[formats.ExportEntry]:
    context = movement_context(radar)
    result = []
    for entry in ordered_entries(radar):
        moved = context.of(entry)
        result.append(
            formats.ExportEntry(
                name=entry.name,
                quadrant=entry.quadrant.name,
                ring=entry.ring.name,
                quadrant_index=context.quadrant_index[entry.quadrant_id],
                ring_index=context.ring_index[entry.ring_id],
                description=entry.description,
                is_new=moved.is_new,
                moved=moved.moved,
                link=entry.links[0] if entry.links else "",
            )
        )
    return result


def export(radar: Radar, fmt: str):
    """The radar as a BYOR CSV text, BYOR JSON list or Zalando JSON object."""
    entries = export_entries(radar)
    if fmt == formats.BYOR_CSV:
        return formats.byor_csv(entries)
    if fmt == formats.BYOR_JSON:
        return formats.byor_json(entries)
    if fmt == formats.ZALANDO:
        return formats.zalando(entries)
    raise ValueError(fmt)


# ---- import -----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    plan: Plan
    applied: bool

    def report(self) -> dict:
        return self.plan.report()


@transaction.atomic
def import_file(
    radar: Radar, content: bytes, fmt: str, *, user, dry_run: bool = False
) -> ImportResult:
    """Check `content` against the radar and, unless `dry_run` or a row is rejected, apply
    every row: all or nothing, under a lock on the radar and its entries."""
    parsed = formats.parse(content, fmt, max_bytes=import_max_bytes(), max_rows=import_max_rows())
    radar = Radar.objects.select_for_update().get(pk=radar.pk)
    quadrants = list(radar.quadrants.all())
    rings = list(radar.rings.all())
    entries = {
        name_key(e.name): e
        for e in Entry.objects.select_for_update(of=("self",))
        .filter(radar=radar)
        .select_related("quadrant", "ring")
    }
    existing = {
        key: Current(e.name, e.ring.name, e.quadrant.name, e.description)
        for key, e in entries.items()
    }
    plan = plan_import(
        parsed,
        existing=existing,
        rings=[r.name for r in rings],
        quadrants=[q.name for q in quadrants],
    )
    if dry_run or not plan.ok:
        return ImportResult(plan, applied=False)
    ring_by_name = {r.name: r for r in rings}
    quadrant_by_name = {q.name: q for q in quadrants}
    reason = _("Import (%(format)s)") % {"format": fmt}
    for change in plan.new:
        create_entry(
            radar,
            user=user,
            values={
                "name": change.row.name,
                "ring": ring_by_name[change.ring],
                "quadrant": quadrant_by_name[change.quadrant],
                "description": change.description or "",
            },
            reason=reason,
        )
    for change in plan.changed:
        entry = entries[change.key]
        values: dict[str, Any] = {
            "ring": ring_by_name[change.ring],
            "quadrant": quadrant_by_name[change.quadrant],
        }
        if change.description is not None:
            values["description"] = change.description
        update_entry(entry, values, expected_version=entry.version, user=user, reason=reason)
    return ImportResult(plan, applied=True)


def entries_for_api(radar: Radar, *, public: bool):
    """The radar's entries with what the API shows (projects: only published ones for the
    public)."""
    from digitalagentur.portfolio.models import Project

    projects = Project.objects.only("pk")
    if public:
        projects = projects.filter(published=True)
    return ordered_entries(radar).prefetch_related(Prefetch("projects", queryset=projects))
