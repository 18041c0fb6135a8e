"""Legal and accessibility pages, the footer links and the contact and barrier forms."""

from __future__ import annotations

import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse

from digitalagentur.legal import spam
from digitalagentur.legal.models import (
    AccessibilityStatement,
    Compliance,
    ContactDetails,
    LegalText,
    Message,
    MessageKind,
    TextKind,
)

OTHER_HOST = "kreis-b.example.org"

LEGAL_PAGES = {
    "public:imprint": "Impressum",
    "public:privacy": "Datenschutzerklärung",
    "public:accessibility": "Erklärung zur Barrierefreiheit",
    "public:contact": "Kontakt",
    "public:easy_language": "Leichte Sprache",
    "public:sign_language": "Gebärdensprache (DGS)",
    "public:barrier_report": "Barriere melden",
}
FOOTER_LINKS = [
    "public:imprint",
    "public:privacy",
    "public:accessibility",
    "public:barrier_report",
    "public:contact",
    "public:easy_language",
    "public:sign_language",
]


def text(response) -> str:
    return response.content.decode()


def assert_footer_links(html: str, url: str = ""):
    footer = html[html.index('<footer class="site-footer">') :]
    for name in FOOTER_LINKS:
        assert f'href="{reverse(name)}' in footer, f"{name} missing in the footer of {url}"


def fill_region(region):
    LegalText.objects.create(
        region=region, kind=TextKind.IMPRINT, body="## Anbieter\nKreis A\nMusterstraße 1"
    )
    LegalText.objects.create(
        region=region, kind=TextKind.PRIVACY, body="Wir speichern <script>x</script> wenig."
    )
    LegalText.objects.create(
        region=region, kind=TextKind.EASY_LANGUAGE, body="Das ist die Seite vom Kreis A."
    )
    LegalText.objects.create(
        region=region,
        kind=TextKind.SIGN_LANGUAGE,
        body="Hier sehen Sie ein Video.",
        video_url="/media/dgs.mp4",
    )
    AccessibilityStatement.objects.create(
        region=region,
        compliance=Compliance.PARTIAL,
        known_barriers="- PDF-Dokumente sind nicht barrierefrei.",
        arbitration_body="Schlichtungsstelle nach dem BGG\nMauerstraße 53\n10117 Berlin",
        arbitration_url="https://www.schlichtungsstelle-bgg.de",
        is_demo_text=True,
    )
    ContactDetails.objects.create(
        region=region,
        organisation="Kreis A – Digitalagentur",
        street="Musterstraße 1",
        postal_code="12345",
        city="Musterstadt",
        email="kontakt@kreis-a.example.org",
        phone="01234 5678",
    )


def form_data(age: float = 10, **overrides) -> dict:
    data = {
        "name": "Erika Mustermann",
        "email": "erika@example.org",
        "subject": "Frage zur Strategie",
        "text": "Wann erscheint die nächste Fassung?",
        "homepage": "",
        "timestamp": spam.issue_token(now=time.time() - age),
    }
    data.update(overrides)
    return data


# ---- pages ---------------------------------------------------------------------------------


