"""The committee's status reports (Sachstandsberichte) of the seeds, with their meetings and
the Kreistag's legislative term.

SV-10-0671 (seed 000, dated 18.08.2022) and SV-10-0968 (seed 004) are summarised from their
own Sachdarstellung. SV-10-0502 is not among the seeds: it holds only what SV-10-0671 says it
reported and says that it is reconstructed.
"""

import datetime

from . import SV_2022

D = datetime.date

COMMITTEE = "ausschuss-finanzen-wirtschaft-digitalisierung"

# Not from the seeds: in North Rhine-Westphalia a council's term starts on 1 November of the
# year of the local election (here 13.09.2020) and ends when the next one starts
# (election on 14.09.2025, new term from 01.11.2025).
LEGISLATIVE_TERM = {
    "name": "Wahlperiode 2020–2025",
    "start_date": D(2020, 11, 1),
    "end_date": D(2025, 10, 31),
}

# The committee meetings that received the reports. The seeds give no time of day: every
# meeting is stored as starting at 17:00 Europe/Berlin (MEETING_TIME), a placeholder.
MEETING_TIME = datetime.time(17, 0)
MEETINGS = [D(2022, 3, 17), D(2022, 9, 13), D(2023, 9, 14)]

# Section titles: "intro" is the opening of the Sachdarstellung, the others are the topics
# (strategy.choices.Topic) in their order.
SECTION_TITLES = {
    "intro": "Sachdarstellung",
    "strategy": "Digitalisierungsstrategie",
    "agency": "Digitalagentur",
    "projects": "Projekte",
    "funding": "Fördermittel",
    "events": "Veranstaltungen",
    "staffing": "Personal",
}


def _sections(texts: dict[str, str]) -> list[dict]:
    """Sections in topic order; "generated" equals "text" (nothing edited)."""
    return [
        {"key": key, "title": title, "generated": texts[key], "text": texts[key]}
        for key, title in SECTION_TITLES.items()
        if key in texts
    ]


def _topics(texts: dict[str, str]) -> list[str]:
    return [key for key in SECTION_TITLES if key in texts and key != "intro"]


_SV_0502 = {
    "intro": (
        "Rekonstruiert: Die Vorlage SV-10-0502 liegt den Demodaten nicht vor. Wiedergegeben "
        "ist nur, was die Sitzungsvorlage SV-10-0671 vom 18.08.2022 über sie sagt: In der "
        "Sitzung des Ausschusses für Finanzen, Wirtschaftsförderung und Digitalisierung am "
        "17.03.2022 wurde über den Sachstand zum Modellprojekt Smarte.Land.Regionen, die "
        "kreisweite Digitalisierungsstrategie und die zu diesem Zeitpunkt noch im Aufbau "
        f"befindliche Digitalagentur berichtet. Quelle: {SV_2022}."
    ),
    "strategy": "Bericht über den Sachstand der kreisweiten Digitalisierungsstrategie.",
    "agency": "Bericht über die zu diesem Zeitpunkt noch im Aufbau befindliche Digitalagentur.",
    "projects": "Bericht über den Sachstand zum Modellprojekt Smarte.Land.Regionen.",
}

