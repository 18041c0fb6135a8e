"""The Kreis, its towns and the Digitalagentur: lines of work, bodies, people, stakeholders."""

import datetime

REGION = {
    "slug": "kreis-coesfeld",
    "name": "Kreis Coesfeld",
    # The Digitalagentur's website (SV_2022, SV_2023).
    "website": "https://www.kreis-coesfeld-digital.de",
    "land": "Nordrhein-Westfalen",
    # The word-and-picture brand adopted by the Koordinierungskreis on 26.04.2022 (SV_2022).
    "claim": "Gemeinsam. Digital. Im Kreis Coesfeld.",
}

# (slug, name, kind): kind "stadt" or "gemeinde" (tenancy.choices.MunicipalityKind).
TOWNS = [
    ("ascheberg", "Ascheberg", "gemeinde"),
    ("billerbeck", "Billerbeck", "stadt"),
    ("coesfeld", "Coesfeld", "stadt"),
    ("duelmen", "Dülmen", "stadt"),
    ("havixbeck", "Havixbeck", "gemeinde"),
    ("luedinghausen", "Lüdinghausen", "stadt"),
    ("nordkirchen", "Nordkirchen", "gemeinde"),
    ("nottuln", "Nottuln", "gemeinde"),
    ("olfen", "Olfen", "stadt"),
    ("rosendahl", "Rosendahl", "gemeinde"),
    ("senden", "Senden", "gemeinde"),
]


def town_label(town_name: str, kind: str) -> str:
    """'Stadt Dülmen', 'Gemeinde Senden'."""
    return f"{'Stadt' if kind == 'stadt' else 'Gemeinde'} {town_name}"


# The five lines of work named in SV_2022; descriptions from SV_2022, ARTIKEL and the
# implementation tasks of PRAESENTATION ("Umsetzung der Digitalisierungsstrategie").
WORK_LINES = [
    (
        1,
        "Strategie-Weiterentwicklung",
        "Weiterentwicklung und Fortschreibung der gemeinsamen Digitalisierungsstrategie: "
        "ständige Überprüfung des Status quo und konsequente Anpassung an sich ändernde "
        "Bedarfe und Gegebenheiten. Die Strategie ist ein „lebendes Dokument“, das immer "
        "wieder durch neue Projekte ergänzt werden kann.",
    ),
    (
        2,
        "Technologie-Scouting",
        "Scouting und „Trend-Beobachtung“: neue Technologien und digitale Lösungen "
        "beobachten und in den interkommunalen Austausch einbringen.",
    ),
    (
        3,
        "Marken-Bildung",
        "Kommunikation nach innen und außen und Standortmarketing unter der Wort-Bild-Marke "
        "„Gemeinsam. Digital. Im Kreis Coesfeld.“; zentrale Anlaufstelle ist die Website "
        "www.kreis-coesfeld-digital.de, ergänzt um die Sozialen Medien.",
    ),
    (
        4,
        "Fördermittel-Akquise",
        "Akquisition von Fördermitteln für die Umsetzung der Projekte – eine gemeinsame "
        "Digitalisierungsstrategie ist ein wesentliches Argument in vielen "
        "Förderwettbewerben.",
    ),
    (
        5,
        "Projekt-Support",
        "Kümmerer für die Umsetzung der Strategieprojekte: Austausch und Arbeitsteilung über "
        "Stadt- und Gemeindegrenzen hinweg.",
    ),
]

