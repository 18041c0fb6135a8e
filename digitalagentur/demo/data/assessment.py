"""The needs assessment of 2019, the themed workshops of 2020 and a demo citizen survey.

Sources (see demo/data/__init__.py): VORLAGE_COE (seed 001) describes the analysis phase of
summer 2019 ("strukturierter Fragebogen": relevance of digitalisation per field and the
towns' potential), the consolidation into the priority groups in September 2019 and the three
themed workshops of 2020. PRAESENTATION (seed 003) gives the questionnaire's criteria and
questions, on the example of tourism; here they are asked for every field of action ("das
Handlungsfeld"), each as a scale question from 1 to 5.

Demo data, not from the seeds: the towns' individual answers (the seeds give only the
resulting priority groups; the answers are generated so that their consolidation reproduces
exactly those groups), the exact days of the two digital workshops in June 2020 (the seeds
give the month), and the citizen survey with its submissions (SV_2022 mentions the district's
online survey on mobile work and coworking, but not its questions or results).
"""

import datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

# -- the questionnaire -----------------------------------------------------------------------

QUESTIONNAIRE = {
    "slug": "bedarfsanalyse-digitalisierung-2019",
    "title": "Bedarfsanalyse Digitalisierung 2019",
    "description": (
        "Strukturierter Fragebogen der Analysephase 2019: Jede Stadt und Gemeinde schätzt für "
        "jedes Handlungsfeld ein, wie relevant die Digitalisierung dort ist und wie groß der "
        "Gestaltungsspielraum (das Digitalisierungspotenzial) der Kommune ist. Die Fragen "
        "folgen dem Beispiel „Tourismus“ der Präsentation „Coesfeld 12.0“, verallgemeinert "
        "auf alle Handlungsfelder; Antworten auf einer Skala von 1 (sehr gering) bis 5 "
        "(sehr hoch)."
    ),
}

SCALE_LABELS = ["sehr gering", "gering", "mittel", "hoch", "sehr hoch"]

# (section title, dimension, description)
SECTIONS = [
    (
        "Relevanz",
        "relevance",
        "Wie relevant ist die Digitalisierung im Handlungsfeld für die Kommune?",
    ),
    (
        "Potenzial",
        "potential",
        "Wie groß ist das Digitalisierungspotenzial, der Gestaltungsspielraum der Kommune?",
    ),
]

