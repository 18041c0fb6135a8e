"""The public pages: content, drafts never shown, region isolation, empty states."""

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from digitalagentur.core import testing as t
from digitalagentur.strategy.models import Strategy

from .conftest import SECRETS

OTHER_HOST = "kreis-b.example.org"


def text(response) -> str:
    return response.content.decode()


def public_urls(site) -> list[str]:
    return [
        reverse("public:home"),
        reverse("public:strategy"),
        reverse("public:field_detail", args=[site.verwaltung.slug]),
        reverse("public:field_detail", args=[site.mobilitaet.slug]),
        reverse("public:project_list"),
        reverse("public:project_list") + "?q=Rathaus",
        reverse("public:project_detail", args=[site.p1.slug]),
        reverse("public:project_detail", args=[site.local.slug]),
        reverse("public:municipality_list"),
        reverse("public:municipality_detail", args=[site.town.slug]),
        reverse("public:municipality_detail", args=[site.other_town.slug]),
        reverse("public:agency"),
    ]


@pytest.mark.django_db
class TestEveryPage:
    def test_every_page_answers_with_one_h1_and_german_lang(self, client, site):
        for url in public_urls(site):
            response = client.get(url)
            assert response.status_code == 200, url
            body = text(response)
            assert '<html lang="de">' in body, url
            assert body.count("<h1") == 1, url
            assert 'href="#main"' in body, url

    def test_drafts_and_internal_notes_never_appear(self, client, site):
        for url in public_urls(site):
            body = text(client.get(url))
            for secret in SECRETS:
                assert secret not in body, (url, secret)

    def test_search_does_not_find_drafts_or_internal_notes(self, client, site):
        url = reverse("public:project_list")
        for q in ("GEHEIMES", "INTERNE-NOTIZ-PROJEKT"):
            body = text(client.get(url, {"q": q}))
            assert "0 Projekte gefunden" in body
            # The search box repeats the query; the results must not hold any secret.
            results = body.split('id="results-title"', 1)[1]
            for secret in SECRETS:
                assert secret not in results

    def test_nav_marks_the_current_page(self, client, site):
        body = text(client.get(reverse("public:project_list")))
        assert f'href="{reverse("public:project_list")}" aria-current="page"' in body
        body = text(client.get(reverse("public:project_detail", args=[site.p1.slug])))
        assert f'href="{reverse("public:project_list")}" aria-current="true"' in body
        assert '<span aria-current="page">P1: Online ins Rathaus</span>' in body


@pytest.mark.django_db
class TestHome:
    def test_headline_figures_vision_fields_and_lighthouses(self, client, site):
        body = text(client.get(reverse("public:home")))
        # 2 towns; 2 published fields with a guiding principle (the draft field is not
        # counted); 3 published strategy projects (P1, P2, P4; not the draft, not the local).
        assert (
            "1 Kreis, 2 Städte und Gemeinden, 1 gemeinsame Vision, 2 Handlungsfelder, "
            "2 Leitbilder, 3 Prioritätengruppen, 3 Projekte"
        ) in body
        assert "Gemeinsam digital." in body
        assert "Priorität I" in body and "Priorität II" in body
        assert reverse("public:field_detail", args=["verwaltung"]) in body
        assert reverse("public:field_detail", args=["entwurf"]) not in body
        # P2 is the lighthouse project.
        assert reverse("public:project_detail", args=[site.p2.slug]) in body

    def test_singular_forms(self, client, region, town, strategy):
        field = t.make_field(strategy, "Bildung", slug="bildung")
        t.make_project(region, "Tablets", code="P1", field=field, is_strategy_project=True)
        body = text(client.get(reverse("public:home")))
        assert (
            "1 Kreis, 1 Stadt oder Gemeinde, 1 gemeinsame Vision, 1 Handlungsfeld, "
            "1 Leitbild, 3 Prioritätengruppen, 1 Projekt"
        ) in body

    def test_empty_state_without_strategy(self, client, region):
        response = client.get(reverse("public:home"))
        assert response.status_code == 200
        body = text(response)
        assert "noch keine Strategie veröffentlicht" in body
        assert "load_demo" in body

    def test_unpublished_strategy_is_not_shown(self, client, strategy):
        Strategy.objects.filter(pk=strategy.pk).update(published=False)
        body = text(client.get(reverse("public:home")))
        assert "noch keine Strategie veröffentlicht" in body
        assert strategy.title not in body

    def test_no_region_at_all(self, client, db):
        for name in ("public:home", "public:project_list", "public:municipality_list"):
            assert client.get(reverse(name)).status_code == 200
        assert client.get(reverse("public:agency")).status_code == 200


