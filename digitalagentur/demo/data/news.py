"""The demo's news posts (issue 13, section 3): three published posts whose facts all come
from the seeds (000: the status report of 18.08.2022; 001: the council paper on the strategy;
002: the presentation of the Digitalagentur) and one scheduled post that becomes public a week
after the demo is loaded.

The seeds give the month or the day of what happened, not when anyone reported it: the
publication dates of the posts are assumed for the demo (the day after, or the committee's
session). Fields of action and towns by slug.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

ADOPTION = {
    "slug": "digitalisierungsstrategie-verabschiedet",
    "title": "Gemeinsame Digitalisierungsstrategie verabschiedet",
    "teaser": (
        "Der Kreis Coesfeld und alle elf Städte und Gemeinden haben im Oktober 2021 die "
        "gemeinsame Digitalisierungsstrategie „Coesfeld 12.0 – Im Kreis gemeinsam digital“ "
        "verabschiedet."
    ),
    "body": (
        "Die Strategie besteht aus den Bausteinen **Leitbild, Ziele, Prioritäten und "
        "Projekte**. Die kommunale Familie im Kreis Coesfeld gehört damit zu den wenigen "
        "Regionen mit einer interkommunal abgestimmten Digitalisierungsstrategie.\n\n"
        "## Der Weg dorthin\n\n"
        "- Juni 2019: Auftaktkonferenz in Senden\n"
        "- August 2020: die prozessbegleitende Arbeitsgruppe verabschiedet das konsolidierte "
        "Ergebnis der Themenfeld-Workshops\n"
        "- Februar 2021: die Bürgermeisterkonferenz beschließt einvernehmlich, die Strategie "
        "in alle Stadt- und Gemeinderäte und den Kreistag einzubringen\n"
        "- Oktober 2021: Kreis und Kommunen haben die Strategie verabschiedet\n\n"
        "## Wie es weitergeht\n\n"
        "Schon im Strategiedokument verankert ist die Schaffung gemeinsamer "
        "Organisationsstrukturen. Kreis Coesfeld und wfc bauen seitdem die gemeinsame "
        "Digitalagentur auf, immer in enger Abstimmung mit den Städten und Gemeinden."
    ),
    "published": datetime.datetime(2021, 11, 2, 10, 0, tzinfo=BERLIN),
    "fields": [],
    "towns": [],
    "image_alt": (
        "Grafik: zwölf Punkte auf einem Kreis, für den Kreis Coesfeld und seine elf Städte "
        "und Gemeinden"
    ),
}

SMART_REGIONS = {
    "slug": "smarte-land-regionen-landraeume",
    "title": "Smarte.Land.Regionen: der digitale Dienst für mobiles Arbeiten ist im Test",
    "teaser": (
        "Im Modellvorhaben Smarte.Land.Regionen entwickelt der Kreis Coesfeld mit dem "
        "Fraunhofer IESE digitale Dienste für mobiles Arbeiten; ein erster Prototyp ist in der "
        "Testphase."
    ),
    "body": (
        "Der Kreis Coesfeld hat sich im Jahr 2020 erfolgreich am Förderaufruf "
        "Smarte.Land.Regionen des Bundesministeriums für Ernährung und Landwirtschaft (BMEL) "
        "beteiligt. Ziel ist es, gemeinsam mit dem Fraunhofer-Institut für experimentelle "
        "Softwareentwicklung (IESE) digitale Dienste zu entwickeln, die mobiles Arbeiten "
        "dauerhaft stärken und so Pendlerverkehre verringern. Werktäglich fahren rund 68.000 "
        "Berufstätige innerhalb des Kreisgebiets zur Arbeit, rund 55.000 verlassen es dafür.\n\n"
        "## Coworking und „Landräume“\n\n"
        "Ein Schwerpunkt sind Coworking Spaces als dritte Arbeitsorte neben dem Betrieb und dem "
        "Home-Office. Unter dem Arbeitstitel *Landräume* sollen zudem leerstehende oder "
        "untergenutzte Räume gebucht werden können, etwa für Kultur-, Bildungs- oder "
        "Sportveranstaltungen.\n\n"
        "## Pilotphase mit Arbeitgebenden\n\n"
        "In Kooperation mit der CoWorkLand Genossenschaft beginnt in der zweiten Jahreshälfte "
        "2022 eine Pilotphase. Zunächst nehmen die wfc Kreis Coesfeld, die Gemeinde Senden und "
        "zwei Unternehmen aus Münster teil."
    ),
    "published": datetime.datetime(2022, 9, 13, 9, 0, tzinfo=BERLIN),
    "fields": ["wirtschaft", "mobilitaet"],
    "towns": ["senden"],
}

CONFERENCE = {
    "slug": "erste-digitalisierungskonferenz",
    "title": "Erste Digitalisierungskonferenz im Kreis Coesfeld",
    "teaser": (
        "Am 15. November 2022 lernte die Fachöffentlichkeit die Digitalisierungsstrategie und "
        "die Idee der Digitalagentur kennen: mit einem Markt der Möglichkeiten und World Cafés."
    ),
    "body": (
        "Stakeholder aus Vereinen, Verbänden, Bildung und Politik erhielten einen Einblick in "
        "den bisherigen Prozess der Strategieentwicklung und die Idee hinter der "
        "Digitalagentur.\n\n"
        "- Ein **Markt der Möglichkeiten** bot eine Bühne für Projekte, die schon umgesetzt "
        "werden.\n"
        "- **World Cafés** zu Schwerpunktthemen wie New Work und Verwaltungsdigitalisierung "
        "fingen das Stimmungsbild der Teilnehmenden ein.\n\n"
        "> Jede und jeder im Kreisgebiet ist eingeladen, Ideen beizutragen und Teil der "
        "Digitalisierung im Kreis Coesfeld zu sein.\n\n"
        "Das war der wichtigste Appell des Tages."
    ),
    "published": datetime.datetime(2022, 11, 16, 10, 0, tzinfo=BERLIN),
    "fields": ["verwaltung", "wirtschaft"],
    "towns": [],
}

# Scheduled: public DAYS_AHEAD days after loading, at 9:00 (demo data; the text is the
# conference's appeal from seed 002).
INVITATION = {
    "slug": "ideen-fuer-die-digitalisierung-gesucht",
    "title": "Ideen für die Digitalisierung im Kreis gesucht",
    "teaser": (
        "Die Digitalisierungsstrategie ist ein lebendes Dokument: Bringen Sie Ihre Ideen ein, "
        "mit Neugierde und Experimentierfreude."
    ),
    "body": (
        "Die Strategie wird Schritt für Schritt umgesetzt und immer wieder um neue Projekte "
        "ergänzt. Jede und jeder im Kreisgebiet ist eingeladen, Ideen beizutragen und sich "
        "aktiv einzubringen."
    ),
    "days_ahead": 7,
    "fields": [],
    "towns": [],
}

PUBLISHED = (ADOPTION, SMART_REGIONS, CONFERENCE)