_SV_0671 = {
    "intro": (
        "In der vorletzten Sitzung des Ausschusses für Finanzen, Wirtschaftsförderung und "
        "Digitalisierung am 17.03.2022 ist zuletzt über den Sachstand zum Modellprojekt "
        "Smarte.Land.Regionen sowie die kreisweite Digitalisierungsstrategie und die zu diesem "
        "Zeitpunkt noch im Aufbau befindliche Digitalagentur berichtet worden (SV-10-0502). "
        "Seit der letzten Berichterstattung haben sich die folgenden Entwicklungen ergeben; in "
        "der Ausschusssitzung wird ergänzend mündlich berichtet."
    ),
    "strategy": (
        "Im Oktober 2021 haben der Kreis Coesfeld und alle elf Städte und Gemeinden eine "
        "gemeinsame Digitalisierungsstrategie verabschiedet. Bereits im Strategiedokument "
        "verankert ist die Schaffung gemeinsamer Organisationsstrukturen zur sukzessiven "
        "Umsetzung der Projekte und Maßnahmen. Seitdem haben Kreis Coesfeld und wfc in enger "
        "Abstimmung mit den Städten und Gemeinden am Aufbau einer gemeinsamen Digitalagentur "
        "gearbeitet."
    ),
    "agency": (
        "Die Digitalagentur ist in fünf Handlungsfeldern aktiv:\n"
        "- Strategie-Weiterentwicklung\n"
        "- Technologie-Scouting\n"
        "- Marken-Bildung\n"
        "- Fördermittel-Akquise\n"
        "- Projekt-Support\n\n"
        "Der neu gegründete Koordinierungskreis der Digitalagentur hat am 26.04.2022 mit einer "
        "konstituierenden Sitzung seine Arbeit aufgenommen. Er hat unter anderem die "
        "Wort-Bild-Marke „Gemeinsam. Digital. Im Kreis Coesfeld.“ verabschiedet; Niklas Esser "
        "(Gemeinde Senden), Dr. Jürgen Grüner und Mathias Raabe wurden zum Sprechertrio "
        "gewählt.\n\n"
        "Im ersten Schritt sollen mehr Transparenz über die Digitalisierungsaktivitäten und "
        "eine stärkere Vernetzung der Digitalisierungsbeauftragten entstehen; ein "
        "interkommunaler Newsletter soll entwickelt werden. Gemeinsam mit der "
        "Prozessbegleitung der Prognos AG wurde ein Schulungskonzept für den Kompetenzaufbau "
        "entwickelt, das je nach Bedarf und Möglichkeiten der Kreis, die Kommunen, die "
        "IT-Prozessbegleitung und/oder externe Dienstleister umsetzen. Verschiedene "
        "Kommunikationskanäle sind im Aufbau; zentrale Anlaufstelle wird die Website der "
        "Digitalagentur (www.kreis-coesfeld-digital.de), ergänzt um die Sozialen Medien.\n\n"
        "Das Landesministerium für Heimat, Kommunales, Bau und Gleichstellung hat die "
        "Zusammenarbeit mit dem „Landespreis für innovative interkommunale Zusammenarbeit“ "
        "ausgezeichnet; der Preis wurde am 28.03.2022 stellvertretend an Landrat Dr. Christian "
        "Schulze Pellengahr und Bürgermeistersprecher Wilhelm Sendermann überreicht."
    ),
    "projects": (
        "Smarte.Land.Regionen: Gemeinsam mit dem Fraunhofer-Institut für experimentelle "
        "Softwareentwicklung (IESE) werden digitale Dienste entwickelt, um dauerhaft mobiles "
        "Arbeiten zu stärken und Pendlerverkehre zu reduzieren; ein Schwerpunkt liegt auf "
        "Coworking Spaces als dritten Arbeitsorten neben Betrieb und Home-Office.\n\n"
        "- Der digitale Dienst befindet sich als erster Prototyp in der Testphase. Hinzu kam "
        "das Ziel, unter dem Arbeitstitel „Landräume“ leerstehende oder untergenutzte "
        "Räumlichkeiten, z. B. für Kultur-, Bildungs- oder Sportveranstaltungen, buchbar zu "
        "machen.\n"
        "- In Kooperation mit der CoWorkLand Genossenschaft startet in der zweiten "
        "Jahreshälfte eine Pilotphase mit Arbeitgebenden aus der Region, zunächst mit der wfc "
        "Kreis Coesfeld, der Gemeinde Senden und zwei Unternehmen aus Münster. Die Akquise "
        "weiterer Arbeitgebender gestaltet sich schwierig, weil Coworking für viele Akteure "
        "noch neuartig und erklärungsbedürftig ist; Öffentlichkeitsarbeit und Information "
        "kommt daher große Bedeutung zu.\n"
        "- Mit der Kommunikationsagentur Living Concept aus Münster entstehen eine Website zum "
        "Thema Coworking im Münsterland (angedockt an muensterland.com) und Social-Media-"
        "Kanäle; die Kommunikationskampagnen starten voraussichtlich ab September/Oktober.\n"
        "- Zurzeit läuft eine kreisweite Online-Befragung zu mobilem Arbeiten und Coworking "
        "(https://www.coe.de/coworking); ihre Ergebnisse bilden die Grundlage für die weiteren "
        "Projektschritte und die Kommunikation."
    ),
    "funding": (
        "Der Kreis Coesfeld hat sich im Jahr 2020 erfolgreich am Förderaufruf "
        "Smarte.Land.Regionen des Bundesministeriums für Ernährung und Landwirtschaft (BMEL) "
        "beteiligt."
    ),
    "events": (
        "Für den 15.11.2022 ist die erste Digitalisierungskonferenz im Kreis Coesfeld geplant. "
        "Sie soll die Digitalisierungsstrategie der interessierten Fachöffentlichkeit "
        "vorstellen, Impulse für die Konkretisierung einzelner Themen und Projekte der "
        "Strategie geben und weitere Stakeholder einbeziehen."
    ),
    "staffing": (
        "Die Aktivitäten der Digitalagentur koordiniert die im Frühjahr 2022 neu geschaffene "
        "Smart Region Koordinatorin des Kreises Coesfeld, Helena Mense Oliveira."
    ),
}

