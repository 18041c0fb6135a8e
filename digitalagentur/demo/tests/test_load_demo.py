"""The Coesfeld 12.0 demo: content from the seeds, logins, and idempotent reruns.

The demo is loaded once per module inside an outer transaction (rolled back at the end);
every test runs in a savepoint within it, so tests may change data freely.
"""

import datetime
import io
import os
import secrets
import subprocess
import sys

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.services import delete_object, update_object
from digitalagentur.directory.models import Body, Membership, Person, StakeholderRole, WorkLine
from digitalagentur.portfolio.models import Milestone, Project, ProjectUpdate
from digitalagentur.portfolio.progress import progress_from_milestones
from digitalagentur.portfolio.services import update_project
from digitalagentur.strategy.figures import strategy_counts
from digitalagentur.strategy.models import (
    Adoption,
    Field,
    Strategy,
    StrategyVersion,
    TimelineEvent,
)
from digitalagentur.tenancy.models import Municipality, Region, RoleAssignment

# Written independently of demo/data: copied from seed 003 ("Themenfelder und Projekte").
SEED_PROJECTS = {
    "P1": ("Online ins Rathaus", "Verwaltung"),
    "P2": ("Fließende Prozesse", "Verwaltung"),
    "P3": ("Synergie-Quelle", "Verwaltung"),
    "P4": ("Training fürs Team", "Verwaltung"),
    "P5": ("Lernen 12.0", "Bildung"),
    "P6": ("Begleitschutz in der digitalen Welt", "Bildung"),
    "P7": ("Ran an die Roboter", "Bildung"),
    "P8": ("Wissen schaffen für den Wandel", "Bildung"),
    "P9": ("Rüstzeug für die Arbeitswelt", "Bildung"),
    "P10": ("Zukunftsluft schnuppern", "Bildung"),
    "P11": ("Perspektiv-Programm", "Bildung"),
    "P12": ("Chancen-Radar", "Wirtschaft"),
    "P13": ("Schutzkreis für den Datenschatz", "Wirtschaft"),
    "P14": ("Willkommen im Synergie-Raum", "Wirtschaft"),
    "P15": ("Startplatz für Smarte Ideen", "Wirtschaft"),
    "P16": ("Strahlkraft für den Standort", "Wirtschaft"),
    "P17": ("Gemeinsam Chancen nutzen", "Wirtschaft"),
    "P18": ("Rückenwind für frische Ideen", "Wirtschaft"),
    "P19": ("Smarter unterwegs", "Mobilität"),
    "P20": ("App in die Verkehrswende", "Mobilität"),
    "P21": ("Spielend den Weg erkunden", "Mobilität"),
    "P22": ("Bitte umsteigen", "Mobilität"),
    "P23": ("Jede Kommune schnell auf dem Schirm", "Innenstadt/Dorfmitte"),
    "P24": ("Modell für die Mitte", "Innenstadt/Dorfmitte"),
    "P25": ("Basis für die smarte Region", "Innenstadt/Dorfmitte"),
    "P26": ("Online-Shopping mit Wir-Gefühl", "Innenstadt/Dorfmitte"),
    "P27": ("Auf Kundenbindung programmiert", "Innenstadt/Dorfmitte"),
    "P28": ("Digitaler Motivationsschub", "Innenstadt/Dorfmitte"),
}

TOWNS = {
    "ascheberg": ("Ascheberg", "gemeinde"),
    "billerbeck": ("Billerbeck", "stadt"),
    "coesfeld": ("Coesfeld", "stadt"),
    "duelmen": ("Dülmen", "stadt"),
    "havixbeck": ("Havixbeck", "gemeinde"),
    "luedinghausen": ("Lüdinghausen", "stadt"),
    "nordkirchen": ("Nordkirchen", "gemeinde"),
    "nottuln": ("Nottuln", "gemeinde"),
    "olfen": ("Olfen", "stadt"),
    "rosendahl": ("Rosendahl", "gemeinde"),
    "senden": ("Senden", "gemeinde"),
}

FIELDS = {
    "verwaltung": ("Verwaltung", 1),
    "bildung": ("Bildung", 1),
    "mobilitaet": ("Mobilität", 2),
    "wirtschaft": ("Wirtschaft", 2),
    "innenstadt-dorfmitte": ("Innenstadt/Dorfmitte", 2),
    "gesundheit": ("Gesundheit", 3),
    "kultur": ("Kultur", 3),
    "tourismus": ("Tourismus", 3),
}

