"""Matching projects and programmes (funding/matching.py): German words and their stems, each
signal's points as the module documents them, exclusions, the reasons' words, and loaders
that need a constant number of queries."""

from __future__ import annotations

import datetime
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.funding import matching, services
from digitalagentur.funding.matching import (
    CallFacts,
    ProgrammeFacts,
    ProjectFacts,
    carrier,
    laender_in,
    match,
    programmes_for_project,
    projects_for_programme,
    related,
    stem,
    stems,
)
from digitalagentur.funding.models import Call, Funder, Programme, end_of_day

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime.datetime(2021, 3, 1, 12, tzinfo=BERLIN)
DEADLINE = end_of_day(datetime.date(2021, 3, 14))  # "14.03.2021, 24:00 Uhr"


def programme(name="Programm", pk=1, **values) -> ProgrammeFacts:
    return ProgrammeFacts(pk=pk, slug=f"p{pk}", name=name, **values)


def project(title="Projekt", pk=1, **values) -> ProjectFacts:
    values.setdefault("carrier", "district")
    return ProjectFacts(pk=pk, title=title, label=title, **values)


def on_topic(**values) -> ProgrammeFacts:
    """A programme of field 7 ("Bildung"), the topic of `school()`."""
    return programme(fields={7: "Bildung"}, **values)


def school(**values) -> ProjectFacts:
    return project("Digitale Schule", field_id=7, field_name="Bildung", **values)


def texts(found) -> list[str]:
    return [r.text for r in found.reasons]


# -- words ------------------------------------------------------------------------------------


def test_snowball_stems_as_it_does():
    # Snowball (german) cuts inflections, not derivations: the two stay apart.
    assert stem("Digitalisierung") == "digitalisier"
    assert stem("digitale") == stem("digital") == "digital"
    assert stem("Digitalisierung") != stem("digitale")
    assert stem("Schulen") == stem("Schule") == "schul"
    assert stem("Regionen") == stem("Region") == "region"
    assert stem("Innovationen") == stem("Innovation")


def test_umlauts_and_sharp_s_are_folded():
    assert stem("Mobilität") == stem("Mobilitaet") == stem("Mobilitat") == "mobilitat"
    assert stem("Straße") == stem("Strasse")
    assert stem("Städte") == stem("Stadt")
    assert stem("ländlichen") == stem("landliche")


def test_stopwords_and_words_every_project_shares_are_dropped():
    found = stems("Die Digitalisierung der Schulen und für die Bildung im Kreis")
    assert set(found) == {"schul", "bildung", "kreis"}
    assert found["schul"] == "Schulen"  # the first original word is kept
    assert stems("für fuer und oder mit Projekt Projekte digitale Strategie") == {}


def test_words_split_at_hyphens_and_dots():
    assert set(stems("Online-Shopping mit Smarte.Land.Regionen")) == {
        "onlin",
        "shopping",
        "smart",
        "land",
        "region",
    }


def test_compounds_match_a_keyword_of_five_letters_or_more():
    assert related(stem("Glasfaser"), stem("Glasfaserausbau"))
    assert related(stem("Handel"), stem("Einzelhandel"))
    assert not related(stem("Raum"), stem("Raumplanung"))  # four letters: too short
    assert not related(stem("Glasfaserausbau"), stem("Glasfaser"))  # not the other way round


# -- the project's carrier ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("towns", "lead", "expected"),
    [
        (0, "", "district"),
        (1, "", "town"),
        (2, "Stadt Dülmen", "cooperation"),
        (11, "", "cooperation"),
        (1, "Kreis Coesfeld", "district"),
        (3, "Kreisverwaltung, Stabsstelle", "district"),
        (2, "Wirtschaftsförderung Kreis A", "district"),  # names the region
    ],
)
def test_carrier(towns, lead, expected):
    assert carrier(town_count=towns, lead=lead, region_name="Kreis A") == expected


# -- signals --------------------------------------------------------------------------------


def test_a_programme_without_a_topic_in_common_does_not_fit():
    found = match(school(), programme(calls=(CallFacts(None, DEADLINE),)), now=NOW)
    assert not found.topical and not found.fits
    assert found.score == matching.OPEN_CALL_POINTS  # the call ranks, it does not qualify
    assert programmes_for_project(school(), [programme()], now=NOW).matches == []


def test_the_field_of_action():
    found = match(school(), on_topic(), now=NOW)
    assert found.fits and found.score == 40
    assert texts(found) == ["Handlungsfeld „Bildung“ passt"]
    assert not match(school(), programme(fields={8: "Mobilität"}), now=NOW).topical