_SV_0968 = {
    "intro": (
        "Über den Sachstand der kreisweiten Digitalisierungsstrategie, der gemeinsamen "
        "Digitalagentur sowie des Modellvorhabens Smarte.Land.Regionen wurde zuletzt in der "
        "Ausschusssitzung am 13.09.2022 berichtet (SV-10-0671). Mathias Raabe und Dr. Jürgen "
        "Grüner berichten in der Ausschusssitzung zum aktuellen Stand."
    ),
    "strategy": (
        "- Die Digitalisierungsstrategie dient weiterhin als Orientierungsrahmen für das "
        "gemeinsame Gestalten der Digitalisierung; in mehreren Städten und Gemeinden werden "
        "darauf aufbauend kommunale Digitalisierungsstrategien erarbeitet.\n"
        "- Die Strategie wird sukzessive umgesetzt und ist zugleich ein „lebendes Dokument“, "
        "das immer wieder durch neue Projekte ergänzt werden kann."
    ),
    "agency": (
        "- Die Digitalagentur (www.kreis-coesfeld-digital.de) ist mittlerweile eine etablierte "
        "Plattform für eine kreisweit abgestimmte Umsetzung der Digitalisierungsstrategie.\n"
        "- Über Inhouse-Seminare und Schulungen wurde insbesondere der gemeinsame "
        "Kompetenzaufbau vorangetrieben; das Netzwerk der Digitalisierungsbeauftragten in der "
        "kommunalen Familie ist dadurch enger zusammengewachsen.\n"
        "- Die Vorreiterrolle des Kreises und der Städte und Gemeinden wird auch überregional "
        "wahrgenommen, etwa durch die Auszeichnung mit dem „Landespreis für innovative "
        "interkommunale Zusammenarbeit“ und zahlreiche Vortragsanfragen."
    ),
    "projects": (
        "Leuchtturmprojekte sind neben den zahlreichen Projekten der Verwaltungsdigitalisierung "
        "insbesondere:\n"
        "- das Modellvorhaben Smarte.Land.Regionen mit dem Schwerpunktthema Coworking und New "
        "Work,\n"
        "- die über das LoReNa-Projekt für das Münsterland gewonnene "
        "Direktvermarktungsplattform wochenmarkt24 (https://muenster.wochenmarkt24.de),\n"
        "- die kommit!-Mobilitätsangebote über das Projekt „Bürgerlabor Mobiles Münsterland“,\n"
        "- die im Aufbau befindliche kreisweite LoRaWAN-Infrastruktur,\n"
        "- das in immer mehr Städten und Gemeinden etablierte digitale E-Lastenrad-Sharing."
    ),
    "events": (
        "Über Veranstaltungen wie die sehr gut besuchte Digitalisierungskonferenz im November "
        "2022 und Kampagnen wie den für Oktober 2023 geplanten Digitalisierungswettbewerb "
        "„ZukunftsWandler“ lässt sich das Digitalisierungsgeschehen im Kreis Coesfeld gut "
        "kommunizieren."
    ),
    "staffing": (
        "Die aktuelle Personalsituation erschwert die Arbeit deutlich: Seit Juni 2023 sind die "
        "beiden Projektstellen Smarte.Land.Regionen und die Stelle Smart Region Koordination "
        "vakant. Kernaufgaben übernehmen Mathias Raabe und Dr. Jürgen Grüner; naturgemäß "
        "können so nicht alle gesteckten Ziele erreicht werden."
    ),
}