@pytest.mark.django_db
class TestFieldPage:
    def test_principle_goals_and_projects(self, client, site):
        body = text(client.get(reverse("public:field_detail", args=["verwaltung"])))
        assert "Handlungsfeld Verwaltung" in body
        assert "Die Verwaltung ist rund um die Uhr digital erreichbar." in body
        assert "Beispieltext (Demo)" not in body
        assert "Alle Leistungen online" in body
        assert "Online ins Rathaus" in body
        assert "Mobilitätsstationen" not in body

    def test_demo_text_is_marked(self, client, site):
        body = text(client.get(reverse("public:field_detail", args=["mobilitaet"])))
        assert "Beispieltext (Demo)" in body

    def test_draft_field_and_unknown_slug_are_404(self, client, site):
        assert client.get(reverse("public:field_detail", args=["entwurf"])).status_code == 404
        assert client.get(reverse("public:field_detail", args=["gibt-es-nicht"])).status_code == 404

    def test_other_regions_field_is_404(self, client, site, other_site):
        other_site.field.slug = "nur-in-b"
        other_site.field.save()
        response = client.get(reverse("public:field_detail", args=["nur-in-b"]))
        assert response.status_code == 404


@pytest.mark.django_db
class TestProjectPage:
    def test_profile(self, client, site):
        body = text(client.get(reverse("public:project_detail", args=[site.p1.slug])))
        for expected in (
            "P1",
            "Online ins Rathaus",
            "Verwaltung",
            "Bürgerinnen und Bürger erledigen Anträge von zu Hause.",
            "Zentraler Nutzen",
            "Weniger Wege zum Amt.",
            "Vermutete Herausforderungen",
            "Medienbrüche in den Fachverfahren.",
            "Kümmerer",
            "Kreis Coesfeld, Digitalisierung",
            "in Umsetzung",
            'value="40"',
            "40 %",
            "Portal ausgewählt",
            "erreicht am 01.03.2022",
            "geplant für 30.06.2023",
            "Sachstand September",
            "14.09.2023",
            reverse("public:municipality_detail", args=[site.town.slug]),
            reverse("public:municipality_detail", args=[site.other_town.slug]),
            "federführend",
        ):
            assert expected in body, expected
        assert 'aria-labelledby="progress-label"' in body
        # One name for one thing: the staff area says "Projekt-Updates", so does the site
        # ("Neuigkeiten" are the news posts, issue 13: only the menu names them here).
        main = body.split('<main id="main"', 1)[1]
        assert "Projekt-Updates" in main and "Neuigkeiten" not in main
        # 30.06.2023 has passed and the milestone is not reached; the one of 2022 is.
        flat = " ".join(body.split())
        assert "überfällig</span> geplant für 30.06.2023, noch nicht erreicht" in flat
        assert flat.count("überfällig</span>") == 1
        today = timezone.localdate()  # the project row was written today, after the update
        assert f'Zuletzt aktualisiert</dt> <dd><time datetime="{today:%Y-%m-%d}">' in flat

    def test_by_id(self, client, site):
        response = client.get(reverse("public:project_detail", args=[str(site.p1.pk)]))
        assert response.status_code == 200
        assert "Online ins Rathaus" in text(response)

    def test_field_of_a_draft_field_is_not_shown(self, client, site):
        body = text(client.get(reverse("public:project_detail", args=[site.in_draft_field.slug])))
        assert "ENTWURFSFELD-GEHEIM" not in body

    def test_draft_and_other_region_are_404(self, client, site, other_site):
        for key in (site.draft.slug, str(site.draft.pk), other_site.project.slug):
            response = client.get(reverse("public:project_detail", args=[key]))
            assert response.status_code == 404, key
        # The other region sees its own project, and not ours.
        response = client.get(
            reverse("public:project_detail", args=[other_site.project.slug]),
            HTTP_HOST=OTHER_HOST,
        )
        assert response.status_code == 200
        response = client.get(
            reverse("public:project_detail", args=[site.p1.slug]), HTTP_HOST=OTHER_HOST
        )
        assert response.status_code == 404

    def test_404_page_is_friendly(self, client, site):
        response = client.get(reverse("public:project_detail", args=["gibt-es-nicht"]))
        assert response.status_code == 404
        body = text(response)
        assert "Seite nicht gefunden" in body
        assert reverse("public:project_list") in body


@pytest.mark.django_db
class TestTowns:
    def test_list(self, client, site):
        body = text(client.get(reverse("public:municipality_list")))
        assert reverse("public:municipality_detail", args=["senden"]) in body
        assert reverse("public:municipality_detail", args=["havixbeck"]) in body
        # Senden: P1 and the local project (not the draft).
        assert "beteiligt an 2 Projekten" in body

    def test_town_page(self, client, site):
        body = text(client.get(reverse("public:municipality_detail", args=["senden"])))
        assert "Niklas Esser" in body
        assert "Online ins Rathaus" in body
        assert "Crossiety-Dorfplattform" in body
        assert "Lokale Projekte" in body
        assert "federführend" in body
        # Adoption with month precision.
        assert "Rat der Gemeinde Senden" in body
        assert "Oktober 2021" in body
        assert "01.10.2021" not in body
        assert "SV-2021-77" in body
        assert "Fassung 2021" in body

    def test_officer_found_by_office(self, client, site):
        body = text(client.get(reverse("public:municipality_detail", args=["havixbeck"])))
        assert "Frau Beispiel" in body
        assert "Niklas Esser" not in body
        assert "Ein Beschluss des Rates ist noch nicht erfasst." in body

    def test_other_region_town_is_404_and_not_listed(self, client, site, other_site):
        assert (
            client.get(reverse("public:municipality_detail", args=["stadt-b"])).status_code == 404
        )
        assert "Stadt aus Kreis B" not in text(client.get(reverse("public:municipality_list")))