@pytest.mark.django_db
class TestPages:
    def test_every_legal_page_renders_for_a_region_with_content(self, client, region):
        fill_region(region)
        for name, heading in LEGAL_PAGES.items():
            response = client.get(reverse(name))
            assert response.status_code == 200, name
            html = text(response)
            assert html.count("<h1") == 1, name
            assert heading in html
            assert "noch-nicht-verfuegbar" not in html, name
            assert_footer_links(html, name)

    def test_every_legal_page_shows_a_notice_for_a_region_without_content(self, client, region):
        for name in LEGAL_PAGES:
            if name == "public:barrier_report":
                continue
            response = client.get(reverse(name))
            assert response.status_code == 200, name
            assert "noch nicht verfügbar" in text(response), name

    def test_content_is_escaped_and_structured(self, client, region):
        fill_region(region)
        html = text(client.get(reverse("public:privacy")))
        assert "<script>x</script>" not in html
        assert "&lt;script&gt;x&lt;/script&gt;" in html
        html = text(client.get(reverse("public:imprint")))
        assert "<h2>Anbieter</h2>" in html
        assert "Kreis A<br>Musterstraße 1" in html

    def test_accessibility_statement_parts(self, client, region):
        fill_region(region)
        html = text(client.get(reverse("public:accessibility")))
        assert "teilweise vereinbar" in html
        assert "<li>PDF-Dokumente sind nicht barrierefrei.</li>" in html
        assert "§ 16 BGG" in html and "Mauerstraße 53" in html
        assert 'href="https://www.schlichtungsstelle-bgg.de"' in html
        assert f'href="{reverse("public:barrier_report")}"' in html
        assert "kontakt@kreis-a.example.org" in html
        assert "Beispieltext (Demo)" in html

    def test_sign_language_video_same_site_embedded_external_only_linked(self, client, region):
        fill_region(region)
        html = text(client.get(reverse("public:sign_language")))
        assert '<video controls preload="none" src="/media/dgs.mp4"' in html
        sign_language = LegalText.objects.get(region=region, kind=TextKind.SIGN_LANGUAGE)
        sign_language.video_url = "https://video.example.org/dgs.mp4"
        sign_language.save()
        html = text(client.get(reverse("public:sign_language")))
        assert "<video" not in html and "<iframe" not in html
        assert 'href="https://video.example.org/dgs.mp4"' in html

    def test_each_region_sees_its_own_pages(self, client, region, other_region):
        fill_region(region)
        LegalText.objects.create(region=other_region, kind=TextKind.IMPRINT, body="Impressum B")
        html = text(client.get(reverse("public:imprint"), HTTP_HOST=OTHER_HOST))
        assert "Impressum B" in html and "Musterstraße" not in html
        html = text(client.get(reverse("public:contact"), HTTP_HOST=OTHER_HOST))
        assert "kontakt@kreis-a.example.org" not in html


