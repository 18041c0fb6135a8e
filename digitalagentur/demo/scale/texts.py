"""German word pools and text builders for the scale data (pure functions of a random.Random).

The texts are plausible, not real: enough variety in titles, summaries and updates that
full-text search, filters and lists behave as they would with a national installation.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """A field of action a region may have, with the topics its projects are about."""

    slug: str
    name: str
    #: What the field is about, as an accusative phrase ("stärken … {focus}").
    focus: str
    topics: tuple[str, ...]


THEMES = (
    Theme(
        "verwaltung",
        "Digitale Verwaltung",
        "eine bürgernahe, digitale Verwaltung",
        (
            "Online-Antrag",
            "E-Akte",
            "Bürgerportal",
            "Terminbuchung",
            "Rechnungseingang",
            "Ratsinformationssystem",
            "Serviceportal",
        ),
    ),
    Theme(
        "bildung",
        "Bildung und Schule",
        "gute Bildung an jeder Schule",
        ("Schul-WLAN", "Tablet-Klasse", "Lernplattform", "Medienkompetenz", "Makerspace"),
    ),
    Theme(
        "wirtschaft",
        "Wirtschaft und Arbeit",
        "eine starke regionale Wirtschaft",
        ("Coworking-Space", "Gründerzentrum", "Fachkräfteportal", "Digitallotse", "Netzwerk"),
    ),
    Theme(
        "mobilitaet",
        "Mobilität",
        "die Mobilität im ländlichen Raum",
        (
            "Bürgerbus",
            "Mitfahrbank",
            "Mobilstation",
            "Radverkehrsnetz",
            "ÖPNV-App",
            "Carsharing",
            "On-Demand-Verkehr",
        ),
    ),
    Theme(
        "breitband",
        "Breitband und Infrastruktur",
        "den Breitbandausbau bis in die Dörfer",
        ("Glasfaserausbau", "Mobilfunk", "Freies WLAN", "LoRaWAN-Funknetz", "Sensornetz"),
    ),
    Theme(
        "doerfer",
        "Dörfer und ländlicher Raum",
        "lebendige Dörfer",
        ("Dorf-App", "Dorfladen", "Dorfgemeinschaftshaus", "Nachbarschaftsnetz", "Dorfbüro"),
    ),
    Theme(
        "innenstadt",
        "Innenstadt und Ortsmitte",
        "attraktive Innenstädte und Ortsmitten",
        ("Online-Marktplatz", "Leerstandsbörse", "Frequenzmessung", "Stadtgutschein"),
    ),
    Theme(
        "gesundheit",
        "Gesundheit und Pflege",
        "eine gute Versorgung in Gesundheit und Pflege",
        ("Telemedizin", "Pflegeplattform", "Notfall-App", "Gesundheitskiosk"),
    ),
    Theme(
        "tourismus",
        "Tourismus und Kultur",
        "den Tourismus und die Kultur in der Region",
        ("Radwege-App", "Tourismusportal", "Museumsführer", "Veranstaltungskalender", "Gästekarte"),
    ),
    Theme(
        "umwelt",
        "Umwelt und Energie",
        "Klimaschutz und eine sichere Energieversorgung",
        ("Energiemonitoring", "Klimadaten", "Hochwasserwarnung", "Ladeinfrastruktur"),
    ),
    Theme(
        "ehrenamt",
        "Ehrenamt und Gemeinschaft",
        "das Ehrenamt und den Zusammenhalt",
        (
            "Ehrenamtsbörse",
            "Vereinsportal",
            "Seniorenlotsen",
            "Nachbarschaftshilfe",
            "Digitaltreff",
        ),
    ),
    Theme(
        "sicherheit",
        "Sicherheit und Katastrophenschutz",
        "Sicherheit und einen starken Katastrophenschutz",
        ("Warn-App", "Sirenennetz", "Lagebild", "Feuerwehr-Tablet"),
    ),
    Theme(
        "daten",
        "Daten und Open Government",
        "offene Daten und Beteiligung",
        ("Open-Data-Portal", "Datenplattform", "Bürgerbeteiligung", "Geoportal", "Haushalt online"),
    ),
    Theme(
        "landwirtschaft",
        "Landwirtschaft",
        "eine moderne Landwirtschaft",
        ("Hofladen-Karte", "Präzisionslandwirtschaft", "Wetterstationen", "Direktvermarktung"),
    ),
    Theme(
        "jugend",
        "Jugend und Familie",
        "gute Angebote für Jugend und Familie",
        ("Kita-Portal", "Ferienprogramm online", "Jugend-App", "Familienbüro"),
    ),
)

TITLE_ADDITIONS = (
    "– gemeinsam digital",
    "für alle Generationen",
    "im ganzen Kreis",
    "für Stadt und Land",
    "2.0",
    "– einfach online",
    "vor Ort",
    "für Dörfer und Städte",
    "– Schritt für Schritt",
    "plus",
    "– vernetzt gedacht",
    "für die Region",
)

BENEFITS = (
    "Bürgerinnen und Bürger erledigen ihre Anliegen rund um die Uhr online.",
    "Wege werden kürzer und Angebote leichter erreichbar.",
    "Die Verwaltung spart Zeit, Papier und doppelte Arbeit.",
    "Schulen und Vereine nutzen gemeinsame Technik und Erfahrungen.",
    "Gäste finden touristische Angebote schneller.",
    "Unternehmen gewinnen Fachkräfte in der Region.",
    "Ältere Menschen bleiben in ihren Dörfern gut versorgt.",
    "Daten werden einmal erhoben und mehrfach genutzt.",
    "Die Mobilität ohne eigenes Auto wird einfacher.",
    "Kleine Kommunen profitieren von den Lösungen der großen.",
)

APPROACHES = (
    "Zunächst startet ein Pilot in {town}; danach folgen die übrigen Kommunen.",
    "Die Umsetzung erfolgt in drei Stufen bis {year}.",
    "Eine Arbeitsgruppe aus Verwaltung, Schule und Wirtschaft begleitet das Projekt.",
    "Fördermittel des Landes decken einen Teil der Kosten.",
    "Die Digitalagentur koordiniert das Vorhaben und berichtet regelmäßig im Ausschuss.",
    "Die Erfahrungen aus {town} fließen in eine Lösung für alle Kommunen ein.",
)

OPENINGS = (
    "Mit dem Projekt „{topic}“ stärken der Kreis und seine Städte und Gemeinden {focus}.",
    "„{topic}“ ist ein gemeinsames Vorhaben für {focus}.",
    "Das Vorhaben „{topic}“ bündelt die Kräfte der Kommunen für {focus}.",
    "Unter dem Namen „{topic}“ setzen sich Kreis und Kommunen für {focus} ein.",
)

CHALLENGES = (
    "fehlende Fördermittel",
    "die Abstimmung zwischen den Kommunen",
    "Datenschutz und IT-Sicherheit",
    "Personalmangel in der Verwaltung",
    "lange Lieferzeiten der Hardware",
    "die Akzeptanz bei Nutzerinnen und Nutzern",
    "die lückenhafte Breitbandversorgung in den Außenbereichen",
    "das Vergaberecht",
    "der Betrieb nach dem Ende der Förderung",
)

LEADS = (
    "Digitalagentur",
    "Amt für Digitalisierung",
    "Wirtschaftsförderung",
    "Schulamt",
    "Tourismusverband",
    "Bürgermeisteramt {town}",
    "Stabsstelle Digitalisierung {town}",
)

UPDATE_TITLES = (
    "Projektauftakt",
    "Workshop mit den Kommunen",
    "Förderbescheid liegt vor",
    "Ausschreibung veröffentlicht",
    "Auftrag vergeben",
    "Pilotphase in {town} gestartet",
    "Zwischenbericht im Ausschuss",
    "Erste Ergebnisse",
    "Schulung der Beschäftigten",
    "Umfrage ausgewertet",
    "Start in weiteren Kommunen",
    "Sachstand {month} {year}",
)

UPDATE_OPENINGS = (
    "Die Projektgruppe hat sich im {month} in {town} getroffen.",
    "Der Ausschuss für Digitalisierung hat den Sachstand zur Kenntnis genommen.",
    "Die Digitalagentur hat mit allen beteiligten Kommunen die nächsten Schritte abgestimmt.",
    "In {town} haben Bürgerinnen und Bürger das Angebot ausprobiert.",
    "Die Verwaltung hat die Anforderungen gemeinsam mit Schulen und Vereinen gesammelt.",
    "Im {month} {year} fand ein Workshop zu „{topic}“ statt.",
)

UPDATE_DETAILS = (
    "Die Anforderungen an Datenschutz und Barrierefreiheit sind geklärt.",
    "Drei Anbieter haben Angebote abgegeben.",
    "Die Rückmeldungen aus den Dörfern fließen in das Konzept ein.",
    "Der Prototyp läuft stabil; kleinere Fehler werden behoben.",
    "Die Finanzierung ist bis Ende {year} gesichert.",
    "Die Zahl der Nutzerinnen und Nutzer ist deutlich gestiegen.",
    "Die Anbindung an den Breitbandausbau verzögert sich um einige Wochen.",
    "Die Schulung der Beschäftigten in der Verwaltung ist abgeschlossen.",
)

UPDATE_NEXT_STEPS = (
    "Als Nächstes folgt die Vergabe.",
    "Im nächsten Quartal startet der Testbetrieb.",
    "Ein Bericht folgt in der nächsten Sitzung.",
    "Weitere Kommunen haben Interesse angemeldet.",
    "Die Ergebnisse werden im Herbst veröffentlicht.",
)

UPDATE_SOURCES = (
    "Sitzungsvorlage SV/{year}/{number:03d}",
    "Pressemitteilung des Kreises",
    "Newsletter der Digitalagentur",
    "Protokoll der Lenkungsgruppe",
    "",
)

MILESTONE_TITLES = (
    "Konzept abgestimmt",
    "Fördermittel beantragt",
    "Ausschreibung und Vergabe",
    "Pilotbetrieb in {town}",
    "Einführung in allen Kommunen",
    "Auswertung und Bericht",
)

GOALS = (
    "Angebote bis {year} vollständig online verfügbar machen",
    "Alle Städte und Gemeinden am Austausch beteiligen",
    "Digitale Kompetenzen der Beschäftigten stärken",
    "Daten offen und wiederverwendbar bereitstellen",
    "Angebote barrierefrei gestalten",
    "Dörfer und ländliche Räume gleichwertig anbinden",
    "Ehrenamtliche digital unterstützen",
    "Wirtschaft und Tourismus vernetzen",
    "Schulen verlässlich mit Technik ausstatten",
    "Mobilität ohne eigenes Auto ermöglichen",
)

TOWN_STEMS = (
    "Ahl",
    "Bil",
    "Dül",
    "Eg",
    "Fal",
    "Gron",
    "Hal",
    "Lüd",
    "Mar",
    "Nott",
    "Ros",
    "Sen",
    "Tel",
    "Wal",
    "Olf",
    "Brak",
    "Lip",
    "Hav",
    "Ost",
    "Wes",
    "Alt",
    "Hem",
    "Kirch",
    "Lohn",
    "Ber",
    "Stein",
)
TOWN_ENDINGS = (
    "feld",
    "dorf",
    "hausen",
    "heim",
    "beck",
    "kirchen",
    "stedt",
    "ingen",
    "rode",
    "burg",
    "hagen",
    "horst",
    "lohe",
    "brück",
    "ede",
    "born",
)
TOWN_PREFIXES = ("",) * 9 + ("Nord", "Süd", "Ober", "Nieder", "Neu", "Bad ")

FIRST_NAMES = ("Anna", "Jonas", "Marie", "Lukas", "Sophie", "Felix", "Lea", "Paul", "Hanna", "Tim")
LAST_NAMES = ("Schulte", "Wessels", "Hüsing", "Brinkmann", "Terhorst", "Lammers", "Kemper")

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def town_name(rng: random.Random) -> str:
    """E.g. "Dülmenfeld", "Nordahlhausen" or "Bad Steinheim"."""
    prefix = rng.choice(TOWN_PREFIXES)
    name = rng.choice(TOWN_STEMS) + rng.choice(TOWN_ENDINGS)
    if prefix.endswith(" "):
        return prefix + name
    return prefix + name.lower() if prefix else name


def project_title(rng: random.Random, topic: str) -> str:
    return f"{topic} {rng.choice(TITLE_ADDITIONS)}"


def project_summary(rng: random.Random, theme: Theme, topic: str, *, benefit: str) -> str:
    return f"{rng.choice(OPENINGS).format(topic=topic, focus=theme.focus)} {benefit}"


def project_description(rng: random.Random, theme: Theme, topic: str, town: str) -> str:
    year = rng.randint(2024, 2028)
    approaches = rng.sample(APPROACHES, 2)
    parts = [a.format(town=town, year=year) for a in approaches]
    return (
        f"{rng.choice(OPENINGS).format(topic=topic, focus=theme.focus)} "
        f"Im Handlungsfeld „{theme.name}“ ist es eines der Vorhaben mit breiter Beteiligung.\n\n"
        + " ".join(parts)
    )


def challenges(rng: random.Random) -> str:
    a, b, c = rng.sample(CHALLENGES, 3)
    text = f"{a}, {b} und {c}."
    return text[:1].upper() + text[1:]


def lead(rng: random.Random, town: str) -> str:
    return rng.choice(LEADS).format(town=town)


def update_title(rng: random.Random, town: str, date: datetime.date) -> str:
    return rng.choice(UPDATE_TITLES).format(town=town, month=MONTHS[date.month - 1], year=date.year)


def update_text(rng: random.Random, topic: str, town: str, date: datetime.date) -> str:
    values = {"town": town, "month": MONTHS[date.month - 1], "year": date.year, "topic": topic}
    return " ".join(
        [
            rng.choice(UPDATE_OPENINGS).format(**values),
            rng.choice(UPDATE_DETAILS).format(**values),
            rng.choice(UPDATE_NEXT_STEPS),
        ]
    )


def update_source(rng: random.Random, date: datetime.date) -> str:
    return rng.choice(UPDATE_SOURCES).format(year=date.year, number=rng.randint(1, 400))


INDICATOR_SUBJECTS = (
    "Online-Anträge",
    "Digitale Schulen",
    "Glasfaseranschlüsse",
    "Nutzung der Bürger-App",
    "Echtzeit-Haltestellen",
    "Digitale Sprechstunden",
    "Offene Datensätze",
    "E-Akte-Arbeitsplätze",
)
INDICATOR_MEASURES = ("Anteil", "Quote", "Abdeckung", "Nutzung")


def indicator_name(rng: random.Random) -> str:
    return f"{rng.choice(INDICATOR_MEASURES)} {rng.choice(INDICATOR_SUBJECTS)}"
