"""The Smart Cities bid "Kreis Coesfeld – Raum für Zukunft" (seed 003): its budget.

Seed 003 gives the "Budgetübersicht (in Mio. €)" rounded to two places, and those figures do
not add up (the rows' investive amounts add up to 4,92, the table says 4,90). The amounts here
are exact euros, chosen so that every figure of the table follows from them by rounding half
up: each row's investive, consumptive and total amount, the totals 4,90 / 3,27 / 8,16, the
shares 60,0 % / 40,0 %, the grant at 65 % (5,31 Mio. €) and the own share (2,86 Mio. €).
They are not the district's real figures (the seed has none finer), and are marked as such.
"""

from decimal import Decimal

SMART_CITIES_FUNDING_RATE = Decimal("0.65")

# (sub-project, investive €, consumptive €); every line eligible.
SMART_CITIES_BUDGET = [
    ("Raum für smarte Arbeit", Decimal("35500.00"), Decimal("325000.00")),
    ("Raum für nachhaltige Mobilität", Decimal("3300000.00"), Decimal("846000.00")),
    ("Raum für regionalen Handel", Decimal("36000.00"), Decimal("370000.00")),
    ("Raum für zukunftssichernde Innovationen", Decimal("888000.00"), Decimal("610000.00")),
    (
        "Raum für partizipative Stadt- und Regionalentwicklung",
        Decimal("126000.00"),
        Decimal("390000.00"),
    ),
    ("Raum für digitale Bildung", Decimal("496000.00"), Decimal("590000.00")),
    ("Raum für breite Teilhabe", Decimal("16000.00"), Decimal("135000.00")),
]

# The table of seed 003 as printed: (row, investive, consumptive, total) in Mio. €.
SEED_TABLE = [
    ("Raum für smarte Arbeit", "0.04", "0.33", "0.36"),
    ("Raum für nachhaltige Mobilität", "3.30", "0.85", "4.15"),
    ("Raum für regionalen Handel", "0.04", "0.37", "0.41"),
    ("Raum für zukunftssichernde Innovationen", "0.89", "0.61", "1.50"),
    ("Raum für partizipative Stadt- und Regionalentwicklung", "0.13", "0.39", "0.52"),
    ("Raum für digitale Bildung", "0.50", "0.59", "1.09"),
    ("Raum für breite Teilhabe", "0.02", "0.14", "0.15"),
]
SEED_TOTALS = ("4.90", "3.27", "8.16")
SEED_SHARES = ("60.0", "40.0")  # per cent, one place
SEED_GRANT, SEED_OWN_SHARE = "5.31", "2.86"  # Mio. €


# -- funders, programmes, calls and applications (seeds 000, 002, 003) -------------------------

FUNDERS = [
    # (name, short name)
    ("Bundesministerium des Innern, für Bau und Heimat", "BMI"),
    ("Bundesministerium für Ernährung und Landwirtschaft", "BMEL"),
]

SMART_CITIES = {
    "funder": "BMI",
    "slug": "modellprojekte-smart-cities",
    "name": "Modellprojekte Smart Cities",
    "summary": (
        "Gefördert werden in Phase A die Entwicklung kommunaler Ziele, Strategien und "
        "Maßnahmen zur Gestaltung der Digitalisierung und in Phase B ihre Umsetzung."
    ),
    "funding_rate": Decimal("0.65"),
    "own_share_rate": Decimal("0.35"),
    "third_party_max_share_of_own": Decimal("0.5"),
    "max_grant": Decimal("15000000.00"),
    "total_volume": Decimal("300000000.00"),
    "max_months": 48,
    "cost_types": ["personnel", "material", "investment"],
    "applicant_types": ["town", "district", "association", "cooperation"],
    "phases": (
        "Phase A: Entwicklung kommunaler Ziele, Strategien und Maßnahmen\n"
        "Phase B: Umsetzung der Ziele, Strategien und Maßnahmen"
    ),
    "funding_type": "Zuschuss",
    "funding_region": "bundesweit",
    "eligible_recipients": (
        "Kommunale Gebietskörperschaften, Gemeindeverbände, andere Formen der "
        "interkommunalen Zusammenarbeit"
    ),
    # For matching projects (funding/matching.py): the topics of the seven sub-projects of
    # the district's bid (seed 003) and their fields of action (slugs).
    "keywords": (
        "Smart City, Coworking, Sharing, Mobilität, E-Commerce, Handel, Reallabor, 5G, "
        "Open Innovation, Stadtentwicklung, Regionalentwicklung, Bildung, Schulungszentrum, "
        "Teilhabe, Digitallotsen"
    ),
    "fields": ["bildung", "mobilitaet", "wirtschaft", "innenstadt-dorfmitte"],
    "internal_notes": (
        "Eigenanteil 35 % der förderfähigen Kosten; er kann durch Finanzmittel Dritter "
        "(kommunale oder regionale Unternehmen oder Stiftungen, Länder, EU) um bis zu 50 % "
        "reduziert werden (Vorlage Havixbeck, 04.03.2021)."
    ),
}
SMART_CITIES_CALL = {
    "title": "Förderaufruf „Modellprojekte Smart Cities“ 2021",
    "deadline": "2021-03-14",  # "14.03.2021, 24:00 Uhr"
    "later": [("Politische Beschlüsse über den Eigenanteil", "2021-04-14")],
}
SMARTE_LAND_REGIONEN = {
    "funder": "BMEL",
    "slug": "smarte-land-regionen",
    "name": "Modellvorhaben Smarte.Land.Regionen",
    "summary": "Förderaufruf des BMEL für digitale Dienste in ländlichen Regionen.",
    "funding_rate": None,
    # The topics of the district's project (seeds 000, 002) and its field of action.
    "keywords": "ländliche Regionen, digitale Dienste, mobiles Arbeiten, Coworking, Pendler",
    "fields": ["wirtschaft"],
    "internal_notes": "Fördersatz und Beträge sind in den Quellen nicht genannt.",
}

