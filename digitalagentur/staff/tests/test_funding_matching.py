"""Matching in the staff area: "Passende Förderprogramme" on a project's page (the best five,
with reasons and links), "Projekte, die passen könnten" on a programme's page, exclusions
with their reason, drafts included, other regions never, constant queries."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.funding import services
from digitalagentur.funding.models import Call, Funder, Programme, end_of_day

_seq = count(1)


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def make_programme(region, name, *, fields=(), **values) -> Programme:
    funder = services.create(Funder(region=region, name=f"Fördergeber {next(_seq)}"))
    return services.create(
        Programme(region=region, funder=funder, name=name, **values),
        m2m={"fields": [f.pk for f in fields]},
    )


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def programmes(world):
    world.region.land = "Nordrhein-Westfalen"  # programmes limited to another Land do not fit
    world.region.save(update_fields=["land"])
    deadline = end_of_day(timezone.localdate() + datetime.timedelta(days=20))
    fitting = make_programme(
        world.region,
        "Digitale Verwaltung",
        fields=[world.field],
        keywords="Rathaus, Bürgerservice",
        applicant_types=["town"],
        published=True,
    )
    services.create(Call(region=world.region, programme=fitting, title="A", deadline=deadline))
    draft = make_programme(world.region, "Entwurfsprogramm", fields=[world.field])
    districts = make_programme(
        world.region, "Nur für Kreise", fields=[world.field], applicant_types=["district"]
    )
    off_topic = make_programme(world.region, "Radwege", keywords="Radweg")
    foreign = make_programme(
        world.foreign_town.region, "Fremdprogramm", fields=[world.foreign_field]
    )
    return {
        "fitting": fitting,
        "draft": draft,
        "districts": districts,
        "off_topic": off_topic,
        "foreign": foreign,
        "deadline": deadline,
    }


def test_the_project_page_lists_the_fitting_programmes_with_reasons(
    client, login, world, programmes
):
    login("reader")
    page = client.get(url("project_detail", world.own_project.pk)).content.decode()
    found = section(page, "foerderprogramme-titel")
    assert "Passende Förderprogramme" in found
    assert f'href="{url("programme_detail", programmes["fitting"].pk)}"' in found
    day = timezone.localdate(programmes["deadline"]) - datetime.timedelta(days=1)
    for reason in (
        f"Handlungsfeld „{world.field.name}“ passt (+40)",
        "Schlagwörter: Rathaus (+10)",
        "Städte und Gemeinden sind antragsberechtigt (+10)",
        f"Aufruf offen bis {day:%d.%m.%Y}, 24:00 Uhr (+20)",
    ):
        assert reason in found
    # The draft programme counts in the staff area (marked), the off-topic one does not.
    assert "Entwurfsprogramm" in found and "badge-draft" in found
    assert "Radwege" not in found and "Fremdprogramm" not in found
    # Fitting by topic but not for a town's project: shown apart, with the reason.
    assert found.index("Digitale Verwaltung") < found.index("Entwurfsprogramm")
    excluded = found[found.index("<details>") :]
    assert "Nur für Kreise" in excluded
    assert "Antragsberechtigt sind nur Kreise (Träger des Projekts: eine Stadt oder Gemeinde)" in (
        excluded
    )
    assert "Handlungsfeld +40" in found  # how the points come about


def test_the_project_page_shows_the_best_five(client, login, world, programmes):
    for n in range(6):
        make_programme(world.region, f"Weiteres Programm {n}", fields=[world.field])
    login("coordinator")
    page = client.get(url("project_detail", world.own_project.pk)).content.decode()
    found = section(page, "foerderprogramme-titel")
    assert found.count('<th scope="row">') == 5
    assert "Digitale Verwaltung" in found  # the best first
    assert "3 weitere Programme passen mit weniger Punkten." in found


def test_a_project_nothing_fits_says_how_matching_works(client, login, world):
    login("coordinator")
    page = client.get(url("project_detail", world.other_project.pk)).content.decode()
    found = section(page, "foerderprogramme-titel")
    assert "Noch passt kein Förderprogramm" in found


def test_the_programme_page_lists_the_projects_that_could_use_it(client, login, world, programmes):
    login("officer")
    page = client.get(url("programme_detail", programmes["fitting"].pk)).content.decode()
    found = section(page, "passende-projekte-titel")
    assert "Projekte, die passen könnten" in found
    assert f'href="{url("project_detail", world.own_project.pk)}"' in found
    assert "Handlungsfeld" in found and "Schlagwörter: Rathaus" in found
    assert world.other_project.title not in found  # no field, no keyword in common
    assert world.foreign_project.title not in found
    page = client.get(url("programme_detail", programmes["districts"].pk)).content.decode()
    found = section(page, "passende-projekte-titel")
    assert "Noch passt kein Projekt" in found
    assert "Ein Projekt passt zum Thema, kann das Programm aber nicht nutzen" in found


def test_drafts_are_matched_and_marked(client, login, world, programmes):
    t_field = world.field
    draft = t.make_project(world.region, "Rathaus-Entwurf", field=t_field, published=False)
    login("coordinator")
    page = client.get(url("programme_detail", programmes["draft"].pk)).content.decode()
    found = section(page, "passende-projekte-titel")
    assert "Rathaus-Entwurf" in found and "badge-draft" in found
    assert f'href="{url("project_detail", draft.pk)}"' in found


def count_queries(client, target) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(target).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["project", "programme"])
def test_query_counts_do_not_grow_with_the_data(client, login, world, programmes, page):
    target = {
        "project": url("project_detail", world.own_project.pk),
        "programme": url("programme_detail", programmes["fitting"].pk),
    }[page]
    login("coordinator")
    small = count_queries(client, target)
    for n in range(8):
        programme = make_programme(
            world.region, f"Programm {n}", fields=[world.field], keywords="Rathaus"
        )
        services.create(
            Call(
                region=world.region,
                programme=programme,
                title=f"Aufruf {n}",
                deadline=programmes["deadline"],
            )
        )
        t.make_project(
            world.region,
            f"Rathaus {n}",
            towns=[world.town, world.other_town],
            field=world.field,
        )
    assert count_queries(client, target) == small