# (key, name, dimension, [questions]); weight 1 each (the seeds give no weights).
CRITERIA = [
    (
        "wachstumspotenzial",
        "Wachstumspotenzial",
        "relevance",
        [
            "Wie hoch ist die Wachstumsrate des Handlungsfelds im Vergleich zu anderen Sektoren?",
            "Wie groß ist das Wachstumspotenzial des Handlungsfelds im Vergleich zu anderen "
            "Sektoren?",
            "Wie hoch wird das Wachstumspotenzial des Handlungsfelds für die kommenden Jahre "
            "eingeschätzt?",
            "Wie groß ist der Bedarf an Maßnahmen für das Handlungsfeld, die sich aus der "
            "Potenzialanalyse ergeben (z. B. Marketing)?",
        ],
    ),
    (
        "wirtschaftliche-lage",
        "Wirtschaftliche Lage",
        "relevance",
        [
            "Wie groß sind die Vorteile der Digitalisierung im Handlungsfeld gegenüber ihren "
            "Nachteilen?",
            "Wie hoch ist die relative Leistung des Handlungsfelds zum Potenzialausbau?",
            "Wie hoch ist die Leistung des Handlungsfelds (z. B. Einkaufs- oder Reiseverhalten)?",
        ],
    ),
    (
        "arbeitsplaetze",
        "Arbeitsplätze",
        "relevance",
        [
            "Wie hoch ist die Zahl der Personen, die im Handlungsfeld arbeiten?",
            "Wie wichtig sind die Arbeitsplätze des Handlungsfelds im Vergleich zu anderen "
            "Sektoren?",
            "Wie hoch ist die Zahl der Beschäftigten im Handlungsfeld im Vergleich zu anderen "
            "Sektoren?",
        ],
    ),
    (
        "imagefaktor",
        "Imagefaktor",
        "relevance",
        [
            "Wie wichtig ist das Handlungsfeld als Imagefaktor der Kommune (z. B. "
            "Nachhaltigkeit, Bewahrung des Erbes)?",
        ],
    ),
    (
        "oeffentlicher-diskurs",
        "Öffentlicher Diskurs",
        "relevance",
        [
            "Wie groß ist der Mehrwert, den das Handlungsfeld der Kommune bringt?",
            "Wie wichtig sind die Themen des Handlungsfelds in der Kommune?",
        ],
    ),
    (
        "netzwerke",
        "Netzwerke",
        "potential",
        [
            "Wie gut erleichtern bestehende Netzwerke die Zusammenarbeit im Handlungsfeld?",
        ],
    ),
    (
        "projekte",
        "Projekte",
        "potential",
        [
            "Wie viele Digitalisierungsprojekte sind im Handlungsfeld derzeit im Gange?",
        ],
    ),
    (
        "infrastruktur",
        "Infrastruktur",
        "potential",
        [
            "Wie weit sind die notwendigen Infrastrukturen (z. B. Breitband, WLAN) für das "
            "Handlungsfeld vorhanden?",
        ],
    ),
    (
        "personal",
        "Personal",
        "potential",
        [
            "Wie gut ist das Handlungsfeld mit Mitarbeiterinnen und Mitarbeitern ausgestattet "
            "(z. B. im Jahr 2019)?",
        ],
    ),
    (
        "geraete",
        "Geräte",
        "potential",
        [
            "Wie weit sind die notwendigen Geräte (z. B. Tablets, Laptops) für das "
            "Handlungsfeld vorhanden?",
        ],
    ),
    (
        "verantwortliche",
        "Verantwortliche",
        "potential",
        [
            "Wie klar sind Verantwortliche (z. B. Projektleitungen) für die Digitalisierung im "
            "Handlungsfeld benannt?",
        ],
    ),
    (
        "ressourcen-verwaltung",
        "Ressourcen der Verwaltung",
        "potential",
        [
            "Wie weit sind die notwendigen Ressourcen der Verwaltung (z. B. Personal, Budget) "
            "für die Digitalisierung im Handlungsfeld vorhanden?",
        ],
    ),
]

# -- the round of 2019 -----------------------------------------------------------------------

ROUND = {
    "slug": "bestandsaufnahme-2019",
    "title": "Bestandsaufnahme 2019",
    "description": (
        "Analysephase zum Status quo über die Sommermonate 2019: Die Vertreterinnen und "
        "Vertreter der Städte und Gemeinden klärten vor Ort, wo in den vorab definierten "
        "Themenfeldern Bedarfe für digitale Lösungen gesehen werden, und schätzten ab, wie "
        "groß der Gestaltungsspielraum für Kommunen in diesen Feldern ist. Die "
        "übereinandergelegten Rückmeldungen waren im September 2019 die Grundlage der "
        "Prioritätenliste.\n\n"
        "Demodaten: Die Antworten der einzelnen Kommunen sind erfunden; die Quellen nennen "
        "nur die daraus abgeleiteten Prioritätengruppen."
    ),
    # "über die Sommermonate" (VORLAGE_COE): the end of August 2019, 24:00.
    "deadline_day": datetime.date(2019, 8, 31),
    "combine": "product",
    "group_sizes": [2, 3, 3],
}

# The priority groups of VORLAGE_COE, which the consolidation must reproduce exactly.
EXPECTED_GROUPS = {
    "verwaltung": 1,
    "bildung": 1,
    "mobilitaet": 2,
    "wirtschaft": 2,
    "innenstadt-dorfmitte": 2,
    "gesundheit": 3,
    "kultur": 3,
    "tourismus": 3,
}

# Demo: the level around which the generated answers of all towns scatter, per field
# (relevance, potential). Products 18.5 / 16.8 | 12.9 / 12.2 / 11.5 | 7.5 / 6.7 / 6.2: the
# groups lie far apart, so the scatter cannot move a field into another group.
ANSWER_LEVELS = {
    "verwaltung": (4.4, 4.2),
    "bildung": (4.3, 3.9),
    "mobilitaet": (3.9, 3.3),
    "wirtschaft": (3.8, 3.2),
    "innenstadt-dorfmitte": (3.7, 3.1),
    "gesundheit": (3.0, 2.5),
    "kultur": (2.8, 2.4),
    "tourismus": (2.7, 2.3),
}
ANSWER_SEED = "bestandsaufnahme-2019"
ANSWER_SPREAD = 0.7  # standard deviation of one answer around its level
TOWN_SPREAD = 0.3  # a town's general leaning (stricter or more generous)
SKIP_SHARE = 0.04  # share of questions a town leaves open

