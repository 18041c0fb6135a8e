"""The demo's technology radars (issue 14, section 1): the district's radar of the
Digitalagentur ("Technologie-Scouting", seed 000; "Scouting/Trend-Beobachter", seed 003) and a
draft of P12 "Chancen-Radar" for businesses.

The seeds name the line of work, not the radar's content: every entry is demo content
(``is_demo``), written around the seeds' projects (linked by code or slug) and towns. Rings and
quadrants are the district's default (radar/presets.py). The radar was published as an edition
in autumn 2024; the ring changes and entries after it show what "moved" and "new" mean.
"""

import datetime

RADAR = {
    "slug": "technologie-radar",
    "name": "Technologie-Radar der Digitalagentur",
    "description": (
        "Welche Technologien setzen die Städte und Gemeinden im Kreis Coesfeld schon ein, welche "
        "erproben sie, welche beobachten sie, welche stellen sie zurück? Das Radar der "
        "Digitalagentur (Technologie-Scouting) – Demodaten."
    ),
    "published": True,
}
ADDED = datetime.date(2024, 9, 2)  # when the entries known at the edition were taken up
EDITION = {"date": datetime.date(2024, 11, 15), "note": "Erste Ausgabe (Demodaten)."}

# name, quadrant, ring at the edition, description, projects (codes or slugs), fields, towns,
# links.
ENTRIES = [
    (
        "LoRaWAN",
        "Infrastruktur",
        "Erproben",
        "Funknetz mit großer Reichweite und geringem Energiebedarf für Sensoren (Pegel, "
        "Parkplätze, Raumklima). Grundlage für viele Smart-Region-Anwendungen.",
        ["lorawan-infrastruktur", "P25"],
        ["verwaltung", "innenstadt-dorfmitte"],
        [],
        ["https://lora-alliance.org/"],
    ),
    (
        "E-Akte und Dokumentenmanagement (DMS)",
        "Verwaltung",
        "Einsetzen",
        "Elektronische Akte und Dokumentenmanagement als Grundlage durchgängig digitaler "
        "Prozesse; Erfahrungsaustausch zwischen den Kommunen.",
        ["P2", "P3"],
        ["verwaltung"],
        [],
        [],
    ),
    (
        "Online-Dienste nach dem Onlinezugangsgesetz (OZG)",
        "Bürgerdienste",
        "Einsetzen",
        "Verwaltungsleistungen online beantragen, mit Servicekonto und digitalem Bescheid.",
        ["P1"],
        ["verwaltung"],
        [],
        ["https://www.digitale-verwaltung.de/"],
    ),
    (
        "Coworking-Buchung",
        "Bürgerdienste",
        "Erproben",
        "Arbeitsplätze in Coworking-Spaces und wenig genutzten Räumen online finden und buchen "
        "(Smarte.Land.Regionen, Landräume).",
        ["smarte-land-regionen", "P14"],
        ["wirtschaft"],
        ["senden"],
        [],
    ),
    (
        "Mobility as a Service (MaaS)",
        "Bürgerdienste",
        "Beobachten",
        "Die ganze Wegekette – Bus, Sharing, Mobilstation – in einer App planen, buchen und "
        "bezahlen.",
        ["buergerlabor-mobiles-muensterland-kommit", "P20", "P22"],
        ["mobilitaet"],
        [],
        [],
    ),
    (
        "5G-Campusnetze",
        "Infrastruktur",
        "Beobachten",
        "Eigene 5G-Netze für Betriebsgelände, Schulzentren oder Bauhöfe.",
        [],
        ["wirtschaft"],
        [],
        [],
    ),
    (
        "Open-Data-Portal",
        "Daten & KI",
        "Erproben",
        "Daten der Verwaltung offen und maschinenlesbar bereitstellen (Datensätze, Schnittstellen, "
        "Lizenzen).",
        ["P3"],
        ["verwaltung"],
        [],
        [],
    ),
    (
        "Digitaler Zwilling",
        "Daten & KI",
        "Beobachten",
        "Ein digitales 3D-Modell von Ortskern oder Innenstadt für Planung, Beteiligung und "
        "Simulation.",
        ["P24"],
        ["innenstadt-dorfmitte"],
        [],
        [],
    ),
    (
        "Smart Parking",
        "Infrastruktur",
        "Beobachten",
        "Sensoren melden freie Stellplätze; Anzeige in App und auf Parkleitsystemen.",
        ["P19"],
        ["mobilitaet", "innenstadt-dorfmitte"],
        [],
        [],
    ),
    (
        "Bürger-App und digitaler Dorfplatz",
        "Bürgerdienste",
        "Einsetzen",
        "Eine App für Neuigkeiten, Vereine, Nachbarschaftshilfe und Rückmeldungen an die Gemeinde.",
        ["crossiety-havixbeck"],
        ["innenstadt-dorfmitte"],
        ["havixbeck"],
        [],
    ),
    (
        "Sharing-Plattform für E-Lastenräder",
        "Infrastruktur",
        "Einsetzen",
        "E-Lastenräder und Lastenradboxen über eine Plattform ausleihen und zurückgeben.",
        ["e-lastenrad-sharing", "lastenradbox-nordkirchen"],
        ["mobilitaet"],
        ["nordkirchen"],
        [],
    ),
    (
        "Regionale Online-Marktplätze",
        "Bürgerdienste",
        "Erproben",
        "Händlerinnen, Händler und Direktvermarkter der Region gemeinsam online.",
        ["heimat-2-0", "lorena-wochenmarkt24", "P26"],
        ["wirtschaft", "innenstadt-dorfmitte"],
        [],
        [],
    ),
    (
        "Digitale Gremienarbeit",
        "Verwaltung",
        "Einsetzen",
        "Sitzungen, Vorlagen und Beschlüsse im Ratsinformationssystem, papierlos.",
        [],
        ["verwaltung"],
        [],
        [],
    ),
    (
        "Blockchain für Register",
        "Daten & KI",
        "Zurückstellen",
        "Register und Nachweise in einer Blockchain: derzeit ohne erkennbaren Nutzen gegenüber "
        "den bestehenden Fachverfahren.",
        [],
        ["verwaltung"],
        [],
        [],
    ),
]