# Bodies: slug -> values. "municipality" is a town slug or None (Kreis / Digitalagentur).
BODIES = [
    {
        "slug": "koordinierungskreis",
        "name": "Koordinierungskreis der Digitalagentur",
        "kind": "coordination",
        "municipality": None,
        "is_agency_body": True,
        "constituted_on": datetime.date(2022, 4, 26),
        "position": 1,
        "description": (
            "Operative Ebene der Digitalagentur: Jede Kommune hat eine/n "
            "Digitalisierungsbeauftragte/n benannt; ergänzt wird die Runde durch Vertretende "
            "relevanter Arbeitskreise oder Digitalisierungsprojekte. In der konstituierenden "
            "Sitzung am 26.04.2022 wurde unter anderem die Wort-Bild-Marke „Gemeinsam. "
            "Digital. Im Kreis Coesfeld.“ verabschiedet."
        ),
    },
    {
        "slug": "lenkungskreis",
        "name": "Lenkungskreis der Digitalagentur",
        "kind": "steering",
        "municipality": None,
        "is_agency_body": True,
        "constituted_on": None,
        "position": 2,
        "description": (
            "Kommt bei Bedarf für strategische Entscheidungen zusammen und besteht aus den "
            "Hauptverwaltungsbeamten im Kreis."
        ),
    },
    {
        "slug": "buergermeisterkonferenz",
        "name": "Bürgermeisterkonferenz",
        "kind": "mayors",
        "municipality": None,
        "is_agency_body": False,
        "constituted_on": None,
        "position": 3,
        "description": (
            "Die Bürgermeisterinnen und Bürgermeister der Städte und Gemeinden im Kreis "
            "Coesfeld und der Landrat: Entscheider und Hauptakteure der Strategieentwicklung."
        ),
    },
    {
        "slug": "interkommunale-arbeitsgruppe",
        "name": "Interkommunale Arbeitsgruppe Digitalisierungsstrategie",
        "kind": "working_group",
        "municipality": None,
        "is_agency_body": False,
        "constituted_on": None,
        "position": 4,
        "description": (
            "Trug den Prozess der Strategieentwicklung ab Juni 2019: Vertreterinnen und "
            "Vertreter des Kreises, der Städte und Gemeinden sowie der im Kreistag Coesfeld "
            "vertretenen Fraktionen. Fachlich und organisatorisch unterstützt von Prof. Dr. Dr. "
            "Björn Niehaves (Universität Siegen), der Stabsstelle Kreisentwicklung beim "
            "Landrat und der wfc."
        ),
    },
    {
        "slug": "kreistag",
        "name": "Kreistag Coesfeld",
        "kind": "council",
        "municipality": None,
        "is_agency_body": False,
        "constituted_on": None,
        "position": 10,
        "description": "",
    },
    {
        "slug": "ausschuss-finanzen-wirtschaft-digitalisierung",
        "name": "Ausschuss für Finanzen, Wirtschaftsförderung und Digitalisierung",
        "kind": "committee",
        "municipality": None,
        "is_agency_body": False,
        "constituted_on": None,
        "position": 11,
        "description": (
            "Ausschuss des Kreises Coesfeld; erhält die Sachstandsberichte zur "
            "Digitalisierungsstrategie und zur Digitalagentur (zuvor: Ausschuss für Finanzen, "
            "Wirtschaftsförderung und Kreisentwicklung)."
        ),
    },
    {
        "slug": "coesfeld-haupt-und-finanzausschuss",
        "name": "Haupt- und Finanzausschuss der Stadt Coesfeld",
        "kind": "committee",
        "municipality": "coesfeld",
        "is_agency_body": False,
        "constituted_on": None,
        "position": 21,
        "description": "",
    },
    {
        "slug": "havixbeck-ausschuss-wirtschaft-digitalisierung",
        "name": (
            "Ausschuss für Wirtschaftsförderung, Digitalisierung, Regionales und Kultur der "
            "Gemeinde Havixbeck"
        ),
        "kind": "committee",
        "municipality": "havixbeck",
        "is_agency_body": False,
        "constituted_on": None,
        "position": 21,
        "description": "",
    },
]


def council_slug(town_slug: str) -> str:
    return f"rat-{town_slug}"


def council_name(town_name: str, kind: str) -> str:
    return f"Rat der {town_label(town_name, kind)}"


