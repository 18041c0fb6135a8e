"""Competitions on the public website (issue 12, section 2): the list, a call's page, handing
in an entry (with the call's extra fields, honeypot and signed timestamp) and the winners page.
"""

from __future__ import annotations

import time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from digitalagentur.legal import spam
from digitalagentur.participation import competitions as services
from digitalagentur.participation.choices import CompetitionPhase
from digitalagentur.participation.models import Submission
from digitalagentur.testing.participation import (
    make_competition,
    make_juror,
    make_participant,
    make_submission,
    move_to_phase,
)

OTHER_HOST = "kreis-b.example.org"
EXTRA_FIELDS = [
    {"key": "team", "label": "Team", "required": True, "max_length": 40},
    {"key": "website", "label": "Website", "required": False, "max_length": 200},
]


def body(response) -> str:
    return response.content.decode()


def token(age: float = 10) -> str:
    """A form timestamp issued `age` seconds ago (older than the minimum a person needs)."""
    return spam.issue_token(now=time.time() - age)


@pytest.fixture
def call(region):
    return make_competition(
        region,
        slug="zukunftswandler",
        title="ZukunftsWandler 2023",
        description="Ideen für das digitale Leben im Kreis.",
        eligibility="Alle Vereine und Initiativen aus dem Kreis.",
        extra_fields=EXTRA_FIELDS,
    )


@pytest.fixture
def citizen(db):
    return make_participant("bianca", first_name="Bianca B.")


def entry(competition, user=None, **values):
    """An entry with the call's required extra field."""
    values.setdefault("extra", {"team": "Heimatverein"})
    return make_submission(competition, user, **values)


def publish(competition, submissions):
    """Two jurors score every submission (the first highest), then the result is published."""
    criteria = list(competition.criteria.all())
    for juror in (make_juror(competition), make_juror(competition)):
        for place, submission in enumerate(submissions):
            for criterion in criteria:
                services.score(juror, submission, criterion, 10 - place)
    move_to_phase(competition, CompetitionPhase.JURY)
    return services.publish_result(competition, user=None)


class TestList:
    def test_published_competitions_of_the_region_with_phase_and_count(
        self, client, region, other_region, call
    ):
        entry(call)
        entry(call)
        withdrawn = entry(call)
        services.withdraw_entry(withdrawn, user=None)
        make_competition(region, title="Entwurf eines Wettbewerbs", published=False)
        make_competition(region, title="Jurywettbewerb", phase=CompetitionPhase.JURY)
        make_competition(other_region, title="Wettbewerb aus Kreis B")
        response = client.get(reverse("public:competitions"))
        assert response.status_code == 200
        html = body(response)
        assert "ZukunftsWandler 2023" in html and "Jurywettbewerb" in html
        assert "Entwurf eines Wettbewerbs" not in html
        assert "Wettbewerb aus Kreis B" not in html
        row = html.split("ZukunftsWandler 2023", 1)[1].split("</tr>", 1)[0]
        assert "Einreichung läuft" in row
        assert '<td data-label="Beiträge">2</td>' in row  # the withdrawn one does not count
        jury_row = html.split("Jurywettbewerb", 1)[1].split("</tr>", 1)[0]
        assert "Jury-Phase" in jury_row

    def test_empty(self, client, region):
        html = body(client.get(reverse("public:competitions")))
        assert "Zurzeit ist kein Wettbewerb ausgeschrieben." in html