def test_keywords_count_ten_each_up_to_thirty_and_name_the_programmes_words():
    words = stems("Breitband, Glasfaser")
    pupil = school(text_stems=stems("Breitbandanschluss und Glasfasernetz für jede Schule"))
    found = match(pupil, programme(keyword_stems=words), now=NOW)
    assert found.score == 20
    assert texts(found) == ["Schlagwörter: Breitband, Glasfaser"]
    many = stems("Schule, Breitband, Glasfaser, Tablets")
    pupil = replace(pupil, text_stems={**pupil.text_stems, **stems("Tablets")})
    assert match(pupil, programme(keyword_stems=many), now=NOW).score == 30  # capped


def test_words_of_the_description_count_five_each_from_two_on():
    pupil = school(text_stems=stems("Tablets für Schulen im ländlichen Raum"))
    one = programme(text_stems=stems("Förderung für Räume"))
    assert match(pupil, one, now=NOW).score == 0  # "Räume" alone is chance
    two = programme(text_stems=stems("Tablets für Schulen"))
    found = match(pupil, two, now=NOW)
    assert found.score == 10 and texts(found) == ["Schlagwörter: Tablets, Schulen"]


@pytest.mark.parametrize(
    ("carrier_", "types", "points", "reason"),
    [
        ("district", (), 0, None),
        ("district", ("district",), 10, "Kreise sind antragsberechtigt"),
        ("district", ("association",), 10, "Gemeindeverbände sind antragsberechtigt"),
        ("town", ("town", "district"), 10, "Städte und Gemeinden sind antragsberechtigt"),
        (
            "cooperation",
            ("cooperation",),
            10,
            "Interkommunale Kooperationen sind antragsberechtigt",
        ),
    ],
)
def test_applicants(carrier_, types, points, reason):
    found = match(school(carrier=carrier_), on_topic(applicant_types=types), now=NOW)
    assert found.fits and found.score == 40 + points
    assert texts(found)[1:] == ([reason] if reason else [])


def test_a_programme_for_other_applicants_is_excluded_with_the_reason():
    found = match(school(carrier="district"), on_topic(applicant_types=("town",)), now=NOW)
    assert found.topical and not found.fits
    assert found.exclusion == (
        "Antragsberechtigt sind nur Städte und Gemeinden (Träger des Projekts: der Kreis)"
    )
    ranking = programmes_for_project(school(), [on_topic(applicant_types=("town",))], now=NOW)
    assert ranking.matches == [] and [m.exclusion for m in ranking.excluded] == [found.exclusion]


@pytest.mark.parametrize(
    ("area", "points", "excluded"),
    [
        ("", 0, False),
        ("Nordrhein-Westfalen", 10, False),
        ("NRW", 10, False),
        ("Bayern, Nordrhein-Westfalen", 10, False),
        ("bundesweit", 5, False),
        ("Deutschland", 5, False),
        ("EU", 5, False),
        ("Kreis Coesfeld", 0, False),
        ("Bayern", 0, True),
        ("Niedersachsen", 0, True),
    ],
)
def test_the_funding_region(area, points, excluded):
    found = match(school(), on_topic(funding_region=area), now=NOW, land="Nordrhein-Westfalen")
    assert found.score == 40 + points
    assert bool(found.exclusion) is excluded
    if points:
        assert texts(found)[-1] == f"Fördergebiet: {area}"
    if excluded:
        assert found.exclusion == f"Fördergebiet {area} liegt nicht in Nordrhein-Westfalen"


def test_laender_are_told_apart():
    assert laender_in("Niedersachsen") == ["Niedersachsen"]
    assert laender_in("Sachsen-Anhalt") == ["Sachsen-Anhalt"]
    assert laender_in("Freistaat Sachsen") == ["Sachsen"]
    assert laender_in("Thüringen und Hessen") == ["Hessen", "Thüringen"]
    assert laender_in("Land NRW") == ["Nordrhein-Westfalen"]


def test_without_a_land_other_laender_are_not_excluded():
    found = match(school(), on_topic(funding_region="Bayern"), now=NOW, land=None)
    assert found.fits and found.score == 40


def test_calls():
    before = NOW - datetime.timedelta(days=40)
    opening = datetime.datetime(2021, 4, 1, tzinfo=BERLIN)
    open_call = CallFacts(None, DEADLINE)
    later = CallFacts(opening, opening + datetime.timedelta(days=30))
    closed = CallFacts(None, before)
    cases = [
        ((open_call, closed), 20, "Aufruf offen bis 14.03.2021, 24:00 Uhr"),
        ((later, closed), 15, "Aufruf angekündigt ab 01.04.2021"),
        ((closed,), -10, f"Nur abgelaufene Aufrufe, zuletzt bis {closed_text(before)}"),
        ((), 0, None),
    ]
    for calls, points, reason in cases:
        found = match(school(), on_topic(calls=calls), now=NOW)
        assert found.score == 40 + points
        assert texts(found)[1:] == ([reason] if reason else [])