# After the edition: (entry name, new ring, date, reason).
RING_CHANGES = [
    (
        "LoRaWAN",
        "Einsetzen",
        datetime.date(2025, 3, 12),
        "Die kreisweite Infrastruktur ist im Aufbau; erste Sensoren laufen im Regelbetrieb.",
    ),
    (
        "Mobility as a Service (MaaS)",
        "Erproben",
        datetime.date(2025, 4, 8),
        "Buchen und Bezahlen der Wegekette in einer App wird im Bürgerlabor erprobt.",
    ),
    (
        "5G-Campusnetze",
        "Zurückstellen",
        datetime.date(2025, 5, 20),
        "Kein Anwendungsfall in den Kommunen; den Ausbau der Netzbetreiber abwarten.",
    ),
]

# Taken up after the edition: the same shape as ENTRIES plus the date.
NEW_ENTRIES = [
    (
        "KI-Assistenten in der Verwaltung",
        "Daten & KI",
        "Beobachten",
        "Sprachmodelle als Schreib- und Rechercheassistenz für Beschäftigte, mit Regeln für "
        "Datenschutz und Verantwortung.",
        ["P4"],
        ["verwaltung"],
        [],
        [],
        datetime.date(2025, 2, 3),
    ),
    (
        "Videoberatung im Bürgerbüro",
        "Bürgerdienste",
        "Erproben",
        "Beratung per Video, wo der Weg ins Rathaus weit ist.",
        ["P1"],
        ["verwaltung"],
        [],
        [],
        datetime.date(2025, 6, 16),
    ),
]

# P12 "Chancen-Radar" (seed 003): technologies for the region's businesses, a draft.
CHANCEN_RADAR = {
    "slug": "chancen-radar",
    "name": "Chancen-Radar",
    "description": (
        "Projekt P12: Technologien, die Unternehmen im Kreis Coesfeld neue Chancen eröffnen – "
        "im Aufbau (Demodaten)."
    ),
    "published": False,
}
CHANCEN_QUADRANTS = ("Handel & Dienstleistung", "Produktion & Handwerk", "Arbeit", "Sicherheit")
CHANCEN_ENTRIES = [
    (
        "Coworking und mobiles Arbeiten",
        "Arbeit",
        "Einsetzen",
        "Arbeiten nah am Wohnort statt Pendeln: Coworking-Spaces im ländlichen Raum.",
        ["smarte-land-regionen"],
        ["wirtschaft"],
        ["senden"],
        [],
    ),
    (
        "Regionale Online-Marktplätze",
        "Handel & Dienstleistung",
        "Erproben",
        "Gemeinsame Schaufenster und Lieferdienste für den lokalen Handel.",
        ["heimat-2-0", "P26"],
        ["wirtschaft"],
        [],
        [],
    ),
    (
        "IT-Sicherheits-Check für kleine Unternehmen",
        "Sicherheit",
        "Erproben",
        "Ein kurzer Check mit konkreten Schritten gegen Phishing, Ransomware und Datenverlust.",
        ["P13"],
        ["wirtschaft"],
        [],
        [],
    ),
    (
        "3D-Druck im Handwerk",
        "Produktion & Handwerk",
        "Beobachten",
        "Ersatzteile und Prototypen vor Ort drucken.",
        [],
        ["wirtschaft"],
        [],
        [],
    ),
]
