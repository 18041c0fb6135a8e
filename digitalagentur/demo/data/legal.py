# ruff: noqa: E501 (long German prose lines: one line per paragraph or list item)
"""Demo texts of the legal and accessibility pages for the Kreis Coesfeld.

The seeds contain no legal texts: everything here is a plausible example, marked as demo text
on the public pages (is_demo_text), with example.org mail addresses and no real people. The
Datenschutzerklärung lists what this platform actually stores.
"""

from __future__ import annotations

import datetime
from collections import Counter

from digitalagentur.core.services import create_object
from digitalagentur.legal.models import (
    AccessibilityStatement,
    Compliance,
    ContactDetails,
    LegalText,
    TextKind,
)

CONTACT = {
    "organisation": "Kreis Coesfeld – Digitalagentur",
    "department": "Smart-Region-Koordination",
    "street": "Friedrich-Ebert-Straße 7",
    "postal_code": "48653",
    "city": "Coesfeld",
    "email": "digitalagentur@example.org",
    "phone": "02541 000000",
    "office_hours": "Montag bis Donnerstag 8:30–16:00 Uhr, Freitag 8:30–12:30 Uhr",
}

IMPRINT = """## Anbieter
Kreis Coesfeld
Körperschaft des öffentlichen Rechts
Friedrich-Ebert-Straße 7
48653 Coesfeld

Der Kreis Coesfeld wird gesetzlich vertreten durch die Landrätin oder den Landrat.

## Kontakt
E-Mail: digitalagentur@example.org
Telefon: 02541 000000
Kontaktformular: /kontakt/

## Aufsichtsbehörde
Bezirksregierung Münster, Domplatz 1–3, 48143 Münster

## Verantwortlich für den Inhalt
Digitalagentur des Kreises Coesfeld, Smart-Region-Koordination (Anschrift wie oben)

## Haftung für Links
Diese Website enthält Links zu Websites der Städte und Gemeinden und weiterer Stellen. Für deren Inhalte sind die jeweiligen Anbieter verantwortlich.

## Software
Die Plattform „Digitalagentur“ ist freie Software unter der Apache-Lizenz 2.0."""

PRIVACY = """## Verantwortliche Stelle
Kreis Coesfeld, Friedrich-Ebert-Straße 7, 48653 Coesfeld, E-Mail: digitalagentur@example.org.
Datenschutzbeauftragte oder Datenschutzbeauftragter des Kreises: datenschutz@example.org.

## Welche Daten diese Plattform speichert und warum
- Benutzerkonten der Mitarbeitenden (Benutzername, Name, E-Mail-Adresse, Passwort nur als sicherer Hash) und ihre Rollen in der Region: damit nur Berechtigte Inhalte bearbeiten.
- Das Änderungsprotokoll: wer wann welche Inhalte geändert hat, mit dem Namen der Person. Es macht die Fortschreibung der Strategie nachvollziehbar.
- Anmeldeversuche (django-axes): IP-Adresse, Benutzername und Zeitpunkt fehlgeschlagener Anmeldungen. Nach fünf Fehlversuchen wird die Kombination aus Benutzername und Adresse für 15 Minuten gesperrt, um das Erraten von Passwörtern zu verhindern.
- Ein Sitzungs-Cookie („sessionid“) nur nach der Anmeldung, ein Sicherheits-Cookie gegen gefälschte Formulare („csrftoken“) und, wenn Sie die Sprache wechseln, ein Sprach-Cookie („django_language“). Es gibt keine Analyse- oder Werbe-Cookies.
- Nachrichten aus dem Kontaktformular und dem Formular „Barriere melden“: Name, E-Mail-Adresse, Betreff, Text und gegebenenfalls die betroffene Seite, sowie ein nicht umkehrbarer Prüfwert Ihrer IP-Adresse zur Begrenzung von Spam. Wir nutzen sie nur, um Ihnen zu antworten.
- Server-Protokolle des Webservers (IP-Adresse, Zeitpunkt, aufgerufene Adresse, Browserkennung), um Störungen und Angriffe zu erkennen.

Die Plattform lädt keine Inhalte von fremden Servern (keine externen Schriften, Skripte oder Videos ohne Ihre Zustimmung).

## Rechtsgrundlagen
- Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 DSG NRW: Wahrnehmung der Aufgaben des Kreises (Informationsangebot, Bearbeitung Ihrer Anfragen, Betrieb und Sicherheit der Plattform).
- Art. 6 Abs. 1 Buchst. c DSGVO: gesetzliche Pflichten, etwa der Feedback-Mechanismus nach BITV 2.0.

## Speicherdauer
- Anmeldeversuche: bis zur erfolgreichen Anmeldung oder bis zum Ablauf der Sperre, danach werden sie regelmäßig gelöscht.
- Nachrichten aus den Formularen: bis zur abschließenden Bearbeitung, danach höchstens ein Jahr.
- Server-Protokolle: höchstens 14 Tage.
- Sitzungs-Cookie: bis zur Abmeldung oder zum Ablauf der Sitzung; Sprach-Cookie: ein Jahr.
- Benutzerkonten und Änderungsprotokoll: solange die Person Aufgaben in der Digitalagentur wahrnimmt; das Änderungsprotokoll als Teil der Dokumentation der Strategie.

## Empfänger
Nachrichten erhält die Digitalagentur des Kreises. Eine Übermittlung in Drittländer findet nicht statt. Der Betrieb erfolgt in einem Rechenzentrum in Deutschland (Beispielangabe).

## Ihre Rechte
Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18) und Widerspruch (Art. 21 DSGVO). Wenden Sie sich dazu an die oben genannte Stelle.

## Beschwerderecht
Sie können sich bei der Aufsichtsbehörde beschweren: Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen (LDI NRW), Kavalleriestraße 2–4, 40213 Düsseldorf, https://www.ldi.nrw.de"""