# One council (Rat) per town, after the bodies above.
BODIES += [
    {
        "slug": council_slug(slug),
        "name": council_name(name, kind),
        "kind": "council",
        "municipality": slug,
        "is_agency_body": False,
        "constituted_on": None,
        "position": 20,
        "description": "",
    }
    for slug, name, kind in TOWNS
]

# People only as named in the seeds, in their public office; e-mail only at example.org.
# A person is found again by (name, municipality). "office" and "organisation" only where the
# seeds state them; "municipality" is a town slug or None.
PEOPLE = [
    {
        "name": "Helena Mense Oliveira",
        "office": "Smart Region Koordinatorin",
        "organisation": "Kreis Coesfeld",
        "municipality": None,
        "email": "helena.mense-oliveira@example.org",
    },
    {
        "name": "Niklas Esser",
        "office": "",
        "organisation": "Gemeinde Senden",
        "municipality": "senden",
        "email": "niklas.esser@example.org",
    },
    {
        "name": "Dr. Jürgen Grüner",
        "office": "",
        "organisation": "Wirtschaftsförderung Kreis Coesfeld GmbH (wfc)",
        "municipality": None,
        "email": "juergen.gruener@example.org",
    },
    {
        "name": "Mathias Raabe",
        "office": "",
        "organisation": "",
        "municipality": None,
        "email": "mathias.raabe@example.org",
    },
    {
        "name": "Dr. Christian Schulze Pellengahr",
        "office": "Landrat",
        "organisation": "Kreis Coesfeld",
        "municipality": None,
        "email": "",
    },
    {
        "name": "Wilhelm Sendermann",
        "office": "Bürgermeistersprecher",
        "organisation": "",
        "municipality": None,
        "email": "",
    },
    {
        "name": "Prof. Dr. Dr. Björn Niehaves",
        "office": "",
        "organisation": "Universität Siegen",
        "municipality": None,
        "email": "",
    },
    {
        "name": "Dr. Josef Goehrmann",
        "office": (
            "Vorsitzender des damaligen Ausschusses für Finanzen, Wirtschaftsförderung und "
            "Kreisentwicklung des Kreises Coesfeld"
        ),
        "organisation": "",
        "municipality": None,
        "email": "",
    },
    {
        "name": "Prof. Dr. Ingrid Isenhardt",
        "office": "",
        "organisation": "",
        "municipality": None,
        "email": "",
    },
]

# Demo assumption (the seeds say nothing about consent): the people named above, all named in
# public council papers, agreed on this date to be named on the website. Without consent the
# public pages show only the role with a contact hint.
DEMO_CONSENT_DATE = datetime.date(2024, 1, 15)
for _person in PEOPLE:
    _person.update(public_consent=True, consent_date=DEMO_CONSENT_DATE)

# "Als operative Ebene der Digitalagentur hat jede Kommune einen Digitalisierungsbeauftragten
# benannt" (ARTIKEL). The seeds do not name them: "N. N." (name not known), office only.
UNNAMED = "N. N."
PEOPLE += [
    {
        "name": UNNAMED,
        "office": "",
        "organisation": town_label(name, kind),
        "municipality": slug,
        "email": "",
        "public_consent": False,
    }
    for slug, name, kind in TOWNS
]

