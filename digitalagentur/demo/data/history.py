"""The strategy's history (timeline), the frozen version "Fassung 2021" and its adoptions."""

import datetime

from . import ARTIKEL, PRAESENTATION, SV_2022, SV_2023, VORLAGE_COE

D = datetime.date

# Topics (strategy.choices.Topic): under which topic a status report names an entry.
STRATEGY, AGENCY, PROJECTS, FUNDING, EVENTS, STAFFING = (
    "strategy",
    "agency",
    "projects",
    "funding",
    "events",
    "staffing",
)


def _entry(date, precision, topic, title, description, participants=None) -> dict:
    return {
        "date": date,
        "precision": precision,
        "topic": topic,
        "title": title,
        "description": description,
        "participants": participants,
    }


# The strategy's chronicle. Precision "month"/"year": the date is the first day of the month
# or year, or a day inside the period (only for sorting) when the seed gives a season or a
# half-year. "Stand August 2022" entries give what SV_2022 (dated 18.08.2022) reports as the
# state of things then, without an earlier date. SV_2022 reports everything from its period
# 17.03.2022–13.09.2022 and SV_2023 everything after it: the entries are dated so that each
# lies in the period of the paper that reports it.
TIMELINE = [
    _entry(
        D(2019, 6, 1),
        "month",
        EVENTS,
        "Auftaktkonferenz in Senden",
        "Kreis, Städte und Gemeinden vereinbaren die Erarbeitung einer gemeinsamen "
        "Digitalisierungsstrategie (Vorlage 297/2019). Der Prozess startet mit einer "
        "Auftaktkonferenz in Senden; getragen wird er von einer Arbeitsgruppe aus Vertretenden "
        "des Kreises, der Städte und Gemeinden und der Kreistagsfraktionen. "
        f"Quelle: {VORLAGE_COE}.",
    ),
    _entry(
        D(2019, 7, 1),
        "year",
        STRATEGY,
        "Analysephase zum Status quo (Sommermonate 2019)",
        "Die Vertretenden der Städte, Gemeinden und des Kreises klären mit einem strukturierten "
        "Fragebogen vor Ort, wo in vorab definierten Themenfeldern Bedarfe für digitale "
        "Lösungen bestehen und wie groß der kommunale Gestaltungsspielraum ist. "
        f"Quelle: {VORLAGE_COE}.",
    ),
    _entry(
        D(2019, 9, 1),
        "month",
        STRATEGY,
        "Workshop der Arbeitsgruppe: prioritäre Themenfelder, Leitbild und Zielsystem",
        "Auf Basis der konsolidierten Rückmeldungen entsteht eine Liste der prioritären "
        "Themenfelder und ein Vorschlag für Leitbild und Zielsystem unter dem Titel "
        f"„Coesfeld 12.0 – Im Kreis gemeinsam digital“. Quelle: {VORLAGE_COE}.",
    ),
    _entry(
        D(2019, 11, 1),
        "month",
        STRATEGY,
        "Bürgermeisterkonferenz verabschiedet Leitbild, Zielvorstellungen und Prioritäten",
        "Entwurf des Leitbildes, Zielvorstellungen für die zentralen Themenfelder und deren "
        "Priorisierung werden beraten und einvernehmlich verabschiedet. "
        f"Quelle: {VORLAGE_COE}.",
    ),
    _entry(
        D(2020, 1, 1),
        "year",
        FUNDING,
        "Erfolgreiche Bewerbung im Förderaufruf Smarte.Land.Regionen (BMEL)",
        "Der Kreis Coesfeld beteiligt sich im Jahr 2020 erfolgreich am Förderaufruf "
        "Smarte.Land.Regionen des Bundesministeriums für Ernährung und Landwirtschaft. Ziel ist, "
        "gemeinsam mit dem Fraunhofer-Institut für experimentelle Softwareentwicklung (IESE) "
        "digitale Dienste zu entwickeln, die dauerhaft mobiles Arbeiten stärken und "
        "Pendlerverkehre reduzieren; Schwerpunkt sind Coworking Spaces als dritte Arbeitsorte. "
        f"Den Monat nennen die Quellen nicht. Quellen: {SV_2022}; {ARTIKEL}.",
    ),
    _entry(
        D(2020, 2, 19),
        "day",
        EVENTS,
        "Themenfeld-Workshop „Mobilität“",
        f"Ganztagesworkshop mit 30 Teilnehmerinnen und Teilnehmern. Quelle: {VORLAGE_COE}.",
        participants=30,
    ),
    _entry(
        D(2020, 3, 1),
        "month",
        EVENTS,
        "Workshops „Wirtschaft“ und „Innenstadt/Dorfmitte“ in den digitalen Raum verschoben",
        "Die für März und April 2020 geplanten Workshops können wegen des Lockdowns im Zuge "
        f"der Corona-Pandemie nicht wie geplant stattfinden. Quelle: {VORLAGE_COE}.",
    ),
    _entry(
        D(2020, 6, 1),
        "month",
        EVENTS,
        "Digitaler Themenfeld-Workshop „Wirtschaft“",
        "Drei Videomeetings und zwei Phasen dezentralen Arbeitens, 23 Teilnehmerinnen und "
        f"Teilnehmer. Quelle: {VORLAGE_COE}.",
        participants=23,
    ),
    _entry(
        D(2020, 6, 1),
        "month",
        EVENTS,
        "Digitaler Themenfeld-Workshop „Innenstadt/Dorfmitte“",
        "Drei Videomeetings und zwei Phasen dezentralen Arbeitens, 34 Teilnehmerinnen und "
        f"Teilnehmer. Quelle: {VORLAGE_COE}.",
        participants=34,
    ),
    _entry(
        D(2020, 8, 1),
        "month",
        STRATEGY,
        "Arbeitsgruppe verabschiedet das konsolidierte Ergebnis",
        "Die Ergebnisse der Themenfeld-Workshops werden mit den Rückmeldungen zu Priorität I "
        "zusammengeführt und mit Leitbild, Zielen und Prioritäten zu einer Fassung vereint. "
        "Die Arbeitsgruppe empfiehlt lokale Digitalisierungsverantwortliche (mindestens 0,5 "
        "Stelle je Stadt/Gemeinde), 1,0 Stelle beim Kreis und den Aufbau einer Digitalagentur "
        f"als virtuelle Organisation. Quellen: {VORLAGE_COE}; {PRAESENTATION}.",
    ),
    _entry(
        D(2020, 9, 9),
        "day",
        STRATEGY,
        "Konsolidierte Projektliste",
        "Empfehlungen der interkommunalen Arbeitsgruppe: die konsolidierte Projektliste "
        f"(Projektleitung: Prof. Dr. Ingrid Isenhardt). Quelle: {PRAESENTATION}.",
    ),
    _entry(
        D(2021, 2, 1),
        "day",
        STRATEGY,
        "Bürgermeisterkonferenz beschließt die Strategie und bringt sie in die Räte ein",
        "Die Bürgermeisterkonferenz berät die textliche Fassung der Strategie und beschließt "
        "einvernehmlich, sie zur Beratung und Beschlussfassung in alle Stadt- und Gemeinderäte "
        "und den Kreistag einzubringen. Datum laut Zeitplan der Präsentation (01.02.2021), "
        f"„im Februar 2021“ laut Vorlage. Quellen: {PRAESENTATION}; {VORLAGE_COE}.",
    ),
    _entry(
        D(2021, 3, 4),
        "day",
        STRATEGY,
        "Vorstellung im Ausschuss der Gemeinde Havixbeck",
        "Präsentation „Coesfeld 12.0 – Entwicklung einer kreisweiten Digitalisierungsstrategie“ "
        "im Ausschuss für Wirtschaftsförderung, Digitalisierung, Regionales und Kultur der "
        "Gemeinde Havixbeck (Dr. Jürgen Grüner, wfc).",
    ),
    _entry(
        D(2021, 3, 14),
        "day",
        FUNDING,
        "Bewerbungsfrist im Förderaufruf „Modellprojekte Smart Cities“ des BMI",
        "Geplanter Wettbewerbsbeitrag „Kreis Coesfeld – Raum für Zukunft“: Umsetzung von 7 der "
        "28 Projekte mit einem Budget von 8,16 Mio. € (Förderung 65 %: 5,31 Mio. €, "
        "Eigenanteil 35 %: 2,86 Mio. €). Einreichung und Juryentscheidung sind in den Quellen "
        f"nicht belegt. Quelle: {PRAESENTATION}.",
    ),
    _entry(
        D(2021, 6, 24),
        "day",
        STRATEGY,
        "Vorberatung im Haupt- und Finanzausschuss der Stadt Coesfeld",
        f"Beschlussvorschlag: Verabschiedung der Strategie. Quelle: {VORLAGE_COE}.",
    ),
    _entry(
        D(2021, 7, 1),
        "day",
        STRATEGY,
        "Entscheidung im Rat der Stadt Coesfeld",
        f"Laut Beratungsfolge der Vorlage. Quelle: {VORLAGE_COE}.",
    ),
    _entry(
        D(2021, 10, 1),
        "month",
        STRATEGY,
        "Kreis und alle elf Städte und Gemeinden haben die Strategie verabschiedet",
        "Im Oktober 2021 haben der Kreis Coesfeld und alle elf Städte und Gemeinden die "
        f"gemeinsame Digitalisierungsstrategie verabschiedet. Quellen: {SV_2022}; {ARTIKEL}.",
    ),
    _entry(
        D(2022, 3, 17),
        "day",
        STRATEGY,
        "Sachstandsbericht im Ausschuss des Kreises (SV-10-0502)",
        "Bericht im Ausschuss für Finanzen, Wirtschaftsförderung und Digitalisierung über "
        "Smarte.Land.Regionen, die Digitalisierungsstrategie und die im Aufbau befindliche "
        f"Digitalagentur. Quelle: {SV_2022}.",
    ),
    _entry(
        D(2022, 3, 28),
        "day",
        AGENCY,
        "Landespreis für innovative interkommunale Zusammenarbeit",
        "Das Landesministerium für Heimat, Kommunales, Bau und Gleichstellung zeichnet die "
        "Zusammenarbeit aus; der Preis wird stellvertretend an Landrat Dr. Christian Schulze "
        f"Pellengahr und Bürgermeistersprecher Wilhelm Sendermann überreicht. Quelle: {SV_2022}.",
    ),
    _entry(
        # "im Frühjahr dieses Jahres" (SV_2022): a day inside spring 2022 after the report of
        # 17.03.2022, only for sorting; SV_2022 reports the post as new since that report.
        D(2022, 4, 1),
        "year",
        STAFFING,
        "Neue Stelle Smart Region Koordination beim Kreis (Frühjahr 2022)",
        "Im Frühjahr 2022 schafft der Kreis Coesfeld die Stelle der Smart Region "
        "Koordinatorin; Helena Mense Oliveira koordiniert die Aktivitäten der Digitalagentur. "
        f"Den genauen Zeitpunkt nennt die Quelle nicht. Quelle: {SV_2022}.",
    ),
    _entry(
        D(2022, 4, 26),
        "day",
        AGENCY,
        "Gründung der Digitalagentur: konstituierende Sitzung des Koordinierungskreises",
        "Städte, Gemeinden und Kreis gründen im April 2022 die Digitalagentur als virtuelle "
        "Organisation. Der Koordinierungskreis verabschiedet die Wort-Bild-Marke „Gemeinsam. "
        "Digital. Im Kreis Coesfeld.“; Niklas Esser, Dr. Jürgen Grüner und Mathias Raabe "
        f"werden zum Sprechertrio gewählt. Quellen: {SV_2022}; {ARTIKEL}.",
    ),
    _entry(
        # "startet in der zweiten Jahreshälfte" (SV_2022): the first day of that half-year,
        # only for sorting.
        D(2022, 7, 1),
        "year",
        PROJECTS,
        "Smarte.Land.Regionen: Pilotphase mit Arbeitgebenden (zweite Jahreshälfte 2022)",
        "In Kooperation mit der CoWorkLand Genossenschaft startet eine Pilotphase mit "
        "Arbeitgebenden aus der Region; zunächst nehmen die wfc Kreis Coesfeld, die Gemeinde "
        "Senden und zwei Unternehmen aus Münster teil. Ermittelt werden Anforderungen und "
        "Rahmenbedingungen an das Arbeiten in Coworking Spaces in ländlichen Regionen. Die "
        "Akquise weiterer Arbeitgebender gestaltet sich schwierig, da Coworking für viele "
        f"Akteure noch neuartig und erklärungsbedürftig ist. Quelle: {SV_2022}.",
    ),
    _entry(
        D(2022, 8, 1),
        "month",
        AGENCY,
        "Schulungskonzept für den Kompetenzaufbau (Stand August 2022)",
        "Gemeinsam mit der Prozessbegleitung der Prognos AG ist ein Schulungskonzept "
        "entwickelt worden, um den Kompetenzaufbau im Bereich Digitalisierung zu fördern. Die "
        "Umsetzung erfolgt je nach Bedarf und Möglichkeiten durch den Kreis, die Kommunen, die "
        "IT-Prozessbegleitung und/oder externe Dienstleister. Stand laut Vorlage vom "
        f"18.08.2022; den genauen Zeitpunkt nennt die Quelle nicht. Quelle: {SV_2022}.",
    ),
    _entry(
        D(2022, 8, 1),
        "month",
        AGENCY,
        "Kommunikation der Digitalagentur im Aufbau: Website und Newsletter (Stand August 2022)",
        "Für alle Beteiligten soll mehr Transparenz über die Digitalisierungsaktivitäten und "
        "eine stärkere Vernetzung der Digitalisierungsbeauftragten entstehen; ein "
        "interkommunaler Newsletter soll entwickelt werden. Verschiedene Kommunikationskanäle "
        "sind im Aufbau: zentrale Anlaufstelle wird die Website der Digitalagentur "
        "(www.kreis-coesfeld-digital.de), ergänzt um die Sozialen Medien. Stand laut Vorlage "
        f"vom 18.08.2022. Quelle: {SV_2022}.",
    ),
    _entry(
        D(2022, 8, 1),
        "month",
        EVENTS,
        "Erste Digitalisierungskonferenz für den 15.11.2022 geplant (Stand August 2022)",
        "Die Konferenz soll die Digitalisierungsstrategie der interessierten "
        "Fachöffentlichkeit vorstellen, Impulse für die Konkretisierung einzelner Themen und "
        "Projekte der Strategie geben und weitere Stakeholder einbeziehen. Stand laut Vorlage "
        f"vom 18.08.2022. Quelle: {SV_2022}.",
    ),
    _entry(
        D(2022, 8, 1),
        "month",
        PROJECTS,
        "Smarte.Land.Regionen: erster Prototyp in der Testphase (Stand August 2022)",
        "Der im Förderprojekt entwickelte digitale Dienst befindet sich als erster Prototyp in "
        "der Testphase. Um sich von bestehenden Plattformen abzuheben, kam das Ziel hinzu, "
        "unter dem Arbeitstitel „Landräume“ leerstehende oder untergenutzte Räumlichkeiten, "
        "z. B. für Kultur-, Bildungs- oder Sportveranstaltungen, buchbar zu machen. Stand laut "
        f"Vorlage vom 18.08.2022. Quelle: {SV_2022}.",
    ),
    _entry(
        D(2022, 8, 1),
        "month",
        PROJECTS,
        "Smarte.Land.Regionen: kreisweite Online-Befragung zu mobilem Arbeiten und Coworking",
        "Um die Situation und Haltung der Bürgerinnen und Bürger im Kreis Coesfeld mit Blick "
        "auf mobiles Arbeiten und Coworking besser zu verstehen, läuft eine kreisweite "
        "Online-Befragung (https://www.coe.de/coworking). Die Ergebnisse bilden die Grundlage "
        "für die weiteren Projektschritte und die Kommunikation. Laut Vorlage vom 18.08.2022 "
        f"„zurzeit“ durchgeführt. Quellen: {SV_2022}; {ARTIKEL}.",
    ),
    _entry(
        D(2022, 8, 1),
        "month",
        PROJECTS,
        "Smarte.Land.Regionen: Kommunikationskanäle mit Living Concept (Stand August 2022)",
        "Gemeinsam mit der Kommunikationsagentur Living Concept aus Münster baut das "
        "Projektteam Kommunikationskanäle auf, insbesondere eine Website zum Thema Coworking "
        "im Münsterland (angedockt an muensterland.com) und Social-Media-Kanäle. Die "
        "Kommunikationskampagnen zu mobilem Arbeiten und Coworking starten voraussichtlich ab "
        f"September/Oktober 2022. Quelle: {SV_2022}.",
    ),
    _entry(
        D(2022, 9, 13),
        "day",
        STRATEGY,
        "Sachstandsbericht im Ausschuss des Kreises (SV-10-0671)",
        "Sachstand zur Digitalisierungsstrategie, zur Digitalagentur und zu "
        f"Smarte.Land.Regionen. Quelle: {SV_2022}.",
    ),
    _entry(
        D(2022, 11, 15),
        "day",
        EVENTS,
        "Erste Digitalisierungskonferenz im Kreis Coesfeld",
        "Stakeholder aus Vereinen, Verbänden, Bildung und Politik erhalten Einblick in den "
        "Prozess der Strategieentwicklung und die Idee der Digitalagentur; ein Markt der "
        "Möglichkeiten zeigt Projekte in der Umsetzung, World Cafés behandeln New Work und "
        "Verwaltungsdigitalisierung. Laut Vorlage von 2023 „sehr gut besucht“; eine "
        f"Teilnehmerzahl nennen die Quellen nicht. Quellen: {SV_2022}; {ARTIKEL}; {SV_2023}.",
    ),
    _entry(
        # ARTIKEL plans "für 2023" an internal seminar series; SV_2023 reports in-house
        # seminars and trainings as done. No month: the first day of 2023, year precision.
        D(2023, 1, 1),
        "year",
        AGENCY,
        "Inhouse-Seminare und Schulungen für den gemeinsamen Kompetenzaufbau (2023)",
        "Mit einer internen Seminarreihe werden die Kompetenzen im Bereich "
        "Digitalisierungsprojekte weiter aufgebaut. Über Inhouse-Seminare und Schulungen wird "
        "der gemeinsame Kompetenzaufbau erfolgreich vorangetrieben; das Netzwerk der "
        "Digitalisierungsbeauftragten in der kommunalen Familie ist dadurch enger "
        f"zusammengewachsen. Quellen: {ARTIKEL}; {SV_2023}.",
    ),
    _entry(
        D(2023, 6, 1),
        "month",
        STAFFING,
        "Projektstellen Smarte.Land.Regionen und Smart Region Koordination vakant",
        "Seit Juni 2023 sind die beiden Projektstellen Smarte.Land.Regionen und die Stelle "
        "Smart Region Koordination vakant; Kernaufgaben übernehmen Mathias Raabe und Dr. "
        f"Jürgen Grüner. Quelle: {SV_2023}.",
    ),
    _entry(
        D(2023, 9, 14),
        "day",
        STRATEGY,
        "Sachstandsbericht im Ausschuss des Kreises (SV-10-0968)",
        "Die Digitalagentur ist eine etablierte Plattform für die kreisweit abgestimmte "
        "Umsetzung; in mehreren Städten und Gemeinden entstehen darauf aufbauend kommunale "
        f"Digitalisierungsstrategien. Quelle: {SV_2023}.",
    ),
    _entry(
        D(2023, 10, 1),
        "month",
        EVENTS,
        "Digitalisierungswettbewerb „ZukunftsWandler“ (geplant)",
        f"Für Oktober 2023 geplante Kampagne. Quelle: {SV_2023}.",
    ),
]