EASY_LANGUAGE = """## Was ist diese Internet-Seite?
Das ist die Internet-Seite von der Digital-Agentur.
Die Digital-Agentur gehört zum Kreis Coesfeld.
Und zu den 11 Städten und Gemeinden im Kreis.

## Was macht die Digital-Agentur?
Die Digital-Agentur hat einen Plan.
Der Plan heißt: Strategie.
In dem Plan steht:
- Was wir mit Computern und Internet besser machen wollen.
- Zum Beispiel: Anträge im Internet stellen.
- Oder: Bus und Bahn leichter finden.

## Was finden Sie auf dieser Seite?
- Die Strategie.
- Die Projekte. Ein Projekt ist eine Aufgabe mit einem Ziel.
- Die Städte und Gemeinden.
- Neuigkeiten.

## Haben Sie Fragen?
Schreiben Sie uns.
Auf der Seite Kontakt gibt es ein Formular: /kontakt/
Sie können auch eine E-Mail schreiben: digitalagentur@example.org

## Gibt es ein Problem mit der Seite?
Können Sie etwas nicht lesen oder nicht benutzen?
Dann sagen Sie es uns bitte.
Dafür gibt es ein Formular: /barrierefreiheit/barriere-melden/"""

SIGN_LANGUAGE = (
    "Hier zeigen wir ein Video in Deutscher Gebärdensprache (DGS). Es erklärt, was die "
    "Digitalagentur macht und was Sie auf dieser Website finden."
)

KNOWN_BARRIERS = """- Verlinkte Sitzungsunterlagen der Räte (PDF-Dateien auf den Websites der Städte und Gemeinden) sind teilweise nicht barrierefrei. Sie liegen nicht in unserer Verantwortung; auf Anfrage senden wir Ihnen die Inhalte in zugänglicher Form.
- Die technische Dokumentation der offenen Schnittstelle (/api/docs/) verwendet eine Fremdkomponente, die mit Screenreadern nur eingeschränkt bedienbar ist.
- Ein Video in Deutscher Gebärdensprache ist noch nicht verfügbar. Es wird derzeit erstellt.
- Die Texte in Leichter Sprache erklären nur den Aufbau der Website, nicht alle Inhalte."""

ACCESSIBILITY = {
    "compliance": Compliance.PARTIAL,
    "scope": (
        "Der Kreis Coesfeld ist bemüht, seine Website im Einklang mit den Bestimmungen des "
        "Behindertengleichstellungsgesetzes (BGG) sowie der Barrierefreie-"
        "Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen. Diese "
        "Erklärung gilt für die Website der Digitalagentur des Kreises Coesfeld."
    ),
    "known_barriers": KNOWN_BARRIERS,
    "prepared_on": datetime.date(2025, 1, 15),
    "reviewed_on": datetime.date(2025, 6, 30),
    "method": "Selbstbewertung mit automatischen Prüfungen (axe-core) und manuellen Tests",
    "feedback_contact": (
        "Digitalagentur des Kreises Coesfeld, Smart-Region-Koordination\n"
        "E-Mail: barrierefreiheit@example.org"
    ),
    "arbitration_body": (
        "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der "
        "Bundesregierung für die Belange von Menschen mit Behinderungen\n"
        "Mauerstraße 53\n10117 Berlin\n"
        "E-Mail: info@schlichtungsstelle-bgg.de"
    ),
    "arbitration_url": "https://www.schlichtungsstelle-bgg.de",
}

TEXTS = {
    TextKind.IMPRINT: {"body": IMPRINT},
    TextKind.PRIVACY: {"body": PRIVACY},
    TextKind.EASY_LANGUAGE: {"body": EASY_LANGUAGE},
    TextKind.SIGN_LANGUAGE: {"body": SIGN_LANGUAGE, "video_url": ""},
}


def load_legal_pages(region, *, reason: str, created: Counter) -> None:
    """Create each missing page of the region (per region and kind); never touch existing ones."""

    def ensure(label: str, model, lookup: dict, values: dict) -> None:
        if model.objects.filter(region=region, **lookup).exists():
            return
        create_object(model(region=region, is_demo_text=True, **lookup, **values), reason=reason)
        created[label] += 1

    for kind, values in TEXTS.items():
        ensure("Rechtstexte", LegalText, {"kind": kind}, values)
    ensure("Rechtstexte", AccessibilityStatement, {}, ACCESSIBILITY)
    ensure("Rechtstexte", ContactDetails, {}, CONTACT)