LOGINS = {
    "admin": ("admin", None),
    "koordination": ("coordinator", None),
    "senden": ("officer", "senden"),
    "havixbeck": ("officer", "havixbeck"),
    "lenkungskreis": ("reader", None),
}


@pytest.fixture
def region(demo_db, db):
    return Region.objects.get(slug="kreis-coesfeld")


@pytest.fixture
def demo_strategy(region):
    return Strategy.objects.get(region=region)


def model_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def rerun() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_region_and_its_eleven_towns(region):
    assert region.name == "Kreis Coesfeld"
    towns = {m.slug: (m.name, m.kind) for m in Municipality.objects.filter(region=region)}
    assert towns == TOWNS
    assert not Municipality.objects.filter(name__icontains="Kreis").exists()


def test_strategy_fields_and_priority_groups(demo_strategy):
    assert demo_strategy.title == "Coesfeld 12.0 – Im Kreis gemeinsam digital"
    assert demo_strategy.published
    assert "Gemeinsam die digitale Zukunft gestalten" in demo_strategy.vision
    groups = {g.number: g.name for g in demo_strategy.priority_groups.all()}
    assert groups == {1: "Priorität I", 2: "Priorität II", 3: "Priorität III"}
    fields = demo_strategy.fields.select_related("priority_group")
    assert {f.slug: (f.name, f.priority_group.number) for f in fields} == FIELDS
    for field in fields:
        assert field.published and field.guiding_principle.strip()
        # The seeds give no field's guiding principle: every one is marked as demo text.
        assert field.guiding_principle_is_demo_text


def test_the_28_strategy_projects_equal_seed_003(region):
    strategy_projects = Project.objects.filter(region=region, is_strategy_project=True)
    actual = {p.code: (p.title, p.field.name) for p in strategy_projects.select_related("field")}
    assert actual == SEED_PROJECTS
    all_towns = set(Municipality.objects.filter(region=region).values_list("pk", flat=True))
    for project in strategy_projects:
        assert project.published and project.status == "planned"
        assert project.participating_town_ids() == all_towns


def test_headline_figures(demo_strategy):
    counts = strategy_counts(demo_strategy)
    assert (
        counts.municipalities,
        counts.visions,
        counts.fields,
        counts.guiding_principles,
        counts.priority_groups,
        counts.projects,
    ) == (11, 1, 8, 8, 3, 28)


def test_lighthouse_and_local_projects_with_their_towns(region):
    # The seeds' local projects; neither the draft taken from a demo idea (issue 12) nor
    # Olfen's copy of the Lastenradbox (reuse, issue 14) is one of them.
    local = Project.objects.filter(
        region=region, is_strategy_project=False, source_idea=None, reused_from=None
    )
    assert local.count() == 8
    assert not local.exclude(code="").exists()

    def towns(slug):
        return set(local.get(slug=slug).municipalities.values_list("slug", flat=True))

    assert towns("crossiety-havixbeck") == {"havixbeck"}
    assert towns("lastenradbox-nordkirchen") == {"nordkirchen"}
    assert towns("buergerlabor-mobiles-muensterland-kommit") == {"senden"}
    # The seeds do not name the seven towns of Heimat 2.0: none is attached.
    assert towns("heimat-2-0") == set()
    lighthouses = set(local.filter(is_lighthouse=True).values_list("slug", flat=True))
    assert lighthouses == {
        "smarte-land-regionen",
        "lorena-wochenmarkt24",
        "buergerlabor-mobiles-muensterland-kommit",
        "lorawan-infrastruktur",
        "e-lastenrad-sharing",
    }
    assert local.get(slug="crossiety-havixbeck").status == "completed"
    slr = local.get(slug="smarte-land-regionen")
    assert slr.status == "in_progress"
    milestones = list(slr.milestones.all())
    done = [m for m in milestones if m.completed_on]
    assert slr.progress == progress_from_milestones(len(milestones), len(done)) == 50
    assert slr.milestones.filter(completed_on=datetime.date(2022, 8, 18)).exists()
    assert slr.updates.filter(date=datetime.date(2022, 8, 18)).exists()


