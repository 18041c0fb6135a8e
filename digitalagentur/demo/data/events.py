"""The demo's events (issue 13): the Digitalisierungskonferenz of 15.11.2022 with its formats
(seeds 000, 002, 004), the internal seminar series of 2023 (seed 002), the themed workshops of
2020 (demo/data/assessment.py WORKSHOPS, linked by slug) and one future event open for
registration.

The seeds give the conference's day and formats but no venue or times, and the seminar series
only its year and purpose: what the seeds do not say is marked in the texts as assumed for the
demo. The future event is demo data through and through; its date is set relative to the day
the demo is loaded, so that it is always open for registration.
"""

from __future__ import annotations

import datetime

_ASSUMED = "Uhrzeiten und Ort sind für die Demo angenommen; die Quellen nennen nur den Tag."

CONFERENCE = {
    "slug": "digitalisierungskonferenz-2022",
    "title": "1. Digitalisierungskonferenz im Kreis Coesfeld",
    "kind": "conference",
    "day": datetime.date(2022, 11, 15),
    "hours": ((9, 0), (16, 0)),
    "place": "Kreis Coesfeld",
    "field": None,
    "summary": (
        "Die Digitalisierungsstrategie und die Idee der Digitalagentur für die "
        "Fachöffentlichkeit: mit einem Markt der Möglichkeiten und World Cafés."
    ),
    "description": (
        "Um die Fachöffentlichkeit im Kreisgebiet in Sachen Digitalisierungsvorhaben mit auf "
        "die Reise zu nehmen, fand im November 2022 die erste Digitalisierungskonferenz statt. "
        "Stakeholder aus Vereinen, Verbänden, Bildung und Politik erhielten einen Einblick in "
        "den bisherigen Prozess der Strategieentwicklung und die Idee hinter der "
        "Digitalagentur. Ein Markt der Möglichkeiten bot eine Bühne für jene Projekte, die sich "
        "bereits in der Umsetzung befinden. World Cafés zu Schwerpunktthemen, wie New Work und "
        "Verwaltungsdigitalisierung, fingen das Stimmungsbild der Teilnehmenden ein. Der "
        "wichtigste Appell des Tages war die Aufforderung zur Mitarbeit.\n\n" + _ASSUMED
    ),
    "programme": [
        ("talk", "Die Digitalisierungsstrategie: Prozess und Ergebnisse", ""),
        ("talk", "Die Idee der Digitalagentur", ""),
        (
            "market_stand",
            "Markt der Möglichkeiten",
            "Projekte, die sich bereits in der Umsetzung befinden, stellen sich vor.",
        ),
        ("world_cafe", "World Café: New Work", ""),
        ("world_cafe", "World Café: Verwaltungsdigitalisierung", ""),
        (
            "talk",
            "Aufruf zur Mitarbeit",
            "Jede und jeder im Kreisgebiet ist eingeladen, Ideen beizutragen.",
        ),
    ],
}

SEMINAR_PURPOSE = (
    "Interne Seminarreihe für Mitarbeitende der Verwaltungen im Kreis: Kompetenzen im Bereich "
    "Digitalisierungsprojekte aufbauen und gerade jenen, die sich erst seit Kurzem mit dem "
    "Thema befassen, Handwerkszeug mit auf den Weg geben (Jahresbericht 2022). Themen und "
    "Termine der einzelnen Seminare sind für die Demo angenommen."
)

SEMINARS = [
    {
        "slug": f"seminarreihe-digitalisierungsprojekte-{n}",
        "title": f"Seminarreihe Digitalisierungsprojekte, Teil {n}: {topic}",
        "kind": "seminar",
        "day": day,
        "hours": ((9, 0), (12, 30)),
        "place": "Kreishaus Coesfeld (intern)",
        "field": "verwaltung",
        "summary": summary,
        "description": SEMINAR_PURPOSE,
        "programme": [],
    }
    for n, (topic, day, summary) in enumerate(
        [
            (
                "Projekte planen und steuern",
                datetime.date(2023, 3, 14),
                "Vom Projektauftrag bis zum Abschluss.",
            ),
            (
                "Fördermittel finden und beantragen",
                datetime.date(2023, 6, 13),
                "Förderprogramme, Anträge, Nachweise.",
            ),
            (
                "Datenschutz und Vergabe in Digitalisierungsprojekten",
                datetime.date(2023, 9, 12),
                "Was vor dem Start geklärt sein muss.",
            ),
        ],
        start=1,
    )
]

#: The themed workshops of 2020 (already in the needs assessment and the timeline), as events.
WORKSHOP_SLUGS = [
    "themenfeld-workshop-mobilitaet",
    "digitaler-themenfeld-workshop-wirtschaft",
    "digitaler-themenfeld-workshop-innenstadt-dorfmitte",
]

FUTURE = {
    "slug": "informationsabend-ideen-einbringen",
    "title": "Informationsabend: Ideen für die Digitalisierung einbringen (Demo)",
    "kind": "information_evening",
    "days_ahead": 45,
    "hours": ((18, 0), (20, 0)),
    "place": "Kreishaus Coesfeld, großer Sitzungssaal",
    "address": "Friedrich-Ebert-Straße 7, 48653 Coesfeld",
    "field": None,
    "capacity": 40,
    "summary": (
        "Wie Bürgerinnen und Bürger Ideen einreichen, unterstützen und an Wettbewerben "
        "teilnehmen: die Beteiligung der Digitalagentur zum Ausprobieren."
    ),
    "description": (
        "Demo-Veranstaltung zum Ausprobieren der Anmeldung: Melden Sie sich an (auch die "
        "Warteliste und das Abmelden funktionieren). Die Veranstaltung findet nicht statt."
    ),
    "programme": [
        ("talk", "Die Digitalisierungsstrategie in zehn Minuten", ""),
        ("workshop", "Ideen einreichen und unterstützen: so geht es", ""),
        ("world_cafe", "Ihre Fragen und Ideen", ""),
    ],
}