class TestCallPage:
    def test_the_call(self, client, call):
        entry(call, title="GEHEIMER-TITEL")
        response = client.get(reverse("public:competition", args=["zukunftswandler"]))
        assert response.status_code == 200
        html = body(response)
        assert "<h1>ZukunftsWandler 2023" in html
        assert "Ideen für das digitale Leben im Kreis." in html
        assert "Alle Vereine und Initiativen aus dem Kreis." in html
        assert "Einreichung läuft" in html
        start = call.submission_start.astimezone(ZoneInfo("Europe/Berlin")).strftime("%d.%m.%Y")
        assert f"vom {start}," in html
        # Criteria with their weights (2 and 1) and shares.
        assert '<th scope="row">Idee</th>' in html and "Umsetzbarkeit" in html
        idea_row = html.split('<th scope="row">Idee</th>', 1)[1].split("</tr>", 1)[0]
        assert '<td data-label="Gewicht">2</td>' in idea_row
        assert '<td data-label="Anteil">67 %</td>' in idea_row
        assert "1. Preis" in html and "2. Preis" in html
        # The count, never a title before the result.
        assert "1 Beitrag eingereicht" in html
        assert "GEHEIMER-TITEL" not in html
        assert f'href="{reverse("public:competition_submit", args=["zukunftswandler"])}"' in html
        assert reverse("public:competition_jury", args=["zukunftswandler"]) not in html

    def test_no_submit_button_outside_the_submission_phase(self, client, call):
        move_to_phase(call, CompetitionPhase.JURY)
        html = body(client.get(reverse("public:competition", args=["zukunftswandler"])))
        assert "Jury-Phase" in html
        assert reverse("public:competition_submit", args=["zukunftswandler"]) not in html

    def test_jurors_find_their_pages(self, client, call):
        juror = make_juror(call)
        client.force_login(juror.user)
        html = body(client.get(reverse("public:competition", args=["zukunftswandler"])))
        assert f'href="{reverse("public:competition_jury", args=["zukunftswandler"])}"' in html

    def test_unpublished_and_other_regions_are_404(self, client, region, other_region, call):
        make_competition(region, slug="entwurf", published=False)
        make_competition(other_region, slug="fremd")
        for slug in ("entwurf", "fremd", "gibt-es-nicht"):
            for name in ("competition", "competition_submit", "competition_winners"):
                assert client.get(reverse(f"public:{name}", args=[slug])).status_code == 404
        # On its own region's host the other competition is there.
        response = client.get(reverse("public:competition", args=["fremd"]), HTTP_HOST=OTHER_HOST)
        assert response.status_code == 200

    def test_titles_and_names_after_the_result_html_escaped(self, client, call):
        first = entry(
            call,
            make_participant(first_name="<b>Fettname</b>"),
            title="<script>alert('x')</script> Dorf-App",
        )
        second = entry(call, make_participant(first_name="Karl K."), title="Leihrad")
        Submission.objects.filter(pk=second.pk).update(text="<img src=x onerror=alert(1)>")
        second.refresh_from_db()
        publish(call, [first, second])
        html = body(client.get(reverse("public:competition", args=["zukunftswandler"])))
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Dorf-App" in html
        assert "<script>alert" not in html
        assert "&lt;b&gt;Fettname&lt;/b&gt;" in html and "<b>Fettname" not in html
        assert "Leihrad" in html and "von Karl K." in html
        assert f'href="{reverse("public:competition_winners", args=["zukunftswandler"])}"' in html

        winners = body(client.get(reverse("public:competition_winners", args=["zukunftswandler"])))
        assert "&lt;img src=x onerror=alert(1)&gt;" in winners and "<img src=x" not in winners
        assert "<script>alert" not in winners


class TestWinners:
    def test_before_the_result_a_page_says_it_follows(self, client, call):
        entry(call, title="Noch-Geheim")
        response = client.get(reverse("public:competition_winners", args=["zukunftswandler"]))
        assert response.status_code == 200
        html = body(response)
        assert "Das Ergebnis folgt" in html
        assert "Noch-Geheim" not in html

    def test_prizes_with_their_winners_in_order(self, client, call, town):
        gold = entry(call, title="Dorf-Funk", municipality=town)
        silver = entry(call, title="Leihrad")
        bronze = entry(call, title="Ohne-Preis")
        publish(call, [gold, silver, bronze])
        response = client.get(reverse("public:competition_winners", args=["zukunftswandler"]))
        assert response.status_code == 200
        html = body(response)
        assert "1. Preis: Dorf-Funk" in html and "2. Preis: Leihrad" in html
        assert html.index("1. Preis: Dorf-Funk") < html.index("2. Preis: Leihrad")
        assert "Ohne-Preis" not in html  # two prizes: the third entry wins nothing
        assert "Senden" in html.split("1. Preis: Dorf-Funk", 1)[1].split("</li>", 1)[0]
        assert "Das Ergebnis folgt" not in html


def submit_url(slug="zukunftswandler"):
    return reverse("public:competition_submit", args=[slug])


def entry_data(**values):
    data = {
        "title": "Digitaler Dorfladen",
        "text": "Ein Laden, der rund um die Uhr öffnet.",
        "municipality": "",
        "extra_team": "Heimatverein",
        "extra_website": "",
        "homepage": "",
        "timestamp": token(),
    }
    data.update({k: v() if callable(v) else v for k, v in values.items()})
    return data


