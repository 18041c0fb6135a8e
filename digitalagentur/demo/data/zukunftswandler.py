"""The ZukunftsWandler 2023 (issue 12, section 2): the call, its criteria, prizes, jury, entries,
scores and result.

From the seeds: the digitalisation competition „ZukunftsWandler“ of the Digitalagentur,
planned as a campaign for October 2023 (``SV_2023``). Everything else is invented and loaded
with ``is_demo``: dates, eligibility, criteria and weights, prizes, the jury (new demo logins),
entries, scores and the conflict of interest.
"""

import datetime

from . import SV_2023
from .participation import at

SOURCE = SV_2023

# The jury: new demo logins (password "demo", no role), named, invented.
# (username, first name, last name)
JURORS = [
    ("jury1", "Katrin", "Vogt (Demo-Jury)"),
    ("jury2", "Thomas", "Brink (Demo-Jury)"),
    ("jury3", "Aylin", "Demir (Demo-Jury)"),
]

DEMO_NOTE = (
    "Demodaten: Ablauf, Teilnahmebedingungen, Kriterien, Preise, Jury und Beiträge sind "
    "erfunden und dienen nur zum Ausprobieren."
)

COMPETITION = {
    "slug": "zukunftswandler-2023",
    "title": "ZukunftsWandler 2023 – der Digitalisierungswettbewerb im Kreis Coesfeld",
    "description": (
        "Mit dem Digitalisierungswettbewerb „ZukunftsWandler“ sucht die Digitalagentur im "
        "Oktober 2023 Ideen und Vorhaben, die Digitalisierung im Kreis Coesfeld für die "
        "Menschen vor Ort konkret anfassbar machen – im Verein, in der Schule, im Dorf und im "
        "Betrieb. Die besten Beiträge werden prämiert und von der Digitalagentur bei der "
        "Umsetzung begleitet. " + DEMO_NOTE
    ),
    "eligibility": (
        "Einreichen können Bürgerinnen und Bürger, Vereine, Schulen, Initiativen und "
        "Unternehmen aus den elf Städten und Gemeinden des Kreises Coesfeld. Jurymitglieder "
        "und Beschäftigte der Digitalagentur sind ausgeschlossen. Je Team ein Beitrag."
    ),
    "submission_start": at(2023, 10, 2, 0, 0),
    "submission_end": at(2023, 11, 1, 0, 0),  # until 31 October 2023, midnight
    "jury_end": at(2023, 11, 25, 0, 0),  # until 24 November 2023
    "award_date": datetime.date(2023, 12, 7),
    "extra_fields": [
        {"key": "team", "label": "Team, Verein oder Einrichtung", "required": True},
        {"key": "stand", "label": "Wie weit ist das Vorhaben?", "required": False},
    ],
}

# (name, description, weight); the position follows the order.
CRITERIA = [
    ("Nutzen für die Menschen im Kreis", "Wem hilft der Beitrag, und wie sehr?", "3"),
    ("Neuheit", "Wie neu ist die Idee für den Kreis Coesfeld?", "2"),
    ("Umsetzbarkeit", "Lässt sich der Beitrag mit vertretbarem Aufwand umsetzen?", "2"),
    ("Übertragbarkeit", "Können andere Kommunen des Kreises ihn übernehmen?", "1"),
]

# (position, name, description)
PRIZES = [
    (1, "1. Preis", "3.000 € und ein Jahr Begleitung durch die Digitalagentur"),
    (2, "2. Preis", "2.000 € und ein Umsetzungsworkshop"),
    (3, "3. Preis", "1.000 €"),
]