# The sub-projects of the Smart Cities bid and the strategy projects they carry out. The seed
# says "Umsetzung von 7 der 28 Projekte" without naming them: the links are an editorial
# choice by topic (noted on the application).
SMART_CITIES_SUBPROJECTS = {
    "Raum für smarte Arbeit": "P14",
    "Raum für nachhaltige Mobilität": "P22",
    "Raum für regionalen Handel": "P26",
    "Raum für zukunftssichernde Innovationen": "P15",
    "Raum für partizipative Stadt- und Regionalentwicklung": "P25",
    "Raum für digitale Bildung": "P5",
    "Raum für breite Teilhabe": "P6",
}

APPLICATIONS = [
    {
        "slug": "kreis-coesfeld-raum-fuer-zukunft",
        "title": "Kreis Coesfeld – Raum für Zukunft",
        "programme": "modellprojekte-smart-cities",
        "call": True,
        "status": "submitted",
        "submitted_on": "2021-03-14",
        "start_date": "2022-01-01",  # "Start: Anfang 2022" (seed 003), if the jury agreed
        "all_towns": True,
        "projects": list(SMART_CITIES_SUBPROJECTS.values()),
        "partners": "Wirtschaftsförderung Kreis Coesfeld GmbH (wfc)",
        "summary": (
            "Wettbewerbsbeitrag des Kreises und der elf Städte und Gemeinden: Umsetzung von "
            "7 der 28 Projekte der Digitalisierungsstrategie in sieben Teilprojekten "
            "„Raum für …“."
        ),
        "internal_notes": (
            "Budget: exakte Demo-Beträge, aus denen die gerundete Budgetübersicht der Vorlage "
            "folgt. Zuordnung der Teilprojekte zu P1–P28 redaktionell (die Vorlage nennt "
            "die Nummern nicht)."
        ),
    },
    {
        "slug": "smarte-land-regionen",
        "title": "Smarte.Land.Regionen",
        "programme": "smarte-land-regionen",
        "status": "approved",
        "decided_on": None,
        "all_towns": False,
        "local_projects": ["smarte-land-regionen"],
        "partners": "Fraunhofer-Institut für Experimentelles Software Engineering (IESE)",
        "summary": (
            "2020 erfolgreiche Bewerbung im Förderaufruf Smarte.Land.Regionen des BMEL: "
            "digitale Dienste für mobiles Arbeiten und Coworking, gemeinsam mit dem "
            "Fraunhofer IESE."
        ),
        "internal_notes": "Beträge sind in den Quellen nicht genannt.",
    },
    {
        "slug": "heimat-2-0",
        "title": "Heimat 2.0 – regionaler Online-Marktplatz",
        "programme": None,
        "status": "submitted",
        "all_towns": False,
        "summary": (
            "Gemeinsame Bewerbung von sieben Städten und Gemeinden für einen regionalen "
            "Online-Marktplatz."
        ),
        "internal_notes": (
            "Welche sieben Kommunen, das Programm und die Beträge sind in den Quellen nicht "
            "genannt."
        ),
    },
    {
        "slug": "lorena",
        "title": "LoReNa – Lokal-Regional-Nachhaltig",
        "programme": None,
        "status": "approved",
        "all_towns": False,
        "local_projects": ["lorena-wochenmarkt24"],
        "partners": "Kommunen des Kreises Warendorf",
        "summary": (
            "Interkommunales Projekt von neun Kommunen aus den Kreisen Coesfeld und Warendorf: "
            "Einzelhändler, Dienstleister und Direktvermarkter präsentieren sich online und "
            "verkaufen in einem regionalen Online-Shop."
        ),
        "internal_notes": "Programm und Beträge sind in den Quellen nicht genannt.",
    },
]