# (body slug, (person name, town slug or None), role, label, start_date, end_date); role from
# directory.choices.MembershipRole. An empty label shows the role's own name.
MEMBERSHIPS = [
    (
        "koordinierungskreis",
        ("Helena Mense Oliveira", None),
        "coordinator",
        # SV_2022: coordination by the Smart Region Koordinatorin, a post created in spring
        # 2022; SV_2023: "Seit Juni ´23 ... die Stelle Smart Region Koordination vakant".
        "Koordination der Aktivitäten (Stelle seit Juni 2023 vakant)",
        None,
        datetime.date(2023, 6, 1),
    ),
    ("koordinierungskreis", ("Niklas Esser", "senden"), "speaker", "Sprechertrio", None, None),
    ("koordinierungskreis", ("Dr. Jürgen Grüner", None), "speaker", "Sprechertrio", None, None),
    ("koordinierungskreis", ("Mathias Raabe", None), "speaker", "Sprechertrio", None, None),
    ("lenkungskreis", ("Dr. Christian Schulze Pellengahr", None), "member", "", None, None),
    ("lenkungskreis", ("Wilhelm Sendermann", None), "member", "", None, None),
    (
        "buergermeisterkonferenz",
        ("Dr. Christian Schulze Pellengahr", None),
        "member",
        "",
        None,
        None,
    ),
    ("buergermeisterkonferenz", ("Wilhelm Sendermann", None), "speaker", "", None, None),
    ("interkommunale-arbeitsgruppe", ("Dr. Josef Goehrmann", None), "speaker", "", None, None),
    (
        "interkommunale-arbeitsgruppe",
        ("Prof. Dr. Dr. Björn Niehaves", None),
        "member",
        "Fachliche und organisatorische Begleitung",
        None,
        None,
    ),
    (
        "interkommunale-arbeitsgruppe",
        ("Prof. Dr. Ingrid Isenhardt", None),
        "member",
        "Projektleitung, konsolidierte Projektliste vom 09.09.2020",
        None,
        None,
    ),
]
MEMBERSHIPS += [
    ("koordinierungskreis", (UNNAMED, slug), "officer", "", None, None)
    for slug, _name, _kind in TOWNS
]

# The stakeholder table of PRAESENTATION (code, name, role). Transcribed from a slide whose
# text is partly garbled; obvious transcription errors are corrected from the other seeds
# (the slide says "Alle 13 Städte und Gemeinden": the Kreis has 11, see every other seed; the
# working group consisted of the Kreistag's parliamentary groups and the towns, VORLAGE_COE).
STAKEHOLDER_ROLES = [
    (
        "IZ",
        "Alle 11 Städte und Gemeinden im Kreis Coesfeld und der Kreis Coesfeld selbst",
        "Hauptautor und Nutzer des Ergebnisses",
    ),
    (
        "BMK",
        "Bürgermeisterkonferenz – Bürgermeister/innen der Städte und Gemeinden im Kreis "
        "Coesfeld und der Landrat des Kreises Coesfeld",
        "Entscheider; Hauptakteure der Strategieentwicklung",
    ),
    (
        "PA",
        "Forschungslab „Zukunft menschlich gestalten“ der Universität Siegen – Experte in der "
        "Durchführung von Strategieentwicklungsprozessen",
        "Strategieberatung; Digitalisierungsprozesse",
    ),
    (
        "FB",
        "Prozessbüro – administrative und operative Steuerung des "
        "Strategieentwicklungsprozesses, insbesondere aus Sicht der Kreisentwicklung und der "
        "Wirtschaftsförderung Kreis Coesfeld",
        "Administrative Begleitung des Strategieentwicklungsprozesses",
    ),
    (
        "AK",
        "Arbeitskreis – zusammengesetzt aus Vertretern der Fraktionen im Kreistag sowie der "
        "Spitzen der Städte und Gemeinden",
        "Stützpunkt; Beratung; Multiplikator der Ergebnisse in den Entscheidungsgremien",
    ),
    (
        "MO",
        "Moderator – garantiert durch erprobte Kreativverfahren den Erfolg der Themenworkshops",
        "Moderator der Themenworkshops",
    ),
    (
        "TDG",
        "Themenspezifischer „Digitalisierungsplan“ – gibt erste Ideen und Impulse aus dem "
        "Digitalisierungsprozess in die thematischen Workshops",
        "Ideen-/Impulsgeber",
    ),
    (
        "ITE",
        "Regionaler Themenpartner – inhaltlicher Experte (im Regelfall ohne "
        "Digitalisierungsbezug) im Kreis Coesfeld für ein spezifisches Thema",
        "Inputgeber, Möglichmacher für nachfolgende Umsetzungen",
    ),
]
