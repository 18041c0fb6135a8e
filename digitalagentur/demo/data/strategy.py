"""The strategy "Coesfeld 12.0": vision, priority groups and the eight fields of action."""

STRATEGY = {
    # Title as adopted (VORLAGE_COE); subtitle as on the strategy slide of PRAESENTATION.
    "title": "Coesfeld 12.0 – Im Kreis gemeinsam digital",
    "subtitle": "Digitalisierungsstrategie für den Kreis Coesfeld",
    # The vision: the slogan of PRAESENTATION and the aim of the strategy (VORLAGE_COE).
    "vision": (
        "Gemeinsam die digitale Zukunft gestalten.\n\n"
        "Der Kreis Coesfeld und seine elf Städte und Gemeinden gestalten den digitalen Wandel "
        "gemeinsam aktiv. Ziel ist es, laufende und insbesondere zukünftige digitale Vorhaben "
        "zum Wohle der Menschen im Kreis aktiv zu erkennen, zu initiieren und zu gestalten."
    ),
    # The four reasons for a joint strategy (VORLAGE_COE, PRAESENTATION) and its building
    # blocks; "lebendes Dokument" from SV_2023.
    "introduction": (
        "Im Juni 2019 vereinbarten Kreis, Städte und Gemeinden die Erarbeitung einer "
        "gemeinsamen Digitalisierungsstrategie, um\n\n"
        "1. den digitalen Wandel im Kreis Coesfeld gemeinsam aktiv zu gestalten und dafür "
        "gemeinsame Zielvorstellungen zu entwickeln,\n"
        "2. angesichts der knappen Ressourcen die richtigen Prioritäten zu setzen und "
        "Synergien zu heben,\n"
        "3. den Zugang zu Fördermitteln zu verbessern sowie\n"
        "4. die Digitalaffinität der Region für das Standortmarketing zur Positionierung des "
        "Kreises Coesfeld als attraktiver Wohn-, Arbeits- und Lebensort zu nutzen.\n\n"
        "Die Strategie besteht aus den Bausteinen Leitbild, Ziele, Prioritäten und Projekte. "
        "Sie wurde 2021 vom Kreistag und allen Stadt- und Gemeinderäten verabschiedet und ist "
        "ein „lebendes Dokument“, das immer wieder durch neue Projekte ergänzt werden kann.\n\n"
        "Hinweis zu den Demodaten: Die Leitbilder der einzelnen Handlungsfelder sind in den "
        "öffentlich verfügbaren Quellen nicht enthalten; die hier gezeigten Leitbilder sind "
        "als Demo-Text gekennzeichnet."
    ),
}

# (number, name, description) – the priorities of VORLAGE_COE.
PRIORITY_GROUPS = [
    (
        1,
        "Priorität I",
        "Verwaltung und Bildung: Hier existierten bereits Arbeitsstrukturen, die sich mit der "
        "Digitalisierung befassen. Ihre Akteure ergänzten die Zielvorstellungen und "
        "unterbreiteten konkrete Projektvorschläge.",
    ),
    (
        2,
        "Priorität II",
        "Mobilität, Wirtschaft und Innenstadt/Dorfmitte: In thematischen Workshops mit "
        "Expertinnen und Experten der Digitalisierung, des jeweiligen Fachgebiets und der "
        "Region wurden die Zielvorstellungen diskutiert und konkrete Projekte entwickelt.",
    ),
    (
        3,
        "Priorität III",
        "Gesundheit, Kultur und Tourismus: Die gemeinsame Bearbeitung wurde aus "
        "Kapazitätsgründen zunächst zurückgestellt und auf einen späteren Zeitpunkt verschoben.",
    ),
]