@pytest.mark.django_db
def test_footer_links_on_every_public_page_type(client, site):
    urls = [
        reverse("public:home"),
        reverse("public:strategy"),
        reverse("public:field_detail", args=[site.verwaltung.slug]),
        reverse("public:project_list"),
        reverse("public:project_detail", args=[site.p1.slug]),
        reverse("public:municipality_list"),
        reverse("public:municipality_detail", args=[site.town.slug]),
        reverse("public:agency"),
        reverse("login"),
        "/gibt-es-nicht/",
        *[reverse(name) for name in LEGAL_PAGES],
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_footer_links(text(response), url)


@pytest.mark.django_db
def test_footer_links_on_staff_pages(client, users):
    client.force_login(users["reader"])
    for url in [reverse("staff:dashboard"), reverse("staff:project_list")]:
        response = client.get(url)
        assert response.status_code == 200
        assert_footer_links(text(response), url)


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_footer_links_on_the_error_pages(template):
    """Rendered without request (and database): fixed paths, which must still be the right
    ones."""
    assert_footer_links(render_to_string(template), template)


# ---- forms ---------------------------------------------------------------------------------


@pytest.mark.django_db
class TestContactForm:
    def post(self, client, capture, url_name="public:contact", **data):
        with capture(execute=True):
            return client.post(reverse(url_name), form_data(**data))

    def test_form_is_accessible(self, client, region):
        html = text(client.get(reverse("public:contact")))
        assert 'autocomplete="name"' in html and 'autocomplete="email"' in html
        assert 'aria-describedby="id_email_helptext"' in html
        assert 'name="csrfmiddlewaretoken"' in html
        assert '<div hidden><label for="id_homepage">' in html

    def test_valid_message_is_stored_and_mailed_twice(
        self, client, region, django_capture_on_commit_callbacks
    ):
        fill_region(region)
        response = self.post(client, django_capture_on_commit_callbacks)
        assert response.status_code == 302
        message = Message.objects.get()
        assert (message.region, message.kind, message.status) == (region, "contact", "new")
        assert message.name == "Erika Mustermann" and message.email == "erika@example.org"
        assert len(mail.outbox) == 2
        to_region, to_sender = mail.outbox
        assert to_region.to == ["kontakt@kreis-a.example.org"]
        assert to_region.reply_to == ["erika@example.org"]
        assert "Wann erscheint die nächste Fassung?" in to_region.body
        assert to_sender.to == ["erika@example.org"]
        assert "eingegangen" in to_sender.subject
        page = client.get(response.url)
        assert "Vielen Dank, Ihre Nachricht ist eingegangen" in text(page)

    def test_without_contact_address_the_coordination_gets_the_mail(
        self, client, region, users, django_capture_on_commit_callbacks
    ):
        users["coordinator"].email = "koordination@example.org"
        users["coordinator"].save()
        users["officer"].email = "officer@example.org"
        users["officer"].save()
        self.post(client, django_capture_on_commit_callbacks)
        assert mail.outbox[0].to == ["koordination@example.org"]

    def test_barrier_report_is_stored_with_the_page(
        self, client, region, django_capture_on_commit_callbacks
    ):
        fill_region(region)
        # The footer's link carries the page it was followed from.
        footer = text(client.get(reverse("public:project_list")))
        link = f'href="{reverse("public:barrier_report")}?seite=/projekte/"'
        assert link in footer
        form = text(client.get(reverse("public:barrier_report") + "?seite=/projekte/"))
        assert 'value="/projekte/"' in form
        external = text(client.get(reverse("public:barrier_report") + "?seite=//evil.example"))
        assert "evil.example" not in external
        response = self.post(
            client,
            django_capture_on_commit_callbacks,
            url_name="public:barrier_report",
            page_url="/projekte/",
            subject="Tabelle nicht lesbar",
        )
        assert response.status_code == 302
        message = Message.objects.get()
        assert message.kind == MessageKind.BARRIER and message.page_url == "/projekte/"
        assert len(mail.outbox) == 2
        assert "/projekte/" in mail.outbox[0].body

    def test_delivery_through_a_real_smtp_server(
        self, client, region, smtp_server, django_capture_on_commit_callbacks
    ):
        fill_region(region)
        self.post(client, django_capture_on_commit_callbacks)
        recipients = sorted(m["X-Envelope-To"] for m in smtp_server)
        assert recipients == ["erika@example.org", "kontakt@kreis-a.example.org"]
        assert all("Frage zur Strategie" in m.get_content() for m in smtp_server)

    @pytest.mark.parametrize(
        ("overrides", "field", "error"),
        [
            ({"name": ""}, "name", "Bitte geben Sie Ihren Namen an."),
            ({"email": ""}, "email", "Bitte geben Sie Ihre E-Mail-Adresse an."),
            ({"email": "keine-adresse"}, "email", "Bitte geben Sie eine gültige E-Mail-Adresse"),
            ({"subject": "  "}, "subject", "Bitte geben Sie einen Betreff an."),
            ({"text": ""}, "text", "Bitte schreiben Sie Ihre Nachricht."),
            ({"text": "x" * 5001}, "text", "Der Text ist zu lang: höchstens 5000 Zeichen"),
            ({"subject": "x" * 201}, "subject", "höchstens 200 Zeichen"),
        ],
    )
    def test_bad_input_gives_german_errors_and_changes_nothing(
        self, client, region, django_capture_on_commit_callbacks, overrides, field, error
    ):
        response = self.post(client, django_capture_on_commit_callbacks, **overrides)
        assert response.status_code == 200
        html = text(response)
        assert "Ihre Nachricht wurde noch nicht gesendet." in html
        assert error in html
        assert f'href="#id_{field}"' in html  # the error summary links to the field
        assert f'aria-describedby="id_{field}_error' in html or f"id_{field}_error" in html
        assert 'aria-invalid="true"' in html
        assert Message.objects.count() == 0
        assert mail.outbox == []


@pytest.mark.django_db
class TestSpam:
    def post(self, client, capture, url_name="public:contact", **data):
        with capture(execute=True):
            return client.post(reverse(url_name), form_data(**data))

    def assert_rejected(self, response, message: str):
        assert response.status_code == 200
        assert message in text(response)
        assert Message.objects.count() == 0
        assert mail.outbox == []

    def test_honeypot(self, client, region, django_capture_on_commit_callbacks):
        response = self.post(
            client, django_capture_on_commit_callbacks, homepage="https://spam.example"
        )
        self.assert_rejected(response, "Ihre Nachricht konnte nicht gesendet werden.")

    def test_too_fast(self, client, region, django_capture_on_commit_callbacks):
        response = self.post(client, django_capture_on_commit_callbacks, age=0)
        self.assert_rejected(response, "zu schnell abgeschickt")

    def test_expired(self, client, region, django_capture_on_commit_callbacks):
        response = self.post(client, django_capture_on_commit_callbacks, age=3 * 60 * 60)
        self.assert_rejected(response, "Das Formular ist abgelaufen.")
        # The form is shown again with the input kept and a fresh timestamp.
        html = text(response)
        assert 'value="Erika Mustermann"' in html

    @pytest.mark.parametrize("token", ["", "123", "kaputt:abc", "MTIz:1abcd:falsch"])
    def test_missing_or_tampered_timestamp(
        self, client, region, django_capture_on_commit_callbacks, token
    ):
        response = self.post(client, django_capture_on_commit_callbacks, timestamp=token)
        self.assert_rejected(response, "Das Formular ist ungültig.")

    def test_timestamp_signed_for_something_else_is_refused(
        self, client, region, django_capture_on_commit_callbacks
    ):
        from django.core import signing

        forged = signing.dumps(int(time.time()) - 60, salt="other")
        response = self.post(client, django_capture_on_commit_callbacks, timestamp=forged)
        self.assert_rejected(response, "Das Formular ist ungültig.")

    def test_rate_limit_per_address(
        self, client, region, settings, django_capture_on_commit_callbacks
    ):
        settings.DIGITALAGENTUR_FORM_LIMIT_PER_ADDRESS = 2
        for n in range(2):
            response = self.post(
                client, django_capture_on_commit_callbacks, email=f"person{n}@example.org"
            )
            assert response.status_code == 302
        mail.outbox.clear()
        response = self.post(
            client,
            django_capture_on_commit_callbacks,
            url_name="public:barrier_report",
            email="dritte@example.org",
        )
        assert response.status_code == 200
        assert "schon mehrere Nachrichten" in text(response)
        assert Message.objects.count() == 2 and mail.outbox == []
        # Another client address may still write.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("public:contact"),
                form_data(email="dritte@example.org"),
                REMOTE_ADDR="192.0.2.99",
            )
        assert response.status_code == 302

    def test_rate_limit_per_email_address(
        self, client, region, settings, django_capture_on_commit_callbacks
    ):
        settings.DIGITALAGENTUR_FORM_LIMIT_PER_EMAIL = 1
        assert self.post(client, django_capture_on_commit_callbacks).status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("public:contact"),
                form_data(email="ERIKA@example.org"),
                REMOTE_ADDR="192.0.2.50",
            )
        assert "schon mehrere Nachrichten" in text(response)
        assert Message.objects.count() == 1

    def test_the_client_address_is_stored_only_as_a_hash(
        self, client, region, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("public:contact"), form_data(), REMOTE_ADDR="192.0.2.7")
        key = Message.objects.get().sender_key
        assert "192.0.2.7" not in key and key == spam.sender_key("192.0.2.7")


@pytest.mark.django_db
def test_demo_loads_legal_pages_once_and_keeps_staff_edits(client):
    call_command("load_demo", verbosity=0)
    html = text(client.get(reverse("public:privacy")))
    assert "Beispieltext (Demo)" in html
    assert "django-axes" in html or "Anmeldeversuche" in html
    for name in LEGAL_PAGES:
        html = text(client.get(reverse(name)))
        if name == "public:sign_language":
            # The demo has no video yet: the page says so.
            assert "Video in Deutscher Gebärdensprache ist noch nicht verfügbar" in html
        else:
            assert "noch-nicht-verfuegbar" not in html, name
    assert "example.org" in ContactDetails.objects.get().email
    LegalText.objects.filter(kind=TextKind.IMPRINT).update(body="Geändert von der Koordination")
    count = LegalText.objects.count()
    call_command("load_demo", verbosity=0)
    assert LegalText.objects.count() == count == 4
    assert AccessibilityStatement.objects.count() == ContactDetails.objects.count() == 1
    assert LegalText.objects.get(kind=TextKind.IMPRINT).body == "Geändert von der Koordination"
