"""generate_scale_data: counts, determinism, --replace, and data the app can serve."""

from __future__ import annotations

import hashlib
import io
import itertools
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import F
from django.urls import reverse

from digitalagentur.communication.models import (
    ConsentRecord,
    Event,
    NewsletterIssue,
    Registration,
    Segment,
    Subscription,
)
from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import snapshot
from digitalagentur.demo.scale import STEPS, Plan, Progress, delete_scale_data, run
from digitalagentur.demo.scale.events import EVENTS_PER_REGION
from digitalagentur.demo.scale.library import DOCUMENTS_PER_REGION, TAGS_PER_REGION
from digitalagentur.demo.scale.meetings import MEETINGS_PER_REGION, TASKS_PER_MEETING
from digitalagentur.demo.scale.newsletter import ISSUES_PER_REGION, SUBSCRIPTIONS_PER_REGION
from digitalagentur.demo.scale.participation import CITIZENS_PER_REGION, IDEAS_PER_REGION
from digitalagentur.demo.scale.radar import EDITIONS_PER_REGION, ENTRIES_PER_REGION
from digitalagentur.demo.scale.spaces import DESKS, ROOMS
from digitalagentur.directory.models import Body
from digitalagentur.funding.models import Application, BudgetLine, Programme
from digitalagentur.indicators.models import Indicator, IndicatorValue
from digitalagentur.library.models import Document, DocumentVersion, Tag
from digitalagentur.network.models import Post, Vacancy
from digitalagentur.participation.choices import PUBLIC_STATUSES
from digitalagentur.participation.models import Idea, Support
from digitalagentur.portfolio.choices import ProjectPhase
from digitalagentur.portfolio.models import (
    ChecklistItem,
    ChecklistTick,
    Milestone,
    Participation,
    Project,
    ProjectUpdate,
    Reuse,
    ReuseOffer,
)
from digitalagentur.radar.models import Radar
from digitalagentur.reports.models import Meeting, MeetingTask
from digitalagentur.spaces.models import Booking, Space, Unit
from digitalagentur.strategy.models import (
    Field,
    Goal,
    PriorityGroup,
    Strategy,
    StrategyVersion,
)
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import Municipality, Region, RoleAssignment

TINY = "0.002"  # one region: 27 towns, 30 projects, 300 updates, 100 milestones