VERSION = {
    "name": "Fassung 2021",
    "note": (
        "Die vom Kreistag und allen elf Stadt- und Gemeinderäten 2021 verabschiedete Fassung "
        "mit den 28 Projekten. Demodaten: beim ersten Laden der Demo aus dem damaligen Stand "
        "eingefroren."
    ),
}

# Adoptions of VERSION: (body slug, town slug or None, date, precision, decision, note).
_BY_OCTOBER = "Datum laut Quelle: bis Oktober 2021"
ADOPTIONS = [
    (
        "coesfeld-haupt-und-finanzausschuss",
        "coesfeld",
        D(2021, 6, 24),
        "day",
        "recommended",
        f"Vorberatung laut Beratungsfolge. Quelle: {VORLAGE_COE}.",
    ),
    (
        "rat-coesfeld",
        "coesfeld",
        D(2021, 7, 1),
        "day",
        "adopted",
        f"Entscheidung laut Beratungsfolge. Quelle: {VORLAGE_COE}.",
    ),
    ("kreistag", None, D(2021, 10, 1), "month", "adopted", f"{_BY_OCTOBER} ({SV_2022})."),
]
# Every other town council: adopted by October 2021; the seeds give no exact day.
_OTHER_TOWNS = [
    "ascheberg",
    "billerbeck",
    "duelmen",
    "havixbeck",
    "luedinghausen",
    "nordkirchen",
    "nottuln",
    "olfen",
    "rosendahl",
    "senden",
]
ADOPTIONS += [
    (f"rat-{slug}", slug, D(2021, 10, 1), "month", "adopted", f"{_BY_OCTOBER} ({SV_2022}).")
    for slug in _OTHER_TOWNS
]