def closed_text(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local:%d.%m.%Y}, {local:%H:%M} Uhr"


def test_the_earliest_open_deadline_is_named():
    soon = CallFacts(None, DEADLINE)
    late = CallFacts(None, DEADLINE + datetime.timedelta(days=60))
    found = match(school(), on_topic(calls=(late, soon)), now=NOW)
    assert texts(found)[-1] == "Aufruf offen bis 14.03.2021, 24:00 Uhr"


# -- ranking --------------------------------------------------------------------------------


def test_each_signal_changes_the_rank_as_documented():
    base = dict(fields={7: "Bildung"})
    programmes = [
        programme("A nur Feld", 1, **base),
        programme("B Feld und offener Aufruf", 2, calls=(CallFacts(None, DEADLINE),), **base),
        programme("C Feld, nur abgelaufen", 3, calls=(CallFacts(None, NOW),), **base),
        programme("D Feld und Kreise", 4, applicant_types=("district",), **base),
        programme("E Feld und Land", 5, funding_region="Nordrhein-Westfalen", **base),
        programme("F Feld und bundesweit", 6, funding_region="bundesweit", **base),
        programme("G Schlagwort", 7, keyword_stems=stems("Schule")),
    ]
    pupil = school(text_stems=stems("Tablets für die Schule"))
    ranking = programmes_for_project(pupil, programmes, now=NOW)
    assert [(m.programme.name, m.score) for m in ranking.matches] == [
        ("B Feld und offener Aufruf", 60),
        ("D Feld und Kreise", 50),
        ("E Feld und Land", 50),  # a tie: by name
        ("F Feld und bundesweit", 45),
        ("A nur Feld", 40),
        ("C Feld, nur abgelaufen", 30),
        ("G Schlagwort", 10),
    ]


def test_ties_are_broken_by_name_then_id():
    programmes = [
        on_topic(name="beta", pk=1),
        on_topic(name="Alpha", pk=3),
        on_topic(name="Alpha", pk=2),
    ]
    ranking = programmes_for_project(school(), programmes, now=NOW)
    assert [m.programme.pk for m in ranking.matches] == [2, 3, 1]


def test_projects_for_a_programme():
    programme_ = on_topic(applicant_types=("town",))
    projects = [
        school(pk=1, carrier="town"),
        project("Radweg", pk=2, carrier="town", field_id=8),
        school(pk=3, carrier="district"),
        replace(school(pk=4, carrier="town"), title="Berufsschule", label="P4: Berufsschule"),
    ]
    ranking = projects_for_programme(programme_, projects, now=NOW)
    assert [m.project.label for m in ranking.matches] == ["P4: Berufsschule", "Digitale Schule"]
    assert [m.project.pk for m in ranking.excluded] == [3]


# -- loaders ----------------------------------------------------------------------------------


@pytest.fixture
def region_data(region, strategy, town, other_town):
    education = t.make_field(strategy, "Bildung", slug="bildung")
    draft_field = t.make_field(strategy, "Entwurf", slug="entwurf", published=False)
    funder = services.create(Funder(region=region, name="Bund", short_name="BMBF"))

    def add(name, published=True, fields=(), **values):
        return services.create(
            Programme(region=region, funder=funder, name=name, published=published, **values),
            m2m={"fields": [f.pk for f in fields]},
        )

    school_ = t.make_project(
        region,
        "Digitale Schule",
        towns=[town],
        field=education,
        summary="Tablets und WLAN für alle Schulen",
    )
    return {
        "region": region,
        "education": education,
        "draft_field": draft_field,
        "add": add,
        "school": school_,
        "town": town,
        "other_town": other_town,
    }