def generate(*args: str) -> str:
    out = io.StringIO()
    call_command("generate_scale_data", "--scale", TINY, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def scale_region() -> Region:
    return Region.objects.get(slug="skala-001")


def dump() -> dict:
    """Everything generated, by natural keys and content (no primary keys)."""
    region_ids = list(Region.objects.filter(slug__startswith="skala-").values_list("pk", flat=True))
    of = {"region_id__in": region_ids}
    towns = dict(Municipality.objects.filter(**of).values_list("pk", "slug"))
    field_slugs = dict(Field.objects.filter(**of).values_list("pk", "slug"))
    codes = dict(Project.objects.filter(**of).values_list("pk", "code"))
    users = dict(get_user_model().objects.values_list("pk", "username"))

    def rows(model_, *names, **renames):
        result = []
        for row in model_.objects.filter(**of).values(*names, *renames.values()):
            for new, old in renames.items():
                row[new] = row.pop(old)
            result.append(row)
        return sorted(result, key=lambda r: json.dumps(r, sort_keys=True, default=str))

    data = {
        "regions": list(
            Region.objects.filter(pk__in=region_ids)
            .order_by("slug")
            .values_list("slug", "name", "hostname", "website")
        ),
        "towns": rows(Municipality, "slug", "name", "kind", "description"),
        "strategies": rows(Strategy, "title", "vision", "published", "created"),
        "groups": rows(PriorityGroup, "number", "name"),
        "fields": rows(
            Field,
            "slug",
            "name",
            "position",
            "published",
            "created",
            group="priority_group__number",
        ),
        "goals": rows(Goal, "position", "title", "published", field_slug="field__slug"),
        "projects": rows(
            Project,
            "code",
            "slug",
            "title",
            "summary",
            "description",
            "status",
            "progress",
            "published",
            "is_lighthouse",
            "start_date",
            "end_date",
            "created",
            "updated",
            "version",
            "sort_key",
            field_slug="field__slug",
        ),
        "participations": sorted(
            (codes[p], towns[m], role)
            for p, m, role in Participation.objects.filter(
                project__region_id__in=region_ids
            ).values_list("project_id", "municipality_id", "role")
        ),
        "updates": rows(
            ProjectUpdate,
            "date",
            "title",
            "text",
            "source",
            "published",
            "created",
            "version",
            code="project__code",
        ),
        "milestones": rows(
            Milestone,
            "position",
            "title",
            "due_date",
            "completed_on",
            "published",
            "version",
            code="project__code",
        ),
        "versions": rows(StrategyVersion, "name", "created", "snapshot"),
        "indicators": rows(Indicator, "slug", "name", "direction", "created"),
        "indicator_values": rows(
            IndicatorValue, "date", "value", indicator="indicator__slug", town="municipality__slug"
        ),
        "roles": sorted(
            (users[u], role)
            for u, role in RoleAssignment.objects.filter(**of).values_list("user_id", "role")
        ),
        "documents": rows(
            Document,
            "title",
            "kind",
            "visibility",
            "created",
            "updated",
            code="project__code",
            current="current_version__sha256",
        ),
        "reuses": rows(Reuse, "kind", "created", code="original__code", town="municipality__slug"),
        "posts": rows(
            Post, "title", "planned_fte", "filled_fte", "since", town="municipality__slug"
        ),
        "tasks": rows(MeetingTask, "title", "due_date", "done_at", meeting="meeting__name"),
        "changes": rows(
            ObjectChange,
            "time",
            "user_name",
            "object_repr",
            "action",
            "changes",
            "reason",
            "version",
            "text_diffs",
            model="content_type__model",
        ),
    }
    # Participations in snapshots and change-log entries name towns (and an indicator's
    # fields, an application's projects) by id: compare slugs and codes.
    for row in data["changes"]:
        for name, slugs in (
            ("municipalities", towns),
            ("fields", field_slugs),
            ("projects", codes),
        ):
            change = row["changes"].get(name)
            if change:
                change["after"] = sorted(slugs[pk] for pk in change["after"])
    data["changes"].sort(key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return data


def test_the_plan_scales_every_count():
    assert Plan(scale=1).expected() == {
        "regions": 400,
        "towns": 11_000,
        "projects": 12_000,
        "updates": 120_000,
        "milestones": 40_000,
    }
    assert Plan(scale=0.01).expected() == {
        "regions": 4,
        "towns": 110,
        "projects": 120,
        "updates": 1_200,
        "milestones": 400,
    }
    assert Plan(scale=0.0001).regions == 1  # at least one region


@pytest.mark.django_db(transaction=False)
def test_a_tiny_run_creates_the_expected_objects():
    output = generate()
    region = scale_region()
    assert region.name == "Kreis Skala 001"
    assert region.hostname == "skala-001.digitalagentur.test"
    assert Municipality.objects.filter(region=region).count() == 27
    assert Strategy.objects.filter(region=region, published=True).count() == 1
    assert PriorityGroup.objects.filter(region=region).count() == 3
    assert 12 <= Field.objects.filter(region=region).count() <= 14
    projects = Project.objects.filter(region=region)
    assert projects.count() == 30
    assert projects.filter(is_strategy_project=True).count() == 30
    assert ProjectUpdate.objects.filter(region=region).count() == 300
    assert Milestone.objects.filter(region=region).count() == 100
    assert StrategyVersion.objects.filter(region=region).count() == 2
    fields = Field.objects.filter(region=region).count()
    indicators = Indicator.objects.filter(region=region)
    assert indicators.count() == 2 * fields
    assert all(indicator.fields.count() == 1 for indicator in indicators)
    # Six years for the region, and for three towns of the first indicator of each field.
    assert IndicatorValue.objects.filter(region=region).count() == 6 * (2 * fields + 3 * fields)
    assert sorted(RoleAssignment.objects.filter(region=region).values_list("role", flat=True)) == [
        Role.COORDINATOR,
        Role.READER,
    ]
    users = get_user_model().objects.filter(username__startswith="skala-001-")
    assert users.exclude(username__contains="-buerger-").count() == 2
    assert users.filter(username__contains="-buerger-").count() == CITIZENS_PER_REGION
    assert not any(user.has_usable_password() for user in users)
    # Spread: several statuses, published and drafts, each project 1–5 towns or all of them.
    assert len(set(projects.values_list("status", flat=True))) >= 3
    assert 0 < projects.filter(published=True).count() < 30
    for project in projects:
        assert project.sort_key == int(project.code[1:])
        towns = Participation.objects.filter(project=project).count()
        assert 1 <= towns <= 5 or towns == 27
    applications = Application.objects.filter(region=region)
    assert applications.count() == 12 and Programme.objects.filter(region=region).count() == 3
    assert all(2 <= a.subprojects.count() <= 6 for a in applications)
    assert BudgetLine.objects.filter(region=region, amount__gt=0).exists()
    ideas = Idea.objects.filter(region=region)
    assert ideas.count() == IDEAS_PER_REGION
    public = ideas.filter(status__in=PUBLIC_STATUSES)
    assert 0 < public.count() < IDEAS_PER_REGION  # a few still wait for moderation
    assert len(set(public.values_list("status", flat=True))) >= 3
    assert Support.objects.filter(idea__region=region).exists()
    assert not Support.objects.filter(idea__in=ideas.exclude(status__in=PUBLIC_STATUSES)).exists()
    events = Event.objects.filter(region=region)
    assert events.count() == EVENTS_PER_REGION
    for event in events.filter(capacity__isnull=False):
        assert event.registrations.filter(status="registered").count() <= event.capacity
    assert Registration.objects.filter(event__region=region, status="waitlisted").exists()
    subscriptions = Subscription.objects.filter(region=region)
    assert subscriptions.count() == SUBSCRIPTIONS_PER_REGION
    assert subscriptions.filter(status="active").exists()
    assert ConsentRecord.objects.filter(region=region).count() == (SUBSCRIPTIONS_PER_REGION)
    assert Segment.objects.filter(region=region, kind="municipality").count() == 27
    sent = NewsletterIssue.objects.filter(region=region, status="sent")
    assert sent.count() == ISSUES_PER_REGION
    spaces = Space.objects.filter(region=region, published=True)
    assert spaces.count() == 1 + ROOMS
    assert Unit.objects.filter(space__region=region).count() == DESKS + ROOMS
    bookings = Booking.objects.filter(region=region, status="confirmed")
    assert bookings.count() > 100
    for unit in Unit.objects.filter(space__region=region):
        ranges = sorted(bookings.filter(unit=unit).values_list("start", "end"))
        assert all(end <= start for (_s, end), (start, _e) in itertools.pairwise(ranges))
    radar = Radar.objects.get(region=region, slug="technologie-radar")
    assert radar.entries.count() == ENTRIES_PER_REGION
    editions = list(radar.editions.order_by("date"))
    assert len(editions) == EDITIONS_PER_REGION
    assert [len(e.snapshot["entries"]) for e in editions] == sorted(
        len(e.snapshot["entries"]) for e in editions
    )  # entries are added over the years, never dropped
    for entry in radar.entries.all():  # the history ends in the entry's ring
        assert entry.ring_changes.order_by("date", "pk").last().new_ring_id == entry.ring_id
    assert "Skalendaten erzeugt (scale 0.002, seed 1)" in output
    assert "30  portfolio.Project" in output


@pytest.mark.django_db
def test_the_issue_14_modules_are_filled_consistently():
    """Checklists, reuse, the library, posts and meeting tasks: counts per region and the
    invariants the apps' services keep (one tick and one reuse per pair, current version)."""
    generate()
    region = scale_region()
    items = ChecklistItem.objects.filter(region=region)
    assert items.count() == 12
    for phase in ProjectPhase:
        assert items.filter(phase=phase).count() == 2
    ticks = ChecklistTick.objects.filter(item__region=region)
    assert ticks.exists()
    ordered = list(items.order_by("position").values_list("pk", flat=True))
    for project in Project.objects.filter(region=region):
        ticked = set(ticks.filter(project=project).values_list("item_id", flat=True))
        assert ticked == set(ordered[: len(ticked)])  # always the first k points
    offers = ReuseOffer.objects.filter(region=region)
    assert offers.count() == 3  # 10 % of 30 projects
    reuses = Reuse.objects.filter(region=region)
    assert reuses.exists()
    assert set(reuses.values_list("original_id", flat=True)) <= set(
        offers.values_list("project_id", flat=True)
    )
    assert not reuses.filter(copy__isnull=False).exists()
    for reuse in reuses:  # never a town that already takes part
        assert not Participation.objects.filter(
            project_id=reuse.original_id, municipality_id=reuse.municipality_id
        ).exists()

    documents = Document.objects.filter(region=region)
    assert documents.count() == DOCUMENTS_PER_REGION
    assert Tag.objects.filter(region=region).count() == TAGS_PER_REGION
    assert 0 < documents.filter(visibility="oeffentlich").count() < DOCUMENTS_PER_REGION
    assert documents.filter(project__isnull=False).exists()
    assert documents.filter(tags__isnull=False).exists()
    versions = DocumentVersion.objects.filter(region=region)
    assert DOCUMENTS_PER_REGION < versions.count() < 2 * DOCUMENTS_PER_REGION
    for document in documents.select_related("current_version__stored"):
        newest = document.versions.order_by("-number").first()
        assert document.current_version == newest
        assert sorted(document.versions.values_list("number", flat=True)) == list(
            range(1, newest.number + 1)
        )
        content = bytes(newest.stored.content)
        assert newest.size == len(content)
        assert newest.sha256 == hashlib.sha256(content).hexdigest()

    towns = Municipality.objects.filter(region=region).count()
    posts = Post.objects.filter(region=region)
    assert towns <= posts.filter(municipality__isnull=False).count() <= 2 * towns
    assert posts.filter(municipality__isnull=True).count() == 2
    assert not posts.filter(filled_fte__gt=F("planned_fte")).exists()
    vacancies = Vacancy.objects.filter(region=region)
    assert vacancies.exists()
    for vacancy in vacancies.filter(end__isnull=True):  # still vacant: nobody fills the post
        assert vacancy.post.filled_fte == 0

    assert Body.objects.filter(region=region).count() == 1
    assert Meeting.objects.filter(region=region).count() == MEETINGS_PER_REGION
    tasks = MeetingTask.objects.filter(region=region)
    assert tasks.count() == MEETINGS_PER_REGION * TASKS_PER_MEETING
    allowed = set(RoleAssignment.objects.filter(region=region).values_list("user_id", flat=True))
    owners = set(tasks.values_list("owner_id", flat=True))
    assert owners - {None} and owners - {None} <= allowed
    assert tasks.filter(done_at__isnull=False).exists()
    assert tasks.filter(done_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_change_log_replays_to_the_stored_state():
    """Each object's 'create' entry plus its 'update' entries give its current values, and
    the version counter equals the number of entries (as core.services would have left it)."""
    generate()
    region = scale_region()
    logged = 0
    for model in (
        Project,
        ProjectUpdate,
        Milestone,
        Field,
        Goal,
        Municipality,
        Programme,
        Application,
        BudgetLine,
        Idea,
        Event,
    ):
        content_type = ContentType.objects.get_for_model(model)
        for obj in model.objects.filter(region=region):
            entries = list(
                ObjectChange.objects.filter(content_type=content_type, object_id=obj.pk).order_by(
                    "time", "pk"
                )
            )
            assert [e.action for e in entries] == ["create"] + ["update"] * (len(entries) - 1)
            assert [e.version for e in entries] == list(range(1, len(entries) + 1))
            assert obj.version == len(entries)
            state = {}
            for entry in entries:
                assert entry.region_id == region.pk
                for name, values in entry.changes.items():
                    if entry.action == "update":
                        assert state.get(name) == values["before"]
                    state[name] = values["after"]
            extra = None
            if model is Project:
                extra = {
                    "municipalities": list(
                        obj.participations.values_list("municipality_id", flat=True)
                    )
                }
            if model is Application:
                extra = {
                    "municipalities": list(obj.municipalities.values_list("pk", flat=True)),
                    "projects": list(obj.projects.values_list("pk", flat=True)),
                }
            current = {k: v for k, v in snapshot(obj, extra).items() if v is not None}
            assert state == current
            logged += len(entries)
    updates = ObjectChange.objects.filter(region=region, action="update")
    assert updates.filter(content_type__model="project").count() > 5
    assert updates.exclude(text_diffs={}).exists()  # text edits carry their word diff
    versions = ObjectChange.objects.filter(region=region, content_type__model="strategyversion")
    assert versions.count() == 2
    assert logged > 400


@pytest.mark.django_db
def test_versions_freeze_the_state_of_their_date():
    generate()
    region = scale_region()
    old, new = StrategyVersion.objects.filter(region=region).order_by("created")
    assert old.name == "Fassung 2021 (Beschluss)"
    # The adopted version lacks the projects created after it; the update has them all.
    old_codes = set(old.snapshot["projects"])
    assert set(new.snapshot["projects"]) == set(
        Project.objects.filter(region=region).values_list("code", flat=True)
    )
    later = Project.objects.filter(region=region, created__gt=old.created)
    assert later.exists()
    assert old_codes.isdisjoint(later.values_list("code", flat=True))
    assert old_codes
    assert set(old.snapshot["fields"]) == set(
        Field.objects.filter(region=region).values_list("slug", flat=True)
    )


@pytest.mark.django_db
def test_same_seed_same_data_other_seed_other_data():
    generate()
    first = dump()
    delete_scale_data()
    generate("--batch-size", "7")  # batches change nothing
    assert dump() == first
    delete_scale_data()
    generate("--seed", "2")
    other = dump()
    assert other["projects"] != first["projects"]
    assert other["towns"] != first["towns"]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_copy_writes_what_bulk_create_writes():
    run(Plan(scale=0.002), STEPS)
    copied = dump()
    delete_scale_data()
    run(Plan(scale=0.002), STEPS, use_copy=False)
    assert dump() == copied


@pytest.mark.django_db
def test_refuses_without_replace_and_replaces_only_scale_regions():
    demo = t.make_region("kreis-coesfeld", name="Kreis Coesfeld")
    other = t.make_region("kreis-b", name="Kreis B", hostname="kreis-b.example.org")
    lookalike = t.make_region("skala-test", name="Kreis Skala Test")
    demo_project = Project.objects.create(region=demo, code="P1", slug="p1", title="Demo")
    other_town = t.make_municipality(other, "Senden", slug="senden")
    stranger = t.make_user(username="skala-001-fremd")
    generate()
    old_pk = scale_region().pk
    with pytest.raises(CommandError, match="--replace"):
        generate()
    assert Region.objects.filter(slug__startswith="skala-0").count() == 1
    generate("--replace")
    assert scale_region().pk != old_pk
    assert Region.objects.filter(slug__startswith="skala-0").count() == 1
    assert Project.objects.filter(region_id=old_pk).count() == 0
    assert ObjectChange.objects.filter(region_id=old_pk).count() == 0
    for model in (Document, DocumentVersion, Post, Meeting, Body, ReuseOffer, ChecklistItem):
        assert not model.objects.filter(region_id=old_pk).exists(), model
    for kept in (demo, other, lookalike):
        assert Region.objects.filter(pk=kept.pk).exists()
    assert Project.objects.filter(pk=demo_project.pk).exists()
    assert Municipality.objects.filter(pk=other_town.pk).exists()
    assert get_user_model().objects.filter(pk=stranger.pk).exists()
    # The stranger, and the replaced region's generated users once (not twice).
    users = get_user_model().objects.filter(username__startswith="skala-001-")
    assert users.count() == 1 + 2 + CITIZENS_PER_REGION


@pytest.mark.django_db
def test_refuses_under_production_settings(settings):
    settings.DIGITALAGENTUR_ENV = "production"
    with pytest.raises(CommandError, match="Produktiv"):
        generate()
    assert not Region.objects.exists()


@pytest.mark.django_db
def test_the_generated_region_serves_its_pages(client):
    generate()
    region = scale_region()
    host = {"HTTP_HOST": region.hostname}
    published = Project.objects.filter(region=region, published=True).order_by("sort_key")
    draft = Project.objects.filter(region=region, published=False).first()

    page = client.get(reverse("public:project_list"), **host)
    assert page.status_code == 200
    html = page.content.decode()
    assert published.first().title in html

    api = client.get(reverse("api-project-list"), **host)
    assert api.status_code == 200
    body = api.json()
    results = body["results"] if isinstance(body, dict) else body
    codes = {row["code"] for row in results}
    assert published.first().code in codes
    assert draft.code not in codes

    detail = client.get(reverse("public:project_detail", args=[published.first().slug]), **host)
    assert detail.status_code == 200

    ideas = client.get(reverse("api-idea-list"), {"ordering": "-supporters"}, **host).json()
    rows = ideas["results"] if isinstance(ideas, dict) else ideas
    stored = Idea.objects.filter(region=region, status__in=PUBLIC_STATUSES)
    assert {row["title"] for row in rows} <= set(stored.values_list("title", flat=True))
    counts = [row["supporters"] for row in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0

    archive = client.get(reverse("public:newsletter_archive"), **host).content.decode()
    newest = NewsletterIssue.objects.filter(region=region).order_by("-send_started").first()
    assert newest.subject in archive
    segments = client.get("/api/v1/newsletter/segments/", **host).json()
    rows = segments["results"] if isinstance(segments, dict) else segments
    assert len(rows) == Segment.objects.filter(region=region).count()

    spaces = client.get(
        "/api/v1/spaces/",
        {"free_from": "2026-10-05T09:00:00+02:00", "free_until": "2026-10-05T12:00:00+02:00"},
        **host,
    )
    assert spaces.status_code == 200
    space = Space.objects.filter(region=region).first()
    page = client.get(reverse("public:space_detail", args=[space.slug]), **host)
    assert page.status_code == 200

    radar = client.get(reverse("public:radar_detail", args=["technologie-radar"]), **host)
    assert radar.status_code == 200 and "Technik 001" in radar.content.decode()
    radar_id = Radar.objects.get(region=region).pk
    entries = client.get(f"/api/v1/radars/{radar_id}/entries/", **host).json()
    rows = entries["results"] if isinstance(entries, dict) else entries
    assert {row["moved"] for row in rows} <= {-1, 0, 1} and any(row["moved"] for row in rows)


@pytest.mark.django_db
def test_the_issue_14_pages_serve_the_generated_data(client):
    """The pages the bench requests (bench/mix.py): public lists only public documents."""
    generate()
    region = scale_region()
    host = {"HTTP_HOST": region.hostname}
    assert client.get("/nachnutzung/", **host).status_code == 200
    assert client.get("/dokumente/", {"q": "vorlage"}, **host).status_code == 200
    body = client.get("/api/v1/documents/", **host).json()
    rows = body["results"] if isinstance(body, dict) else body
    public = Document.objects.filter(region=region, visibility="oeffentlich")
    assert rows and {row["title"] for row in rows} <= set(public.values_list("title", flat=True))
    reader = get_user_model().objects.get(username="skala-001-lesezugriff")
    client.force_login(reader)
    for path in ("/intern/stellen/", "/intern/dokumente/"):
        assert client.get(path, **host).status_code == 200, path


@pytest.mark.django_db
def test_the_staff_change_log_shows_the_entries(client):
    generate()
    region = scale_region()
    coordinator = get_user_model().objects.get(username="skala-001-koordination")
    client.force_login(coordinator)
    host = {"HTTP_HOST": region.hostname}
    page = client.get(reverse("staff:change_list"), **host)
    assert page.status_code == 200
    newest = ObjectChange.objects.filter(region=region).first()  # ordered newest first
    assert newest.object_repr in page.content.decode()
    filtered = client.get(
        reverse("staff:change_list"), {"type": "portfolio.project", "page": 2}, **host
    )
    assert filtered.status_code == 200


def test_progress_draws_a_bar_on_a_terminal_and_lines_elsewhere():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    plain = io.StringIO()
    progress = Progress(plain)
    progress.start("Projekte", 3)
    progress.advance(3)
    progress.finish("30 × Projekt")
    assert plain.getvalue().count("\n") == 1
    assert plain.getvalue().startswith("Projekte: 30 × Projekt (")

    terminal = Terminal()
    progress = Progress(terminal)
    progress.start("Projekte", 3)
    progress.advance(3)
    progress.finish("fertig")
    assert "\r" in terminal.getvalue()
    assert "3/3 Regionen" in terminal.getvalue()