# -- the workshops of 2020 (VORLAGE_COE) -----------------------------------------------------

_DIGITAL_FORMAT = (
    "Wegen des Lockdowns im Zuge der Corona-Pandemie nicht wie für {planned} geplant in "
    "Präsenz, sondern in den digitalen Raum verschoben: ein angepasstes Format aus drei "
    "Videomeetings und zwei Phasen dezentralen Arbeitens dazwischen, im Juni 2020.\n\n"
    "Die genauen Termine nennen die Quellen nicht; angegeben ist der Monat Juni 2020."
)
_GOALS = (
    "Die Zielvorstellung für das Handlungsfeld „{field}“ aus dem Entwurf der Strategie "
    "(Bürgermeisterkonferenz, November 2019) wurde mit Expertinnen und Experten der "
    "Digitalisierung, des Fachgebiets und der Region diskutiert; daraus wurden konkrete "
    "Projekte zur Zielerreichung entwickelt. Die Ergebnisse wurden mit den Rückmeldungen zu "
    "den Handlungsfeldern der Priorität I zusammengeführt und im August 2020 in der "
    "prozessbegleitenden Arbeitsgruppe final diskutiert und verabschiedet."
)

WORKSHOPS = [
    {
        "slug": "themenfeld-workshop-mobilitaet",
        "title": "Themenfeld-Workshop Mobilität",
        "field": "mobilitaet",
        "date": datetime.date(2020, 2, 19),
        "end_date": None,
        "format": "in_person",
        "participants": 30,
        "description": "Ganztagesworkshop mit 30 Teilnehmerinnen und Teilnehmern.",
        "goals_discussed": _GOALS.format(field="Mobilität"),
        # The strategy's projects of the field (seed 003): developed in its workshop.
        "projects": ["P19", "P20", "P21", "P22"],
    },
    {
        "slug": "digitaler-themenfeld-workshop-wirtschaft",
        "title": "Digitaler Themenfeld-Workshop Wirtschaft",
        "field": "wirtschaft",
        "date": datetime.date(2020, 6, 1),
        "end_date": datetime.date(2020, 6, 30),
        "format": "digital",
        "participants": 23,
        "description": _DIGITAL_FORMAT.format(planned="März oder April 2020"),
        "goals_discussed": _GOALS.format(field="Wirtschaft"),
        "projects": ["P12", "P13", "P14", "P15", "P16", "P17", "P18"],
    },
    {
        "slug": "digitaler-themenfeld-workshop-innenstadt-dorfmitte",
        "title": "Digitaler Themenfeld-Workshop Innenstadt/Dorfmitte",
        "field": "innenstadt-dorfmitte",
        "date": datetime.date(2020, 6, 1),
        "end_date": datetime.date(2020, 6, 30),
        "format": "digital",
        "participants": 34,
        "description": _DIGITAL_FORMAT.format(planned="März oder April 2020"),
        "goals_discussed": _GOALS.format(field="Innenstadt/Dorfmitte"),
        "projects": ["P23", "P24", "P25", "P26", "P27", "P28"],
    },
]

IDEA_DESCRIPTION = (
    "Projektvorschlag aus dem Workshop, in die Digitalisierungsstrategie übernommen als "
    "{code} „{title}“."
)

# -- the demo citizen survey (topic from SV_2022; everything else is demo data) --------------

SURVEY_QUESTIONNAIRE = {
    "slug": "umfrage-mobiles-arbeiten-coworking",
    "title": "Mobiles Arbeiten und Coworking (Demo-Fragebogen)",
    "description": "Fragebogen der Demo-Umfrage zu mobilem Arbeiten und Coworking.",
}