# In order: each report's "previous" is the one before it. "meeting" is a date of MEETINGS.
# None of the seeds lists attachments (Anlagen).
STATUS_REPORTS = [
    {
        "reference": "SV-10-0502",
        # Reconstructed: the seeds give neither the Betreff nor the paper's date nor its
        # period. Date: the meeting of 17.03.2022, the only date SV_2022 gives for it.
        # Period: from the adoption of the strategy (October 2021), the last step SV_2022
        # recounts before that report.
        "title": (
            "Sachstandsbericht Modellprojekt Smarte.Land.Regionen, Digitalisierungsstrategie "
            "und Digitalagentur (rekonstruiert)"
        ),
        "date": D(2022, 3, 17),
        "meeting": D(2022, 3, 17),
        "period_start": D(2021, 10, 1),
        "period_end": D(2022, 3, 17),
        "previous": None,
        "resolution": (
            "Der Sachstandsbericht zum Modellprojekt Smarte.Land.Regionen, zur "
            "Digitalisierungsstrategie und zur Digitalagentur wird zur Kenntnis genommen. "
            "(Rekonstruiert; der Wortlaut der Vorlage liegt nicht vor.)"
        ),
        "sections": _sections(_SV_0502),
        "topics": _topics(_SV_0502),
        "attachments": "",
    },
    {
        "reference": "SV-10-0671",
        "title": "Sachstandsbericht Digitalisierungsstrategie und Digitalagentur",
        "date": D(2022, 8, 18),
        "meeting": D(2022, 9, 13),
        "period_start": D(2022, 3, 17),
        "period_end": D(2022, 9, 13),
        "previous": "SV-10-0502",
        "resolution": (
            "Der Sachstandsbericht zur Digitalisierungsstrategie, der Digitalagentur und dem "
            "Modellvorhaben Smarte.Land.Regionen wird zur Kenntnis genommen."
        ),
        "sections": _sections(_SV_0671),
        "topics": _topics(_SV_0671),
        "attachments": "",
    },
    {
        "reference": "SV-10-0968",
        "title": "Sachstandsbericht Digitalisierungsstrategie und Digitalagentur",
        # SV_2023 gives no date of the paper, only the meeting of 14.09.2023: stored as the
        # paper's date.
        "date": D(2023, 9, 14),
        "meeting": D(2023, 9, 14),
        "period_start": D(2022, 9, 13),
        "period_end": D(2023, 9, 14),
        "previous": "SV-10-0671",
        "resolution": (
            "Der Sachstandsbericht zur Digitalisierungsstrategie und zur Digitalagentur wird "
            "zur Kenntnis genommen."
        ),
        "sections": _sections(_SV_0968),
        "topics": _topics(_SV_0968),
        "attachments": "",
    },
]
