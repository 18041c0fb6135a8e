"""Participation (issue 12): ideas of the public, with the demo citizens who submit, support
and comment on them. The ZukunftsWandler 2023 competition is in demo/data/zukunftswandler.py.

From the seeds: the wish to let citizens take part in the Digitalagentur's activities and make
digitalisation tangible for them (``ARTIKEL``), the strategy as a "living document" that new
projects can extend (``SV_2023``), the E-Lastenrad sharing, the Lastenradbox in Nordkirchen,
wochenmarkt24 and the kommit! mobility offers (``ARTIKEL``, ``SV_2023``), and the strategy
projects named in the answers (demo/data/projects.py). Everything else is invented and loaded
with ``is_demo``: the ideas, their authors (pseudonyms), supports, comments, answers and dates.
"""

import datetime
from zoneinfo import ZoneInfo

from . import ARTIKEL, SV_2023

BERLIN = ZoneInfo("Europe/Berlin")


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


SOURCES = (SV_2023, ARTIKEL)

# Demo citizens (accounts without a password and without a role: they never log in):
# (username, name shown – a first name or pseudonym –, last name, never shown).
CITIZENS = [
    ("demo-buergerin-anna", "Anna K.", "Demo-Bürgerin"),
    ("demo-buerger-jonas", "Jonas", "Demo-Bürger"),
    ("demo-buergerin-heike", "Heike B.", "Demo-Bürgerin"),
    ("demo-buerger-mehmet", "Mehmet Y.", "Demo-Bürger"),
    ("demo-buerger-lastenrad", "Lastenradfan", "Demo-Bürger"),
    ("demo-buergerin-gisela", "Gisela R.", "Demo-Bürgerin"),
    ("demo-buerger-ole", "Ole", "Demo-Bürger"),
    ("demo-buergerin-sarah", "Sarah T.", "Demo-Bürgerin"),
    ("demo-buerger-peter", "Peter W.", "Demo-Bürger"),
    ("demo-buergerin-lena", "Lena aus Darup", "Demo-Bürgerin"),
]
ALL_CITIZENS = [username for username, _name, _last in CITIZENS]
# The demo login of Landräume (demo/data/logins.py) also takes part, when the loader made it.
PENDLERIN = "pendlerin"
# Moderation steps are recorded for the coordination login, when the loader made it.
MODERATOR = "koordination"


# Ideas ---------------------------------------------------------------------------------------
# "steps": the idea's way after it was received (status, time, public reason); the first
# entry is "received" at the time of submission. "adopt": taken into the strategy then (via
# participation.services.take_into_strategy). "supporters": demo citizens and pendlerin.
# "comments": (author, time, text, [answers as (author, time, text)]).