def test_agency_bodies_people_and_stakeholders(region):
    assert list(WorkLine.objects.filter(region=region).values_list("name", flat=True)) == [
        "Strategie-Weiterentwicklung",
        "Technologie-Scouting",
        "Marken-Bildung",
        "Fördermittel-Akquise",
        "Projekt-Support",
    ]
    board = Body.objects.get(region=region, slug="koordinierungskreis")
    assert board.is_agency_body and board.constituted_on == datetime.date(2022, 4, 26)
    assert Body.objects.get(region=region, slug="lenkungskreis").is_agency_body
    speakers = Membership.objects.filter(body=board, role="speaker")
    assert {m.person.name for m in speakers} == {
        "Niklas Esser",
        "Dr. Jürgen Grüner",
        "Mathias Raabe",
    }
    coordination = Membership.objects.get(body=board, role="coordinator")
    assert coordination.person.name == "Helena Mense Oliveira"
    # One council per town plus the Kreistag.
    councils = Body.objects.filter(region=region, kind="council")
    assert councils.filter(municipality__isnull=True).get().name == "Kreistag Coesfeld"
    assert councils.filter(municipality__isnull=False).count() == 11
    assert Body.objects.filter(region=region, name="Rat der Stadt Dülmen").exists()
    codes = list(StakeholderRole.objects.filter(region=region).values_list("code", flat=True))
    assert codes == ["IZ", "BMK", "PA", "FB", "AK", "MO", "TDG", "ITE"]


def test_people_have_no_invented_personal_data(region):
    for person in Person.objects.filter(region=region):
        assert person.email == "" or person.email.endswith("@example.org"), person
    officers = Person.objects.filter(region=region, memberships__role="officer")
    assert officers.count() == 11
    # The seeds do not name the towns' digitalisation officers: "N. N." for each town.
    assert {p.name for p in officers} == {"N. N."}
    assert set(officers.values_list("municipality__slug", flat=True)) == set(TOWNS)
    named = set(
        Person.objects.filter(region=region).exclude(name="N. N.").values_list("name", flat=True)
    )
    assert named == {
        "Helena Mense Oliveira",
        "Niklas Esser",
        "Dr. Jürgen Grüner",
        "Mathias Raabe",
        "Dr. Christian Schulze Pellengahr",
        "Wilhelm Sendermann",
        "Prof. Dr. Dr. Björn Niehaves",
        "Dr. Josef Goehrmann",
        "Prof. Dr. Ingrid Isenhardt",
    }


def test_version_2021_and_adoptions(region):
    version = StrategyVersion.objects.get(region=region, name="Fassung 2021")
    assert sorted(version.snapshot["projects"]) == sorted(SEED_PROJECTS)
    coesfeld = Municipality.objects.get(region=region, slug="coesfeld")
    council = Adoption.objects.get(version=version, body__name="Rat der Stadt Coesfeld")
    assert (council.date, council.decision, council.municipality) == (
        datetime.date(2021, 7, 1),
        "adopted",
        coesfeld,
    )
    committee = Adoption.objects.get(
        version=version, body__slug="coesfeld-haupt-und-finanzausschuss"
    )
    assert (committee.date, committee.decision) == (datetime.date(2021, 6, 24), "recommended")
    adopted = Adoption.objects.filter(version=version, decision="adopted")
    assert set(adopted.values_list("municipality__slug", flat=True)) == {*TOWNS, None}
    kreistag = adopted.get(municipality__isnull=True)
    assert kreistag.body.name == "Kreistag Coesfeld"
    assert (kreistag.date_precision, "bis Oktober 2021" in kreistag.note) == ("month", True)


def test_timeline(demo_strategy):
    events = {e.title: e for e in TimelineEvent.objects.filter(strategy=demo_strategy)}
    kickoff = events["Auftaktkonferenz in Senden"]
    assert (kickoff.date, kickoff.date_precision) == (datetime.date(2019, 6, 1), "month")
    dates = {e.date for e in events.values()}
    for day in [(2020, 2, 19), (2020, 9, 9), (2021, 3, 4), (2022, 3, 28), (2022, 4, 26)]:
        assert datetime.date(*day) in dates


