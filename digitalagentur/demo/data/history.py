"""The strategy's history (timeline), the frozen version "Fassung 2021" and its adoptions."""

import datetime

from . import ARTIKEL, PRAESENTATION, SV_2022, SV_2023, VORLAGE_COE

D = datetime.date

# (date, precision, title, description). Precision "month"/"year": the date is the first day
# of the month, or a day inside the period (only for sorting) when the seed gives a season.
TIMELINE = [
    (
        D(2019, 6, 1),
        "month",
        "Auftaktkonferenz in Senden",
        "Kreis, Städte und Gemeinden vereinbaren die Erarbeitung einer gemeinsamen "
        "Digitalisierungsstrategie (Vorlage 297/2019). Der Prozess startet mit einer "
        "Auftaktkonferenz in Senden; getragen wird er von einer Arbeitsgruppe aus Vertretenden "
        "des Kreises, der Städte und Gemeinden und der Kreistagsfraktionen. "
        f"Quelle: {VORLAGE_COE}.",
    ),
    (
        D(2019, 7, 1),
        "year",
        "Analysephase zum Status quo (Sommermonate 2019)",
        "Die Vertretenden der Städte, Gemeinden und des Kreises klären mit einem strukturierten "
        "Fragebogen vor Ort, wo in vorab definierten Themenfeldern Bedarfe für digitale "
        "Lösungen bestehen und wie groß der kommunale Gestaltungsspielraum ist. "
        f"Quelle: {VORLAGE_COE}.",
    ),
    (
        D(2019, 9, 1),
        "month",
        "Workshop der Arbeitsgruppe: prioritäre Themenfelder, Leitbild und Zielsystem",
        "Auf Basis der konsolidierten Rückmeldungen entsteht eine Liste der prioritären "
        "Themenfelder und ein Vorschlag für Leitbild und Zielsystem unter dem Titel "
        f"„Coesfeld 12.0 – Im Kreis gemeinsam digital“. Quelle: {VORLAGE_COE}.",
    ),
    (
        D(2019, 11, 1),
        "month",
        "Bürgermeisterkonferenz verabschiedet Leitbild, Zielvorstellungen und Prioritäten",
        "Entwurf des Leitbildes, Zielvorstellungen für die zentralen Themenfelder und deren "
        "Priorisierung werden beraten und einvernehmlich verabschiedet. "
        f"Quelle: {VORLAGE_COE}.",
    ),
    (
        D(2020, 2, 19),
        "day",
        "Themenfeld-Workshop „Mobilität“",
        f"Ganztagesworkshop mit 30 Teilnehmerinnen und Teilnehmern. Quelle: {VORLAGE_COE}.",
    ),
    (
        D(2020, 3, 1),
        "month",
        "Workshops „Wirtschaft“ und „Innenstadt/Dorfmitte“ in den digitalen Raum verschoben",
        "Die für März und April 2020 geplanten Workshops können wegen des Lockdowns im Zuge "
        f"der Corona-Pandemie nicht wie geplant stattfinden. Quelle: {VORLAGE_COE}.",
    ),
    (
        D(2020, 6, 1),
        "month",
        "Digitaler Themenfeld-Workshop „Wirtschaft“",
        "Drei Videomeetings und zwei Phasen dezentralen Arbeitens, 23 Teilnehmerinnen und "
        f"Teilnehmer. Quelle: {VORLAGE_COE}.",
    ),
    (
        D(2020, 6, 1),
        "month",
        "Digitaler Themenfeld-Workshop „Innenstadt/Dorfmitte“",
        "Drei Videomeetings und zwei Phasen dezentralen Arbeitens, 34 Teilnehmerinnen und "
        f"Teilnehmer. Quelle: {VORLAGE_COE}.",
    ),
    (
        D(2020, 8, 1),
        "month",
        "Arbeitsgruppe verabschiedet das konsolidierte Ergebnis",
        "Die Ergebnisse der Themenfeld-Workshops werden mit den Rückmeldungen zu Priorität I "
        "zusammengeführt und mit Leitbild, Zielen und Prioritäten zu einer Fassung vereint. "
        "Die Arbeitsgruppe empfiehlt lokale Digitalisierungsverantwortliche (mindestens 0,5 "
        "Stelle je Stadt/Gemeinde), 1,0 Stelle beim Kreis und den Aufbau einer Digitalagentur "
        f"als virtuelle Organisation. Quellen: {VORLAGE_COE}; {PRAESENTATION}.",
    ),
    (
        D(2020, 9, 9),
        "day",
        "Konsolidierte Projektliste",
        "Empfehlungen der interkommunalen Arbeitsgruppe: die konsolidierte Projektliste "
        f"(Projektleitung: Prof. Dr. Ingrid Isenhardt). Quelle: {PRAESENTATION}.",
    ),
    (
        D(2021, 2, 1),
        "day",
        "Bürgermeisterkonferenz beschließt die Strategie und bringt sie in die Räte ein",
        "Die Bürgermeisterkonferenz berät die textliche Fassung der Strategie und beschließt "
        "einvernehmlich, sie zur Beratung und Beschlussfassung in alle Stadt- und Gemeinderäte "
        "und den Kreistag einzubringen. Datum laut Zeitplan der Präsentation (01.02.2021), "
        f"„im Februar 2021“ laut Vorlage. Quellen: {PRAESENTATION}; {VORLAGE_COE}.",
    ),
    (
        D(2021, 3, 4),
        "day",
        "Vorstellung im Ausschuss der Gemeinde Havixbeck",
        "Präsentation „Coesfeld 12.0 – Entwicklung einer kreisweiten Digitalisierungsstrategie“ "
        "im Ausschuss für Wirtschaftsförderung, Digitalisierung, Regionales und Kultur der "
        "Gemeinde Havixbeck (Dr. Jürgen Grüner, wfc).",
    ),
    (
        D(2021, 3, 14),
        "day",
        "Bewerbungsfrist im Förderaufruf „Modellprojekte Smart Cities“ des BMI",
        "Geplanter Wettbewerbsbeitrag „Kreis Coesfeld – Raum für Zukunft“: Umsetzung von 7 der "
        "28 Projekte mit einem Budget von 8,16 Mio. € (Förderung 65 %: 5,31 Mio. €, "
        "Eigenanteil 35 %: 2,86 Mio. €). Einreichung und Juryentscheidung sind in den Quellen "
        f"nicht belegt. Quelle: {PRAESENTATION}.",
    ),
    (
        D(2021, 6, 24),
        "day",
        "Vorberatung im Haupt- und Finanzausschuss der Stadt Coesfeld",
        f"Beschlussvorschlag: Verabschiedung der Strategie. Quelle: {VORLAGE_COE}.",
    ),
    (
        D(2021, 7, 1),
        "day",
        "Entscheidung im Rat der Stadt Coesfeld",
        f"Laut Beratungsfolge der Vorlage. Quelle: {VORLAGE_COE}.",
    ),
    (
        D(2021, 10, 1),
        "month",
        "Kreis und alle elf Städte und Gemeinden haben die Strategie verabschiedet",
        "Im Oktober 2021 haben der Kreis Coesfeld und alle elf Städte und Gemeinden die "
        f"gemeinsame Digitalisierungsstrategie verabschiedet. Quellen: {SV_2022}; {ARTIKEL}.",
    ),
    (
        D(2022, 3, 17),
        "day",
        "Sachstandsbericht im Ausschuss des Kreises (SV-10-0502)",
        "Bericht im Ausschuss für Finanzen, Wirtschaftsförderung und Digitalisierung über "
        "Smarte.Land.Regionen, die Digitalisierungsstrategie und die im Aufbau befindliche "
        f"Digitalagentur. Quelle: {SV_2022}.",
    ),
    (
        D(2022, 3, 28),
        "day",
        "Landespreis für innovative interkommunale Zusammenarbeit",
        "Das Landesministerium für Heimat, Kommunales, Bau und Gleichstellung zeichnet die "
        "Zusammenarbeit aus; der Preis wird stellvertretend an Landrat Dr. Christian Schulze "
        f"Pellengahr und Bürgermeistersprecher Wilhelm Sendermann überreicht. Quelle: {SV_2022}.",
    ),
    (
        D(2022, 4, 26),
        "day",
        "Gründung der Digitalagentur: konstituierende Sitzung des Koordinierungskreises",
        "Städte, Gemeinden und Kreis gründen im April 2022 die Digitalagentur als virtuelle "
        "Organisation. Der Koordinierungskreis verabschiedet die Wort-Bild-Marke „Gemeinsam. "
        "Digital. Im Kreis Coesfeld.“; Niklas Esser, Dr. Jürgen Grüner und Mathias Raabe "
        f"werden zum Sprechertrio gewählt. Quellen: {SV_2022}; {ARTIKEL}.",
    ),
    (
        D(2022, 9, 13),
        "day",
        "Sachstandsbericht im Ausschuss des Kreises (SV-10-0671)",
        "Sachstand zur Digitalisierungsstrategie, zur Digitalagentur und zu "
        f"Smarte.Land.Regionen. Quelle: {SV_2022}.",
    ),
    (
        D(2022, 11, 15),
        "day",
        "Erste Digitalisierungskonferenz im Kreis Coesfeld",
        "Die Fachöffentlichkeit erhält Einblick in den Prozess der Strategieentwicklung und "
        "die Idee der Digitalagentur; Markt der Möglichkeiten und World Cafés zu New Work und "
        f"Verwaltungsdigitalisierung. Quellen: {SV_2022}; {ARTIKEL}; {SV_2023}.",
    ),
    (
        D(2023, 6, 1),
        "month",
        "Projektstellen Smarte.Land.Regionen und Smart Region Koordination vakant",
        "Seit Juni 2023 sind die beiden Projektstellen Smarte.Land.Regionen und die Stelle "
        "Smart Region Koordination vakant; Kernaufgaben übernehmen Mathias Raabe und Dr. "
        f"Jürgen Grüner. Quelle: {SV_2023}.",
    ),
    (
        D(2023, 9, 14),
        "day",
        "Sachstandsbericht im Ausschuss des Kreises (SV-10-0968)",
        "Die Digitalagentur ist eine etablierte Plattform für die kreisweit abgestimmte "
        "Umsetzung; in mehreren Städten und Gemeinden entstehen darauf aufbauend kommunale "
        f"Digitalisierungsstrategien. Quelle: {SV_2023}.",
    ),
    (
        D(2023, 10, 1),
        "month",
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