# Entries: title, text, town, author (demo citizen), handed in at, extra fields.
SUBMISSIONS = [
    {
        "title": "LoRaWAN-Pegelmelder für die Stever",
        "text": (
            "Funksensoren an drei Stellen der Stever melden den Wasserstand über das kreisweite "
            "LoRaWAN-Netz. Eine offene Karte zeigt die Werte; bei Hochwasser werden Anwohnende "
            "und die Feuerwehr per Push-Nachricht gewarnt."
        ),
        "town": "olfen",
        "author": "demo-buerger-ole",
        "created": at(2023, 10, 9, 18, 20),
        "extra": {"team": "Technik-AG der Gesamtschule (Demo)", "stand": "Prototyp läuft"},
    },
    {
        "title": "Handysprechstunde: Jugendliche helfen Älteren",
        "text": (
            "Einmal in der Woche erklären Schülerinnen und Schüler in der Stadtbücherei "
            "Smartphone, Messenger und Online-Termine. Die Jugendlichen bekommen dafür ein "
            "Zertifikat für ihre Bewerbungen."
        ),
        "town": "luedinghausen",
        "author": "demo-buergerin-sarah",
        "created": at(2023, 10, 12, 20, 5),
        "extra": {"team": "Digitalpaten Lüdinghausen (Demo)", "stand": "seit Sommer 2023"},
    },
    {
        "title": "Digitaler Dorfladen Darup",
        "text": (
            "Ein kleiner Laden ohne feste Öffnungszeiten: Zutritt mit App oder Karte, Kasse zur "
            "Selbstbedienung, Produkte von Höfen aus der Umgebung. Betrieben von der "
            "Dorfgemeinschaft."
        ),
        "town": "nottuln",
        "author": "demo-buergerin-lena",
        "created": at(2023, 10, 16, 9, 45),
        "extra": {"team": "Dorfgemeinschaft Darup (Demo)", "stand": "Konzept"},
    },
    {
        "title": "Vereinsheim-Buchung per App",
        "text": (
            "Vereine teilen ihre Räume: Belegung, Schlüsselübergabe und Abrechnung laufen über "
            "eine gemeinsame App statt über Listen im Vereinsheim."
        ),
        "town": "senden",
        "author": "demo-buerger-peter",
        "created": at(2023, 10, 18, 21, 10),
        "extra": {"team": "SV Senden (Demo)", "stand": "Idee"},
    },
    {
        "title": "Hofladen-Finder Baumberge",
        "text": (
            "Eine Karte aller Hofläden und Verkaufsautomaten rund um die Baumberge mit "
            "Öffnungszeiten und Angebot, gepflegt von den Höfen selbst."
        ),
        "town": "billerbeck",
        "author": "demo-buergerin-heike",
        "created": at(2023, 10, 20, 14, 30),
        "extra": {"team": "Landfrauen Billerbeck (Demo)"},
    },
    {
        "title": "Digitale Schnitzeljagd durch die Innenstadt",
        "text": (
            "Eine Rätsel-Tour per Smartphone führt Familien durch die Dülmener Innenstadt; "
            "Geschäfte sind Stationen und geben kleine Preise aus."
        ),
        "town": "duelmen",
        "author": "demo-buerger-jonas",
        "created": at(2023, 10, 24, 19, 0),
        "extra": {"team": "Werbegemeinschaft (Demo)", "stand": "Idee"},
    },
    {
        "title": "Bürgerbus per Messenger buchen",
        "text": (
            "Fahrten mit dem Bürgerbus lassen sich per Messenger-Nachricht anmelden; die "
            "Fahrerinnen und Fahrer sehen alle Anmeldungen in einer einfachen Übersicht."
        ),
        "town": "ascheberg",
        "author": "demo-buerger-mehmet",
        "created": at(2023, 10, 27, 11, 15),
        "extra": {"team": "Bürgerbusverein (Demo)"},
    },
    {
        "title": "Makerspace in der Stadtbücherei",
        "text": (
            "3D-Drucker, Laserschneider und Elektronik-Bausätze in der Bücherei, mit offenen "
            "Werkstattabenden für alle Generationen."
        ),
        "town": "coesfeld",
        "author": "demo-buergerin-anna",
        "created": at(2023, 10, 30, 22, 40),
        "extra": {"team": "Förderverein der Stadtbücherei (Demo)", "stand": "Konzept"},
    },
]

# Jury scores per entry and juror in the order of CRITERIA (0–10). With the weights 3/2/2/1
# the weighted means are: Pegelmelder 8,58; Handysprechstunde 8,54; Dorfladen 7,54;
# Makerspace 7,08; Hofladen-Finder 7,00; Vereinsheim 6,94; Schnitzeljagd 6,63; Bürgerbus 6,58.
SCORES = {
    "LoRaWAN-Pegelmelder für die Stever": {
        "jury1": [9, 9, 8, 9],
        "jury2": [8, 9, 8, 10],
        "jury3": [9, 8, 8, 9],
    },
    "Handysprechstunde: Jugendliche helfen Älteren": {
        "jury1": [10, 6, 9, 9],
        "jury2": [9, 6, 9, 8],
        "jury3": [10, 7, 9, 9],
    },
    "Digitaler Dorfladen Darup": {
        "jury1": [8, 8, 6, 7],
        "jury2": [9, 8, 7, 7],
        "jury3": [8, 7, 6, 8],
    },
    # jury2 declared a conflict of interest for this entry (CONFLICTS) and did not score it.
    "Vereinsheim-Buchung per App": {"jury1": [7, 5, 9, 8], "jury3": [6, 5, 9, 8]},
    "Hofladen-Finder Baumberge": {
        "jury1": [7, 6, 8, 7],
        "jury2": [8, 5, 8, 8],
        "jury3": [7, 6, 7, 7],
    },
    "Digitale Schnitzeljagd durch die Innenstadt": {
        "jury1": [6, 7, 8, 6],
        "jury2": [6, 8, 7, 6],
        "jury3": [5, 7, 8, 6],
    },
    "Bürgerbus per Messenger buchen": {
        "jury1": [8, 6, 5, 8],
        "jury2": [7, 6, 5, 7],
        "jury3": [8, 7, 4, 8],
    },
    "Makerspace in der Stadtbücherei": {
        "jury1": [7, 7, 6, 6],
        "jury2": [8, 7, 7, 6],
        "jury3": [8, 8, 6, 7],
    },
}
# When each juror scored (and declared their conflict), within the jury phase.
SCORED = {
    "jury1": at(2023, 11, 8, 20, 30),
    "jury2": at(2023, 11, 14, 18, 0),
    "jury3": at(2023, 11, 21, 9, 15),
}
# Comments of jurors, given with their score of the first criterion: (entry, juror, text).
SCORE_COMMENTS = [
    ("LoRaWAN-Pegelmelder für die Stever", "jury1", "Nutzt das vorhandene Netz sehr klug."),
    ("Handysprechstunde: Jugendliche helfen Älteren", "jury3", "Einfach und sofort wirksam."),
    ("Bürgerbus per Messenger buchen", "jury2", "Datenschutz beim Messenger klären."),
]
# (entry, juror, note)
CONFLICTS = [
    ("Vereinsheim-Buchung per App", "jury2", "Ich bin im Vorstand des einreichenden Vereins."),
]
RESULT_REASON = "Ergebnis des ZukunftsWandler 2023 veröffentlicht (Demodaten)."