# The eight fields. The seeds give no field-specific guiding principle (Leitbild), so every
# text below is a short demo text and carries guiding_principle_is_demo_text=True. The
# descriptions are facts from VORLAGE_COE. No goals: the seeds do not list them per field.
FIELDS = [
    {
        "slug": "verwaltung",
        "name": "Verwaltung",
        "priority": 1,
        "position": 1,
        "description": (
            "Zu diesem Themenfeld bestanden bereits Arbeitsstrukturen; deren Akteure "
            "formulierten Ergänzungen zu den Zielvorstellungen und Projektvorschläge (P1–P4)."
        ),
        "guiding_principle": (
            "Die Verwaltungen im Kreis Coesfeld bieten ihre Leistungen einfach, sicher und "
            "durchgängig digital an – gemeinsam entwickelt und voneinander lernend."
        ),
    },
    {
        "slug": "bildung",
        "name": "Bildung",
        "priority": 1,
        "position": 2,
        "description": (
            "Zu diesem Themenfeld bestanden bereits Arbeitsstrukturen; deren Akteure "
            "formulierten Ergänzungen zu den Zielvorstellungen und Projektvorschläge (P5–P11)."
        ),
        "guiding_principle": (
            "Menschen jeden Alters im Kreis Coesfeld erwerben die digitalen Kompetenzen, die "
            "sie für Schule, Beruf und Alltag brauchen, und bewegen sich sicher in der "
            "digitalen Welt."
        ),
    },
    {
        "slug": "mobilitaet",
        "name": "Mobilität",
        "priority": 2,
        "position": 1,
        "description": (
            "Themenfeld-Workshop „Mobilität“ am 19.02.2020 als Ganztagesworkshop mit 30 "
            "Teilnehmerinnen und Teilnehmern (Projekte P19–P22)."
        ),
        "guiding_principle": (
            "Digitale Angebote machen es im ländlichen Raum leicht, ohne eigenes Auto "
            "klimafreundlich und gut vernetzt unterwegs zu sein."
        ),
    },
    {
        "slug": "wirtschaft",
        "name": "Wirtschaft",
        "priority": 2,
        "position": 2,
        "description": (
            "Digitaler Themenfeld-Workshop „Wirtschaft“ im Juni 2020 (drei Videomeetings und "
            "zwei Phasen dezentralen Arbeitens) mit 23 Teilnehmerinnen und Teilnehmern "
            "(Projekte P12–P18)."
        ),
        "guiding_principle": (
            "Unternehmen im Kreis Coesfeld nutzen die Chancen der Digitalisierung, finden Raum "
            "für neue Ideen und stärken gemeinsam den Standort."
        ),
    },
    {
        "slug": "innenstadt-dorfmitte",
        "name": "Innenstadt/Dorfmitte",
        "priority": 2,
        "position": 3,
        "description": (
            "Digitaler Themenfeld-Workshop „Innenstadt/Dorfmitte“ im Juni 2020 (drei "
            "Videomeetings und zwei Phasen dezentralen Arbeitens) mit 34 Teilnehmerinnen und "
            "Teilnehmern (Projekte P23–P28)."
        ),
        "guiding_principle": (
            "Lebendige Innenstädte und Dorfmitten verbinden Einkaufen, Begegnung und Erleben "
            "vor Ort mit digitalen Angeboten aus der Region."
        ),
    },
    {
        "slug": "gesundheit",
        "name": "Gesundheit",
        "priority": 3,
        "position": 1,
        "description": (
            "Priorität III: Die gemeinsame Bearbeitung wurde aus Kapazitätsgründen zunächst "
            "zurückgestellt."
        ),
        "guiding_principle": (
            "Digitale Lösungen unterstützen eine gute, wohnortnahe Gesundheitsversorgung im "
            "ländlichen Raum."
        ),
    },
    {
        "slug": "kultur",
        "name": "Kultur",
        "priority": 3,
        "position": 2,
        "description": (
            "Priorität III: Die gemeinsame Bearbeitung wurde aus Kapazitätsgründen zunächst "
            "zurückgestellt."
        ),
        "guiding_principle": (
            "Digitale Angebote machen das kulturelle Leben im Kreis Coesfeld sichtbar und für "
            "alle zugänglich."
        ),
    },
    {
        "slug": "tourismus",
        "name": "Tourismus",
        "priority": 3,
        "position": 3,
        "description": (
            "Priorität III: Die gemeinsame Bearbeitung wurde aus Kapazitätsgründen zunächst "
            "zurückgestellt."
        ),
        "guiding_principle": (
            "Gäste finden die Angebote im Kreis Coesfeld digital, können sie einfach buchen und "
            "erleben die Region gut vernetzt."
        ),
    },
]