SURVEY = {
    "slug": "mobiles-arbeiten-coworking",
    "title": "Mobiles Arbeiten und Coworking im Kreis Coesfeld",
    "introduction": (
        "Demo-Umfrage: Diese Umfrage und ihre Antworten sind Beispieldaten zum Ausprobieren. "
        "Sie dürfen den Fragebogen gern ausfüllen.\n\n"
        "Zum Hintergrund: Im Projekt Smarte.Land.Regionen führte der Kreis Coesfeld 2022 eine "
        "kreisweite Online-Befragung durch, um die Situation und Haltung der Bürgerinnen und "
        "Bürger mit Blick auf mobiles Arbeiten und Coworking besser zu verstehen. Deren "
        "Fragen und Ergebnisse sind hier nicht abgebildet; Fragen und Antworten dieser "
        "Demo-Umfrage sind erfunden."
    ),
    # Open through 2027, so that the demo's form can be tried out.
    "opens_at": datetime.datetime(2026, 1, 1, tzinfo=BERLIN),
    "closes_at": datetime.datetime(2028, 1, 1, tzinfo=BERLIN),  # 31.12.2027, 24:00
    "identification": "anonymous",
}
SUBMISSIONS = 150
SUBMISSION_SEED = "umfrage-coworking"

WORKPLACES = [
    "im Betrieb oder Büro des Arbeitgebers",
    "zu Hause (Home-Office)",
    "unterwegs oder bei Kundinnen und Kunden",
    "in einem Coworking Space",
    "derzeit nicht erwerbstätig",
]
HOME_DAYS = ["an keinem Tag", "1 Tag", "2 Tage", "3 Tage", "4 Tage", "5 Tage"]
FEATURES = [
    "schnelles Internet",
    "Besprechungsräume",
    "Kinderbetreuung",
    "ruhige Einzelarbeitsplätze",
    "gute Erreichbarkeit mit Bus und Rad",
    "Parkplätze",
    "Küche oder Café",
    "flexible Buchung online",
]
OUTSIDE = "außerhalb des Kreises Coesfeld"
COMMENTS = [
    "Ein Coworking Space im Ortskern wäre für mich eine echte Alternative zum Pendeln.",
    "Wichtig wäre mir eine verlässliche Internetverbindung.",
    "Ich arbeite gern zu Hause, vermisse aber den Austausch mit anderen.",
    "Mein Arbeitgeber erlaubt mobiles Arbeiten bisher nur selten.",
    "Bitte auch Angebote in den kleineren Gemeinden schaffen.",
    "Tageweise buchbare Arbeitsplätze fände ich gut.",
]

# (key, section, kind, text, extra): the keys are for the loader only.
SURVEY_SECTIONS = ["Ihre Arbeitssituation", "Coworking", "Zu Ihrer Person"]
SURVEY_QUESTIONS = [
    ("workplace", 0, "single", "Wo arbeiten Sie derzeit überwiegend?", {"options": WORKPLACES}),
    (
        "distance",
        0,
        "number",
        "Wie lang ist Ihr Arbeitsweg (einfache Strecke, in Kilometern)?",
        {"min_value": 0, "max_value": 500},
    ),
    (
        "minutes",
        0,
        "number",
        "Wie lange brauchen Sie für Ihren Arbeitsweg (einfache Strecke, in Minuten)?",
        {"min_value": 0, "max_value": 300},
    ),
    (
        "home_days",
        0,
        "single",
        "An wie vielen Tagen pro Woche arbeiten Sie mobil oder im Home-Office?",
        {"options": HOME_DAYS},
    ),
    ("employer_allows", 0, "yesno", "Erlaubt Ihr Arbeitgeber mobiles Arbeiten?", {}),
    (
        "coworked",
        1,
        "yesno",
        "Haben Sie schon einmal in einem Coworking Space gearbeitet?",
        {},
    ),
    (
        "interest",
        1,
        "scale",
        "Wie groß ist Ihr Interesse an einem Coworking Space in Ihrer Nähe?",
        {"scale_labels": SCALE_LABELS, "required": True},
    ),
    (
        "features",
        1,
        "multiple",
        "Was wäre Ihnen in einem Coworking Space wichtig?",
        {"options": FEATURES, "help_text": "Mehrere Antworten möglich."},
    ),
    (
        "save_commute",
        1,
        "scale",
        "Wie wichtig ist es Ihnen, durch mobiles Arbeiten Pendelwege zu sparen?",
        {"scale_labels": SCALE_LABELS},
    ),
    ("town", 2, "single", "In welcher Stadt oder Gemeinde wohnen Sie?", {}),  # options: towns
    ("comment", 2, "text", "Möchten Sie uns noch etwas mitteilen?", {}),
]