@pytest.mark.django_db
class TestAgencyAndStrategy:
    def test_agency_page(self, client, site):
        body = text(client.get(reverse("public:agency")))
        assert "Strategie-Weiterentwicklung" in body and "Marken-Bildung" in body
        assert "Koordinierungskreis" in body
        assert "konstituiert am 26.04.2022" in body
        assert "Helena Mense Oliveira" in body and "Koordination" in body
        assert "Niklas Esser" in body
        assert '<th scope="col">Kürzel</th>' in body
        assert "BMK" in body and "Entscheider" in body
        assert "<caption>" in body
        assert "Juni 2019" in body and "Auftakt in Senden" in body
        assert '<time datetime="2019-06">' in body

    def test_strategy_page_with_adoption_matrix(self, client, site):
        body = text(client.get(reverse("public:strategy")))
        assert "Strategie A" in body
        assert "Mobil ohne eigenes Auto." in body
        assert "Beispieltext (Demo)" in body
        # Kreis row (Kreistag, day precision) and the Senden row (month precision).
        assert "Kreistag" in body and "01.07.2021" in body
        assert "Oktober 2021" in body
        assert "Gemeinde Havixbeck" in body or "Stadt Havixbeck" in body
        assert "noch nicht erfasst" in body

    def test_region_b_shows_only_its_own_content(self, client, site, other_site):
        for url in (
            reverse("public:home"),
            reverse("public:project_list"),
            reverse("public:municipality_list"),
            reverse("public:agency"),
            reverse("public:strategy"),
        ):
            body = text(client.get(url, HTTP_HOST=OTHER_HOST))
            assert "Online ins Rathaus" not in body, url
            assert "Niklas Esser" not in body, url
            assert "Senden" not in body, url
        body = text(client.get(reverse("public:project_list"), HTTP_HOST=OTHER_HOST))
        assert "Projekt aus Kreis B" in body
        body = text(client.get(reverse("public:project_list")))
        assert "Projekt aus Kreis B" not in body


def test_500_page_renders_without_request_or_database():
    html = render_to_string("500.html")
    assert '<html lang="de">' in html
    assert "Da ist etwas schiefgegangen" in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_demo_start_page_shows_the_strategy_figures(client):
    call_command("load_demo", verbosity=0)
    body = text(client.get(reverse("public:home")))
    assert (
        "1 Kreis, 11 Städte und Gemeinden, 1 gemeinsame Vision, 8 Handlungsfelder, "
        "8 Leitbilder, 3 Prioritätengruppen, 28 Projekte"
    ) in body
    assert "Priorität I" in body and "Verwaltung" in body


@pytest.mark.django_db
def test_english_browser_still_gets_german_marked_as_german(client, site):
    body = text(client.get(reverse("public:agency"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert '<html lang="de">' in body
    assert "Juni 2019" in body


@pytest.mark.django_db
def test_choosing_english_switches_the_interface_language(client, site):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("public:agency")}
    )
    assert response.status_code == 302
    body = text(client.get(reverse("public:agency")))
    assert '<html lang="en">' in body
    client.post(reverse("set_language"), {"language": "de", "next": "/"})
    assert '<html lang="de">' in text(client.get(reverse("public:agency")))


@pytest.mark.django_db
@pytest.mark.parametrize("odd", ["%C2%B2", "%00", "99999999999999999999999", "a%20b"])
def test_odd_project_keys_are_not_found(client, site, odd):
    assert client.get(f"/projekte/{odd}/").status_code == 404


def test_last_updated_is_the_later_of_the_last_change_and_the_last_update():
    import datetime
    from types import SimpleNamespace

    from digitalagentur.public.queries import last_updated

    changed = datetime.datetime(2024, 1, 10, 23, 30, tzinfo=datetime.UTC)  # 00:30 in Berlin
    project = SimpleNamespace(last_activity=changed)
    updates = [SimpleNamespace(date=datetime.date(2023, 5, 1))]
    assert last_updated(project, updates) == datetime.date(2024, 1, 11)
    updates.append(SimpleNamespace(date=datetime.date(2024, 3, 1)))
    assert last_updated(project, updates) == datetime.date(2024, 3, 1)
