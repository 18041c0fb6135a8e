"""The frame of the scale data: plan (counts per scale), steps, progress, bulk writes, cleanup.

Rules:

* Deterministic: every step draws from its own random.Random per region, seeded with
  (seed, step name, region number), and all times derive from fixed dates (BASE_TIME ...
  END_TIME), never from the clock. The same seed and scale give the same data, whatever the
  batch size; a step added later does not change the data of the others.
* Generated regions are recognisable by their slug ("skala-001", ...; SLUG_RE) and their users
  by their user name (USERNAME_RE); only those are ever deleted (delete_scale_data).
* Rows are written with bulk_create (plain INSERTs, so database triggers and generated columns
  apply), one transaction per step. Timestamps (auto_now/auto_now_add) are written as generated
  (see explicit_timestamps).
"""

from __future__ import annotations

import datetime
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.db import connections, models, router, transaction

#: The national installation at --scale 1.
FULL_REGIONS = 400
FULL_TOWNS = 11_000
PROJECTS_PER_REGION = 30
UPDATES_PER_PROJECT = 10
FULL_MILESTONES = 40_000  # 3.33 per project

SLUG_PREFIX = "skala-"
SLUG_RE = r"^skala-[0-9]{3,}$"
USERNAME_RE = r"^skala-[0-9]{3,}-(koordination|lesezugriff|buerger-[0-9]{3,})$"
HOST_DOMAIN = "digitalagentur.test"

#: The data's own clock: the strategies start here ...
BASE_TIME = datetime.datetime(2020, 9, 1, 8, 0, tzinfo=datetime.UTC)
#: ... and nothing happens after this.
END_TIME = datetime.datetime(2025, 6, 30, 17, 0, tzinfo=datetime.UTC)


def share(total: int, parts: int, index: int) -> int:
    """Item `index`'s share when `total` things are spread evenly over `parts` (sums exactly)."""
    return total * (index + 1) // parts - total * index // parts


@dataclass(frozen=True)
class Plan:
    """How much to create: every count of the full installation times `scale`."""

    scale: float = 1.0
    seed: int = 1

    @property
    def regions(self) -> int:
        return max(1, round(FULL_REGIONS * self.scale))

    def towns_in(self, region_index: int) -> int:
        """27 or 28 towns (11,000 over 400 regions)."""
        return share(FULL_TOWNS, FULL_REGIONS, region_index)

    @property
    def projects(self) -> int:
        return self.regions * PROJECTS_PER_REGION

    def milestones_of(self, project_index: int) -> int:
        """3 or 4 milestones (40,000 over 12,000 projects); index counts over all regions."""
        return share(FULL_MILESTONES, FULL_REGIONS * PROJECTS_PER_REGION, project_index)

    def expected(self) -> dict[str, int]:
        """The main counts this plan creates (for the summary and the tests)."""
        n = self.regions
        return {
            "regions": n,
            "towns": sum(self.towns_in(i) for i in range(n)),
            "projects": self.projects,
            "updates": self.projects * UPDATES_PER_PROJECT,
            "milestones": sum(self.milestones_of(j) for j in range(self.projects)),
        }


@dataclass
class Change:
    """A recorded edit of a generated object (written to the change log by its step)."""

    time: datetime.datetime
    changes: dict[str, dict[str, Any]]
    reason: str = ""
    user_id: int | None = None
    user_name: str = ""


@dataclass
class RegionState:
    """What the steps know about one generated region (filled in step by step)."""

    index: int  # 0-based
    region: Any
    towns: list = field(default_factory=list)
    users: dict[str, Any] = field(default_factory=dict)  # role -> user
    strategy: Any = None
    fields: list = field(default_factory=list)
    projects: list = field(default_factory=list)
    citizens: list = field(default_factory=list)  # participation's public accounts

    @property
    def number(self) -> int:
        return self.index + 1