class TestSubmit:
    def test_visitors_are_sent_to_the_login_and_back(self, client, call):
        response = client.get(submit_url())
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={submit_url()}"

    def test_the_form_has_the_calls_extra_fields(self, client, call, citizen):
        client.force_login(citizen)
        response = client.get(submit_url())
        assert response.status_code == 200
        html = body(response)
        assert 'name="extra_team"' in html and 'maxlength="40"' in html
        assert '>Team <span aria-hidden="true">*</span>' in html
        assert "Website (optional)" in html
        assert 'name="homepage"' in html and "<div hidden>" in html
        assert 'name="timestamp"' in html
        assert "„Bianca B.“" in html  # the name the jury and later the public will see

    def test_an_entry_is_saved_with_its_extra_fields(self, client, call, citizen, town):
        client.force_login(citizen)
        response = client.post(
            submit_url(),
            entry_data(municipality=town.pk, extra_website="https://dorfladen.example.org"),
        )
        assert response.status_code == 303
        assert response["Location"] == reverse("public:competition", args=["zukunftswandler"])
        entry = Submission.objects.get(competition=call)
        assert entry.title == "Digitaler Dorfladen"
        assert entry.author == citizen and entry.submitter_name == "Bianca B."
        assert entry.municipality == town
        assert entry.extra == {"team": "Heimatverein", "website": "https://dorfladen.example.org"}
        page = body(client.get(response["Location"]))
        assert "Ihr Beitrag „Digitaler Dorfladen“ ist eingegangen." in page
        assert "1 Beitrag eingereicht" in page

    @pytest.mark.parametrize(
        "values, message",
        [
            ({"title": ""}, "Bitte geben Sie einen Titel ein."),
            ({"title": "   "}, "Bitte geben Sie einen Titel ein."),
            ({"title": "x" * 151}, "Der Titel ist zu lang"),
            ({"text": ""}, "Bitte beschreiben Sie Ihren Beitrag."),
            ({"extra_team": ""}, "Bitte füllen Sie „Team“ aus."),
            ({"extra_team": "x" * 41}, "„Team“ ist zu lang (höchstens 40 Zeichen)."),
            ({"municipality": "999999"}, "Bitte wählen Sie eine Kommune der Liste."),
            ({"homepage": "https://spam.example"}, "Ihre Eingabe konnte nicht gesendet werden"),
            ({"timestamp": lambda: token(age=0)}, "zu schnell abgeschickt"),
            ({"timestamp": "gefälscht"}, "Das Formular ist ungültig."),
        ],
    )
    def test_bad_input_is_answered_in_german_and_nothing_saved(
        self, client, call, citizen, values, message
    ):
        client.force_login(citizen)
        response = client.post(submit_url(), entry_data(**values))
        assert response.status_code == 400
        html = body(response)
        assert message in html
        assert 'id="fehler"' in html and "Ihr Beitrag wurde noch nicht eingereicht." in html
        assert not Submission.objects.exists()

    def test_a_town_of_another_region_is_refused(self, client, call, citizen, other_region):
        from digitalagentur.core import testing as t

        foreign = t.make_municipality(other_region, "Fremdstadt", slug="fremd")
        client.force_login(citizen)
        response = client.post(submit_url(), entry_data(municipality=foreign.pk))
        assert response.status_code == 400
        assert "Bitte wählen Sie eine Kommune der Liste." in body(response)
        assert not Submission.objects.exists()

    def test_the_same_title_twice_is_refused(self, client, call, citizen):
        client.force_login(citizen)
        assert client.post(submit_url(), entry_data()).status_code == 303
        response = client.post(submit_url(), entry_data(title="digitaler  Dorfladen"))
        assert response.status_code == 400
        assert "Einen Beitrag mit diesem Titel haben Sie schon eingereicht." in body(response)
        assert Submission.objects.count() == 1

    def test_only_during_the_submission_phase(self, client, region, citizen):
        for phase in (CompetitionPhase.UPCOMING, CompetitionPhase.JURY):
            competition = make_competition(region, phase=phase, extra_fields=EXTRA_FIELDS)
            client.force_login(citizen)
            response = client.get(submit_url(competition.slug))
            assert response.status_code == 200
            html = body(response)
            assert "Für diesen Wettbewerb kann gerade nichts eingereicht werden." in html
            assert 'name="title"' not in html
            response = client.post(submit_url(competition.slug), entry_data())
            assert response.status_code == 409
            assert "kann gerade nichts eingereicht werden" in body(response)
        assert not Submission.objects.exists()

    def test_the_honeypot_field_is_hidden_from_people(self, client, call, citizen):
        client.force_login(citizen)
        html = body(client.get(submit_url()))
        hidden = html.split("<div hidden>", 1)[1].split("</div>", 1)[0]
        assert 'name="homepage"' in hidden and 'tabindex="-1"' in hidden