def test_loaders_read_what_the_reader_may_see(region_data, django_assert_max_num_queries):
    d = region_data
    public = d["add"]("DigitalPakt Schule", fields=[d["education"]], keywords="Tablets, WLAN")
    d["add"]("Entwurfsprogramm", published=False, fields=[d["education"]])
    services.create(
        Call(region=d["region"], programme=public, title="offen", deadline=DEADLINE, published=True)
    )
    services.create(Call(region=d["region"], programme=public, title="intern", deadline=NOW))
    with django_assert_max_num_queries(3):
        found = matching.load_programmes(d["region"], public=True)
    assert [p.name for p in found] == ["DigitalPakt Schule"]
    assert [c.deadline for c in found[0].calls] == [DEADLINE]
    assert found[0].fields == {d["education"].pk: "Bildung"}
    assert set(found[0].keyword_stems) == {"tabl", "wlan"}
    staff = matching.load_programmes(d["region"], public=False)
    assert [p.name for p in staff] == ["DigitalPakt Schule", "Entwurfsprogramm"]
    assert len(staff[0].calls) == 2

    with django_assert_max_num_queries(2):
        projects = matching.load_projects(d["region"], public=True)
    assert [(p.title, p.carrier, p.field_name) for p in projects] == [
        ("Digitale Schule", "town", "Bildung")
    ]
    ranking = matching.matches_for_project(d["region"], d["school"].pk, public=True, now=NOW)
    (only,) = ranking.matches
    assert texts(only) == [
        "Handlungsfeld „Bildung“ passt",
        "Schlagwörter: Tablets, WLAN, Schule",  # keywords first, then the name's words
        "Aufruf offen bis 14.03.2021, 24:00 Uhr",
    ]
    assert only.score == 40 + (10 + 10 + 5) + 20


def test_a_draft_field_is_no_signal_for_the_public(region_data):
    d = region_data
    d["add"]("Programm im Entwurfsfeld", fields=[d["draft_field"]])
    draft = t.make_project(d["region"], "Im Entwurfsfeld", field=d["draft_field"])
    assert matching.matches_for_project(d["region"], draft.pk, public=True).matches == []
    (staff,) = matching.matches_for_project(d["region"], draft.pk, public=False).matches
    assert texts(staff) == ["Handlungsfeld „Entwurf“ passt"]


def test_unpublished_projects_are_none_of_the_publics(region_data):
    d = region_data
    secret = t.make_project(d["region"], "Geheim", field=d["education"], published=False)
    assert matching.matches_for_project(d["region"], secret.pk, public=True) is None
    programme_ = d["add"]("Programm", fields=[d["education"]])
    public = matching.matches_for_programme(d["region"], programme_.pk, public=True)
    assert [m.project.title for m in public.matches] == ["Digitale Schule"]
    staff = matching.matches_for_programme(d["region"], programme_.pk, public=False)
    assert [m.project.title for m in staff.matches] == ["Digitale Schule", "Geheim"]


def test_queries_do_not_grow_with_the_data(region_data, django_assert_max_num_queries):
    d = region_data
    for n in range(12):
        p = d["add"](f"Programm {n}", fields=[d["education"]], keywords="Schule")
        services.create(Call(region=d["region"], programme=p, title=f"A{n}", deadline=DEADLINE))
        t.make_project(
            d["region"], f"Projekt {n}", towns=[d["town"], d["other_town"]], field=d["education"]
        )
    with django_assert_max_num_queries(5):
        ranking = matching.matches_for_project(d["region"], d["school"].pk, public=False)
    assert len(ranking.matches) == 12
    first = ranking.matches[0].programme.pk
    with django_assert_max_num_queries(5):
        ranking = matching.matches_for_programme(d["region"], first, public=False)
    assert len(ranking.matches) == 13


def test_the_demo_programmes_find_their_projects(db):
    """The demo's programmes carry keywords and fields (demo/data/funding.py)."""
    from django.core.management import call_command

    call_command("load_demo", stdout=__import__("io").StringIO())
    from digitalagentur.tenancy.models import Region

    region = Region.objects.get(slug="kreis-coesfeld")
    slr = Programme.objects.get(region=region, slug="smarte-land-regionen")
    ranking = matching.matches_for_programme(region, slr.pk, public=True)
    best = ranking.matches[0]
    assert best.project.title.startswith("Smarte.Land.Regionen")
    assert "Handlungsfeld „Wirtschaft“ passt" in texts(best)
    assert any(r.signal == "keywords" and "Coworking" in r.text for r in best.reasons)
    smart_cities = Programme.objects.get(region=region, slug="modellprojekte-smart-cities")
    ranking = matching.matches_for_programme(region, smart_cities.pk, public=True)
    labels = [m.project.label for m in ranking.matches]
    assert "P22: Bitte umsteigen" in labels and "P1: Online ins Rathaus" not in labels


def test_the_land_is_the_regions():
    from digitalagentur.funding.matching import region_land
    from digitalagentur.tenancy.models import Region

    assert region_land(Region(slug="a", name="A", land="Bayern")) == "Bayern"
    assert region_land(Region(slug="b", name="B")) is None  # not set: no Land signal
    assert region_land(None) is None