@dataclass
class Context:
    plan: Plan
    batch_size: int = 5000
    #: False: bulk_create also on PostgreSQL (the tests compare both ways of writing).
    use_copy: bool = True
    regions: list[RegionState] = field(default_factory=list)
    #: model -> number of rows created
    created: Counter = field(default_factory=Counter)
    #: model -> {pk: [Change, ...]}: the edits of an object after its creation, oldest first
    history: dict[type, dict[int, list[Change]]] = field(default_factory=dict)
    #: id(obj) -> (obj, edits) for objects not written yet (see edited_later)
    _pending: dict[int, tuple[models.Model, list[Change]]] = field(default_factory=dict)
    _by_pk: dict[int, RegionState] = field(default_factory=dict)

    def rng(self, step: str, region_index: int) -> random.Random:
        """The random source of one step in one region (str seeds are hashed stably)."""
        return random.Random(f"{self.plan.seed}/{step}/{region_index}")

    def chunks(self) -> Iterator[list[RegionState]]:
        """The regions in groups of about `batch_size` projects' updates (one flush each)."""
        per_chunk = max(1, self.batch_size // (PROJECTS_PER_REGION * UPDATES_PER_PROJECT))
        for start in range(0, len(self.regions), per_chunk):
            yield self.regions[start : start + per_chunk]

    def insert(self, objs: Sequence[models.Model], model: type | None = None) -> None:
        """Write new rows with their generated timestamps; afterwards every object has its pk.

        PostgreSQL: COPY (with ids drawn from the table's sequence first), several times faster
        than bulk_create's INSERT for these amounts; other databases: bulk_create in batches.
        Both are plain inserts: triggers and generated columns of the tables apply.
        """
        if not objs:
            return
        model = model or type(objs[0])
        connection = connections[router.db_for_write(model)]
        with explicit_timestamps(model):
            if self.use_copy and connection.vendor == "postgresql":
                for start in range(0, len(objs), self.batch_size):
                    copy_rows(connection, model, objs[start : start + self.batch_size])
            else:
                model._default_manager.bulk_create(objs, batch_size=self.batch_size)
        self.created[model] += len(objs)
        if self._pending:
            for obj in objs:
                pending = self._pending.pop(id(obj), None)
                if pending is not None:
                    self.history.setdefault(model, {})[obj.pk] = pending[1]

    def state_of(self, region_id: int) -> RegionState:
        if len(self._by_pk) != len(self.regions):
            self._by_pk = {state.region.pk: state for state in self.regions}
        return self._by_pk[region_id]

    def coordinator_of_region(self, region_id: int):
        return self.state_of(region_id).users.get("coordinator")

    def coordinator_of(self, obj: models.Model):
        """The coordinator of the object's region (who 'creates' projects in the data)."""
        return self.coordinator_of_region(obj.region_id)

    def edited_later(self, obj: models.Model, edits: list[Change]) -> None:
        """Note edits of a new object (its fields hold the values after the last edit).

        Set the object's `version` and `updated` to match; once the object is written, the
        edits are in ctx.history under its primary key, and the change log lists them.
        """
        if edits:
            self._pending[id(obj)] = (obj, edits)


def copy_rows(connection, model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """INSERT the objects with PostgreSQL's COPY, values prepared as bulk_create prepares them."""
    opts = model._meta
    qn = connection.ops.quote_name
    fields = [f for f in opts.concrete_fields if not getattr(f, "generated", False)]
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    with connection.cursor() as cursor:
        missing = [obj for obj in objs if obj.pk is None]
        if missing:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [opts.db_table, opts.pk.column, len(missing)],
            )
            for obj, (pk,) in zip(missing, cursor.fetchall(), strict=True):
                obj.pk = pk
        columns = ", ".join(qn(f.column) for f in fields)
        with cursor.copy(f"COPY {qn(opts.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


@contextmanager
def explicit_timestamps(model: type[models.Model]) -> Iterator[None]:
    """Write the model's auto_now/auto_now_add fields as set on the objects.

    bulk_create stamps those fields with the current time (Field.pre_save); generated data
    carries its own fixed times, so the flags are off while its rows are written. The command
    is the only code running in its process, so the class-level switch is safe there.
    """
    switched = []
    for f in model._meta.concrete_fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            switched.append((f, f.auto_now, f.auto_now_add))
            f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in switched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


# -- steps and progress ---------------------------------------------------------------------


class Progress:
    """A text progress bar on a terminal; elsewhere one line per finished step."""

    WIDTH = 30

    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()

    def start(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, max(total, 1), 0
        self.started = self.last_drawn = time.monotonic()
        self._draw()

    def advance(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        now = time.monotonic()
        if now - self.last_drawn >= 0.1 or self.done == self.total:
            self.last_drawn = now
            self._draw()

    def finish(self, detail: str = "") -> None:
        elapsed = time.monotonic() - self.started
        if not self.enabled:
            return
        line = f"{self.label}: {detail or 'fertig'} ({elapsed:.1f} s)"
        if self.tty:
            self.stream.write("\r\033[K" + line + "\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def _draw(self) -> None:
        if not self.tty:
            return
        filled = self.WIDTH * self.done // self.total
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        elapsed = time.monotonic() - self.started
        self.stream.write(
            f"\r\033[K{self.label:<22} |{bar}| {self.done}/{self.total} Regionen  {elapsed:5.1f} s"
        )
        self.stream.flush()


@dataclass(frozen=True)
class Step:
    """One domain's builder: build(ctx, progress) creates its rows for all ctx.regions.

    A step calls progress.advance() once per region (progress.total = number of regions) and
    may read what earlier steps put into the context. Later modules append their own Step
    to scale.STEPS (after the steps they depend on).
    """

    name: str
    label: str
    build: Callable[[Context, Progress], None]


def run(
    plan: Plan,
    steps: Iterable[Step],
    *,
    batch_size: int = 5000,
    progress: Progress | None = None,
    use_copy: bool = True,
) -> Context:
    """Run the steps in order, each in one transaction; each reports the rows it created."""
    progress = progress or Progress(enabled=False)
    ctx = Context(plan=plan, batch_size=batch_size, use_copy=use_copy)
    for step in steps:
        before = Counter(ctx.created)
        progress.start(step.label, plan.regions)
        with transaction.atomic():
            step.build(ctx, progress)
        made = ctx.created - before
        analyze(made)
        progress.finish(
            ", ".join(
                f"{count:,}".replace(",", ".") + f" × {model._meta.verbose_name}"
                # the change log last: it follows what the step created
                for model, count in sorted(
                    made.items(), key=lambda item: item[0]._meta.label == "core.ObjectChange"
                )
            )
        )
    return ctx


def analyze(models_: Iterable[type[models.Model]]) -> None:
    """Refresh PostgreSQL's statistics of freshly filled tables (the next steps' queries and
    any benchmark right after the run are planned for the real sizes, not for empty tables)."""
    for model in models_:
        connection = connections[router.db_for_write(model)]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


# -- finding and deleting generated data ----------------------------------------------------


def scale_regions():
    from digitalagentur.tenancy.models import Region

    return Region.objects.filter(slug__regex=SLUG_RE)


def scale_users():
    return get_user_model()._default_manager.filter(username__regex=USERNAME_RE)


def scale_data_exists() -> bool:
    return scale_regions().exists() or scale_users().exists()


def _raw_delete_first() -> list[tuple[type[models.Model], str]]:
    """The big tables, emptied for the doomed regions with one plain DELETE each.

    (model, condition on region ids); children before parents. Django's delete would load
    every row and send a signal for each (tenancy.content listens to all deletes), which
    takes minutes at full size; the regions go away, so nobody needs those signals.
    """
    from digitalagentur.assessment.models import (
        Answer,
        Response,
        Submission,
        SubmissionAnswer,
        Survey,
    )
    from digitalagentur.communication.models import Event, Registration
    from digitalagentur.core.models import ObjectChange
    from digitalagentur.library.models import DocumentVersion, VersionContent
    from digitalagentur.participation.models import Idea, IdeaStatusChange, Support
    from digitalagentur.portfolio.models import Milestone, Participation, Project, ProjectUpdate
    from digitalagentur.spaces.models import Booking
    from digitalagentur.strategy.models import Goal

    # Table names from the models' metadata, region ids as query parameters.
    projects = Project._meta.db_table
    in_projects = f"project_id IN (SELECT id FROM {projects} WHERE region_id IN ({{ids}}))"  # noqa: S608  # nosec B608: table name from model metadata, ids are parameters
    responses, surveys = Response._meta.db_table, Survey._meta.db_table
    submissions = Submission._meta.db_table
    in_responses = f"response_id IN (SELECT id FROM {responses} WHERE region_id IN ({{ids}}))"  # noqa: S608  # nosec B608: as above
    in_surveys = f"survey_id IN (SELECT id FROM {surveys} WHERE region_id IN ({{ids}}))"  # noqa: S608  # nosec B608: as above
    in_submissions = f"submission_id IN (SELECT id FROM {submissions} WHERE {in_surveys})"  # noqa: S608  # nosec B608: as above
    in_events = f"event_id IN (SELECT id FROM {Event._meta.db_table} WHERE region_id IN ({{ids}}))"  # noqa: S608  # nosec B608: as above
    in_ideas = f"idea_id IN (SELECT id FROM {Idea._meta.db_table} WHERE region_id IN ({{ids}}))"  # noqa: S608  # nosec B608: as above
    versions = DocumentVersion._meta.db_table
    in_versions = f"version_id IN (SELECT id FROM {versions} WHERE region_id IN ({{ids}}))"  # noqa: S608  # nosec B608: as above
    return [
        (Answer, in_responses),
        (SubmissionAnswer, in_submissions),
        (Submission, in_surveys),
        (Registration, in_events),
        (Booking, "region_id IN ({ids})"),
        (Support, in_ideas),
        (IdeaStatusChange, in_ideas),
        (ObjectChange, "region_id IN ({ids})"),
        # The library's files and versions (the documents, which point at their current
        # version, go with the region in the same transaction: the constraint is deferred).
        (VersionContent, in_versions),
        (DocumentVersion, "region_id IN ({ids})"),
        (ProjectUpdate, "region_id IN ({ids})"),
        (Milestone, "region_id IN ({ids})"),
        (Participation, in_projects),
        (Goal, "region_id IN ({ids})"),
    ]


def _delete_first() -> list[type[models.Model]]:
    """Region-scoped models deleted (with Django) before the regions: each is the target of a
    PROTECT relation from another model of the same region, which the region's cascade would
    refuse to delete."""
    from digitalagentur.assessment.models import Response, Round, Survey, Workshop
    from digitalagentur.directory.models import Body
    from digitalagentur.funding.models import Application, Call, Programme
    from digitalagentur.network.models import Post
    from digitalagentur.portfolio.models import Project
    from digitalagentur.reports.models import Meeting
    from digitalagentur.spaces.models import Provider, Space
    from digitalagentur.strategy.models import Adoption, Field

    return [
        Meeting,  # PROTECTs its body
        Body,
        Post,  # PROTECTs its town
        Space,
        Provider,
        Survey,
        Response,
        Round,
        Workshop,
        Application,
        Call,
        Programme,
        Adoption,
        Project,
        Field,
    ]


@transaction.atomic
def delete_scale_data(progress: Progress | None = None) -> int:
    """Delete the generated regions (with everything in them) and users; returns regions.

    Only regions whose slug matches SLUG_RE and users whose name matches USERNAME_RE: the
    demo region and every other region stay untouched.
    """
    ids = list(scale_regions().order_by("pk").values_list("pk", flat=True))
    if progress:
        progress.start("Alte Skalendaten löschen", len(ids))
    for start in range(0, len(ids), 50):
        chunk = ids[start : start + 50]
        for model, condition in _raw_delete_first():
            connection = connections[router.db_for_write(model)]
            table = connection.ops.quote_name(model._meta.db_table)
            where = condition.format(ids=", ".join(["%s"] * len(chunk)))
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE {where}", chunk)  # noqa: S608  # nosec B608: quoted table name, placeholders only
        for model in _delete_first():
            model._default_manager.filter(region_id__in=chunk).delete()
        scale_regions().filter(pk__in=chunk).delete()
        if progress:
            progress.advance(len(chunk))
    scale_users().delete()
    if progress:
        progress.finish(f"{len(ids)} Regionen gelöscht")
    return len(ids)