@pytest.mark.parametrize("username", sorted(LOGINS))
def test_demo_logins_have_their_role_and_can_log_in(region, client, username):
    role, town = LOGINS[username]
    assignment = RoleAssignment.objects.get(user__username=username)
    assert (assignment.region, assignment.role) == (region, role)
    assert (assignment.municipality.slug if assignment.municipality else None) == town
    assert not assignment.user.is_superuser and not assignment.user.is_staff
    response = client.post(reverse("login"), {"username": username, "password": "demo"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(assignment.user.pk)


def test_second_run_changes_nothing(region):
    before = model_counts()
    project = Project.objects.get(region=region, code="P7")
    last_change = ObjectChange.objects.order_by("-pk").first().pk
    output = rerun()
    assert model_counts() == before
    assert ObjectChange.objects.order_by("-pk").first().pk == last_change
    project_after = Project.objects.get(pk=project.pk)
    assert (project_after.version, project_after.updated) == (project.version, project.updated)
    assert "Demo für Kreis Coesfeld bereits geladen – nichts geändert." in output
    assert "11 Kommunen" in output and "38 Projekte" in output
    for username in LOGINS:
        assert f"  {username} " in output


def test_staff_edits_survive_a_rerun(region):
    project = Project.objects.get(region=region, code="P1")
    project = update_project(
        project,
        {"title": "Online ins Rathaus (überarbeitet)", "status": "in_progress"},
        expected_version=project.version,
    )
    field = Field.objects.get(region=region, slug="kultur")
    update_object(field, {"guiding_principle": "Neues Leitbild."}, expected_version=1)
    slr = Project.objects.get(region=region, slug="smarte-land-regionen")
    slr.milestones.order_by("position").first().delete()
    before = model_counts()

    rerun()

    assert model_counts() == before
    project.refresh_from_db()
    assert (project.title, project.status) == ("Online ins Rathaus (überarbeitet)", "in_progress")
    assert Field.objects.get(pk=field.pk).guiding_principle == "Neues Leitbild."
    assert Milestone.objects.filter(project=slr).count() == 3
    assert ProjectUpdate.objects.filter(project=slr).count() == 2


def test_existing_account_keeps_its_roles_and_password(region):
    user = RoleAssignment.objects.get(user__username="admin").user
    RoleAssignment.objects.filter(user=user).delete()
    user.set_password("ein-anderes-passwort")
    user.save()

    output = rerun()

    assert not RoleAssignment.objects.filter(user=user).exists()
    admin_line = next(line for line in output.splitlines() if line.startswith("  admin "))
    assert "(geändert)" in admin_line and "keine Rolle" in admin_line


def test_a_deleted_demo_admin_is_not_recreated(region):
    user = RoleAssignment.objects.get(user__username="admin").user
    user.delete()

    output = rerun()

    user_model = get_user_model()
    assert not user_model.objects.filter(username="admin").exists()
    assert not RoleAssignment.objects.filter(region=region, role="admin").exists()
    assert not any(line.startswith("  admin ") for line in output.splitlines())


def test_a_deleted_project_is_not_restored(region):
    project = Project.objects.get(region=region, code="P7")
    delete_object(project, expected_version=project.version)
    slr = Project.objects.get(region=region, slug="smarte-land-regionen")
    delete_object(slr, expected_version=slr.version)

    rerun()

    assert not Project.objects.filter(region=region, code="P7").exists()
    assert not Project.objects.filter(region=region, slug="smarte-land-regionen").exists()


def test_an_unpublished_project_is_not_republished(region):
    project = Project.objects.get(region=region, code="P8")
    project = update_project(project, {"published": False}, expected_version=project.version)

    rerun()

    assert not Project.objects.get(pk=project.pk).published


def test_a_deleted_adoption_is_not_restored(region):
    adoption = Adoption.objects.filter(region=region).first()
    count = Adoption.objects.filter(region=region).count()
    adoption.delete()

    rerun()

    assert not Adoption.objects.filter(pk=adoption.pk).exists()
    assert Adoption.objects.filter(region=region).count() == count - 1


def test_a_recoded_project_gets_no_twin(region):
    project = Project.objects.get(region=region, code="P6")
    update_project(project, {"code": "P6-alt"}, expected_version=project.version)

    rerun()

    assert not Project.objects.filter(region=region, code="P6").exists()
    assert Project.objects.filter(region=region, code="P6-alt").count() == 1


def test_a_rerun_writes_nothing_at_all(region):
    with CaptureQueriesContext(connection) as queries:
        rerun()
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_it_refuses_to_run_under_the_production_settings(settings, db):
    settings.DIGITALAGENTUR_ENV = "production"
    before = model_counts()
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("load_demo", stdout=io.StringIO())
    assert model_counts() == before


def test_an_explicit_flag_lets_it_run_under_the_production_settings(settings, region):
    settings.DIGITALAGENTUR_ENV = "production"
    out = io.StringIO()
    call_command("load_demo", "--allow-production", stdout=out)
    assert "bereits geladen" in out.getvalue()


def test_the_real_production_settings_refuse_the_demo(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "digitalagentur.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "digital.example.org",
        "DIGITALAGENTUR_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "digitalagentur", "load_demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "--allow-production" in result.stderr
    assert "Demo geladen" not in result.stdout