IDEAS = [
    {
        "title": "Mitfahrbank mit App für die Bauerschaften",
        "text": (
            "In den Bauerschaften fährt abends kaum ein Bus. Eine Mitfahrbank an jeder "
            "Ortsausfahrt, dazu eine App, in der man Fahrten anbietet und sucht – so kämen "
            "auch Jugendliche und Ältere ohne Auto in den Ort und zum Bahnhof."
        ),
        "field": "mobilitaet",
        "town": "rosendahl",
        "author": "demo-buergerin-gisela",
        "steps": [
            ("received", at(2024, 2, 12, 19, 30), ""),
            ("published", at(2024, 2, 14, 9, 15), ""),
            (
                "review",
                at(2024, 4, 10, 11, 0),
                "Danke! Wir prüfen die Idee mit der Gemeinde Rosendahl und den Erfahrungen "
                "aus den kommit!-Mobilitätsangeboten.",
            ),
        ],
        "adopt": at(2024, 9, 18, 14, 0),
        "supporters": ALL_CITIZENS + [PENDLERIN],
        "comments": [
            (
                "demo-buerger-ole",
                at(2024, 2, 15, 17, 5),
                "Würde ich sofort nutzen, um abends vom Training nach Hause zu kommen.",
                [("demo-buergerin-gisela", at(2024, 2, 15, 20, 0), "Genau dafür ist sie!")],
            ),
            (
                "demo-buerger-peter",
                at(2024, 2, 20, 8, 40),
                "Wichtig wäre, dass die App auch ohne Smartphone per Telefon geht.",
                [],
            ),
        ],
    },
    {
        "title": "Termine im Bürgerbüro online buchen – in allen Rathäusern gleich",
        "text": (
            "Jede Stadt hat ein anderes System für Termine im Bürgerbüro. Schön wäre eine "
            "gemeinsame Terminbuchung für alle elf Rathäuser, mit Erinnerung per E-Mail."
        ),
        "field": "verwaltung",
        "town": "duelmen",
        "author": "demo-buerger-mehmet",
        "steps": [
            ("received", at(2023, 11, 20, 21, 0), ""),
            ("published", at(2023, 11, 22, 10, 0), ""),
            (
                "review",
                at(2024, 1, 16, 9, 30),
                "Das passt zum Projekt „Online ins Rathaus“ (P1). Wir klären mit den "
                "Kommunen, welche Terminsysteme schon im Einsatz sind.",
            ),
        ],
        "supporters": ALL_CITIZENS[:7] + [PENDLERIN],
        "comments": [
            (
                "demo-buergerin-anna",
                at(2023, 11, 24, 12, 10),
                "In Coesfeld geht das schon, aber nur für den Personalausweis.",
                [("demo-buerger-mehmet", at(2023, 11, 24, 18, 30), "Dann wäre es ein Anfang!")],
            ),
        ],
    },
    {
        "title": "Lastenrad-Sharing auch in Olfen",
        "text": (
            "In immer mehr Gemeinden gibt es E-Lastenräder zum Ausleihen per App. In Olfen "
            "fehlt so eine Station noch – am besten am Marktplatz oder am Rathaus."
        ),
        "field": "mobilitaet",
        "town": "olfen",
        "author": "demo-buerger-lastenrad",
        "steps": [
            ("received", at(2024, 5, 3, 7, 50), ""),
            ("published", at(2024, 5, 6, 10, 20), ""),
            (
                "review",
                at(2024, 6, 12, 15, 0),
                "Wir sprechen mit der Stadt Olfen; die Lastenradbox in Nordkirchen dient als "
                "Vorbild.",
            ),
        ],
        "supporters": ALL_CITIZENS[2:9],
        "comments": [
            (
                "demo-buergerin-heike",
                at(2024, 5, 8, 9, 0),
                "Mit Kindersitz bitte, dann kann ich den Einkauf und die Kinder transportieren.",
                [
                    ("demo-buerger-lastenrad", at(2024, 5, 8, 13, 0), "Gute Idee, ergänze ich."),
                    ("demo-buerger-jonas", at(2024, 5, 9, 19, 0), "Und eine Regenplane!"),
                ],
            ),
        ],
    },
    {
        "title": "Leerstehende Ladenlokale auf einer Karte",
        "text": (
            "Eine Karte der leerstehenden Ladenlokale in der Innenstadt, mit Größe und "
            "Ansprechperson. So finden Gründerinnen, Vereine und Pop-up-Läden schneller einen "
            "Raum."
        ),
        "field": "innenstadt-dorfmitte",
        "town": "coesfeld",
        "author": "demo-buergerin-anna",
        "steps": [
            ("received", at(2024, 8, 27, 20, 15), ""),
            ("published", at(2024, 8, 29, 9, 0), ""),
            (
                "review",
                at(2024, 10, 8, 10, 0),
                "Wir prüfen das zusammen mit dem Projekt „Modell für die Mitte“ (P24) und den "
                "Landräumen.",
            ),
        ],
        "supporters": ALL_CITIZENS[:4],
        "comments": [],
    },
    {
        "title": "Ein Kulturkalender für den ganzen Kreis",
        "text": (
            "Konzerte, Lesungen und Ausstellungen stehen auf vielen verschiedenen Seiten. Ein "
            "gemeinsamer Kalender, in den Vereine ihre Termine selbst eintragen, würde helfen."
        ),
        "field": "kultur",
        "town": None,
        "author": "demo-buergerin-heike",
        "steps": [
            ("received", at(2025, 1, 9, 18, 0), ""),
            ("published", at(2025, 1, 10, 11, 30), ""),
            (
                "review",
                at(2025, 3, 4, 14, 0),
                "Wir fragen bei den Kulturämtern nach, welche Kalender es schon gibt und ob "
                "sie sich verbinden lassen.",
            ),
        ],
        "supporters": ALL_CITIZENS[4:],
        "comments": [
            (
                "demo-buergerin-gisela",
                at(2025, 1, 12, 10, 0),
                "Bitte auch mit Filter für barrierefreie Veranstaltungen.",
                [],
            ),
        ],
    },
    {
        "title": "Leih-Tablets der Schulen auch in den Ferien",
        "text": (
            "Die Schul-Tablets liegen in den Sommerferien sechs Wochen im Schrank. Familien "
            "ohne eigenes Gerät könnten sie in der Zeit ausleihen."
        ),
        "field": "bildung",
        "town": "luedinghausen",
        "author": "demo-buerger-jonas",
        "steps": [
            ("received", at(2024, 6, 20, 16, 0), ""),
            ("published", at(2024, 6, 21, 9, 30), ""),
            (
                "declined",
                at(2024, 8, 14, 10, 0),
                "Die Geräte gehören den Schulträgern und sind nur für den Unterricht "
                "versichert und eingerichtet; über eine Ausleihe in den Ferien entscheidet "
                "jede Schule selbst. Die Digitalagentur nimmt die Idee daher nicht in die "
                "Strategie auf.",
            ),
        ],
        "supporters": ALL_CITIZENS[5:8],
        "comments": [
            (
                "demo-buerger-peter",
                at(2024, 6, 24, 20, 0),
                "An unserer Schule gibt es das schon auf Antrag.",
                [("demo-buerger-jonas", at(2024, 6, 25, 7, 30), "Gut zu wissen, danke!")],
            ),
        ],
    },
    {
        "title": "Freies WLAN am Marktplatz",
        "text": (
            "Am Marktplatz und an der Bushaltestelle gibt es kaum Empfang. Ein offenes WLAN "
            "würde Markttag, Touristen und Wartenden helfen."
        ),
        "field": "innenstadt-dorfmitte",
        "town": "nottuln",
        "author": "demo-buergerin-lena",
        "steps": [
            ("received", at(2025, 4, 2, 19, 45), ""),
            ("published", at(2025, 4, 3, 10, 0), ""),
        ],
        "supporters": ALL_CITIZENS[1:6],
        "comments": [
            (
                "demo-buerger-mehmet",
                at(2025, 4, 5, 11, 0),
                "Am Bahnhof wäre es auch gut.",
                [("demo-buergerin-lena", at(2025, 4, 5, 15, 20), "Stimmt, nehme ich mit auf.")],
            ),
        ],
    },
    {
        "title": "Handy-Sprechstunde für Ältere in der Bücherei",
        "text": (
            "Viele Ältere möchten Videotelefonie oder Online-Banking lernen, trauen sich aber "
            "nicht zu fragen. Eine feste Sprechstunde in der Bücherei wäre ein guter Ort."
        ),
        "field": "bildung",
        "town": "ascheberg",
        "author": "demo-buergerin-gisela",
        "steps": [
            ("received", at(2025, 6, 16, 10, 30), ""),
            ("published", at(2025, 6, 17, 8, 45), ""),
        ],
        "supporters": ALL_CITIZENS[:3] + [PENDLERIN],
        "comments": [
            (
                "demo-buergerin-sarah",
                at(2025, 6, 18, 17, 0),
                "In Lüdinghausen machen das Schülerinnen und Schüler – vielleicht auch hier?",
                [],
            ),
        ],
    },
    {
        "title": "Hofläden auf einer Karte",
        "text": (
            "Welche Hofläden gibt es, wann haben sie geöffnet, wer hat einen "
            "Verkaufsautomaten? Eine Karte dazu, vielleicht zusammen mit wochenmarkt24."
        ),
        "field": "wirtschaft",
        "town": "billerbeck",
        "author": "demo-buergerin-heike",
        "steps": [
            ("received", at(2025, 9, 1, 21, 0), ""),
            ("published", at(2025, 9, 3, 9, 0), ""),
        ],
        "supporters": ALL_CITIZENS[3:9],
        "comments": [
            (
                "demo-buerger-ole",
                at(2025, 9, 4, 16, 0),
                "Mit Filter für Milchtankstellen!",
                [("demo-buergerin-heike", at(2025, 9, 4, 19, 0), "Unbedingt.")],
            ),
        ],
    },
    {
        "title": "Videosprechstunde im Dorf",
        "text": (
            "Bis zur nächsten Facharztpraxis ist es weit. Ein ruhiger Raum im Dorf mit "
            "Bildschirm und guter Verbindung für Videosprechstunden, mit Hilfe beim ersten Mal."
        ),
        "field": "gesundheit",
        "town": "nordkirchen",
        "author": "demo-buerger-peter",
        "steps": [
            ("received", at(2026, 1, 19, 9, 0), ""),
            ("published", at(2026, 1, 20, 10, 0), ""),
        ],
        "supporters": ALL_CITIZENS[6:],
        "comments": [],
    },
    {
        "title": "Schäden an Radwegen per App melden",
        "text": (
            "Schlaglöcher, Scherben, überwachsene Schilder: Mit Foto und Standort per App "
            "melden, und man sieht, wann der Schaden behoben ist."
        ),
        "field": "verwaltung",
        "town": "senden",
        "author": "demo-buerger-lastenrad",
        "steps": [
            ("received", at(2026, 4, 7, 7, 30), ""),
            ("published", at(2026, 4, 8, 9, 30), ""),
        ],
        "supporters": ALL_CITIZENS[::2] + [PENDLERIN],
        "comments": [
            (
                "demo-buergerin-sarah",
                at(2026, 4, 9, 12, 0),
                "Bitte auch für Gehwege, mit dem Rollator ist das genauso wichtig.",
                [("demo-buerger-lastenrad", at(2026, 4, 9, 18, 10), "Ja, gute Ergänzung!")],
            ),
            ("demo-buerger-jonas", at(2026, 4, 12, 20, 0), "Sehr gute Idee.", []),
        ],
    },
    {
        "title": "Audioguide für die Baumberge",
        "text": (
            "Ein Audioguide zum Herunterladen für Wanderungen in den Baumbergen: Geschichten "
            "zum Sandstein, zu Höfen und Mühlen, auch auf Plattdeutsch."
        ),
        "field": "tourismus",
        "town": "havixbeck",
        "author": "demo-buergerin-anna",
        "steps": [
            ("received", at(2026, 9, 14, 15, 0), ""),
            ("published", at(2026, 9, 15, 9, 0), ""),
        ],
        "supporters": ALL_CITIZENS[7:],
        "comments": [],
    },
    # Received, waiting in the moderation queue (not public).
    {
        "title": "Ladestationen für E-Bikes am Bahnhof",
        "text": (
            "Am Bahnhof Billerbeck gibt es keine Steckdose für E-Bikes. Abschließbare Boxen "
            "zum Laden während der Arbeit wären für Pendelnde eine große Hilfe."
        ),
        "field": "mobilitaet",
        "town": "billerbeck",
        "author": "demo-buerger-mehmet",
        "steps": [("received", at(2026, 11, 2, 6, 50), "")],
        "supporters": [],
        "comments": [],
    },
]
