"""Demo indicators for the fields of priority I and II: invented, plausible, marked as demo.

The seeds name no indicator and no figure; every name, value and target here is an example
of what a district could measure, loaded with `is_demo` so that every page says so.
Values are the whole district's, one per year; a few towns' values show the town pages.
"""

SOURCE = "Demodaten (frei erfunden, keine echten Messungen)"
OWNER = "Stabsstelle Digitalisierung (Demo)"

# name, field slug, unit, direction, decimals, description, values {year: value},
# targets {date: value}, town values {town slug: {year: value}}
INDICATORS = [
    {
        "name": "Online beantragbare Verwaltungsleistungen",
        "field": "verwaltung",
        "unit": "Anzahl",
        "direction": "higher",
        "decimals": 0,
        "description": (
            "Leistungen der Kreisverwaltung, die Bürgerinnen und Bürger vollständig online "
            "beantragen können (Stand jeweils 31.12.)."
        ),
        "values": {2022: 48, 2023: 71, 2024: 96, 2025: 118},
        "targets": {"2025-12-31": 120, "2027-12-31": 200},
        "towns": {},
    },
    {
        "name": "Anteil digital bearbeiteter Anträge",
        "field": "verwaltung",
        "unit": "%",
        "direction": "higher",
        "decimals": 1,
        "description": "Anteil der Anträge, die ohne Medienbruch elektronisch bearbeitet werden.",
        "values": {2022: 18.5, 2023: 24.0, 2024: 29.5, 2025: 33.0},
        "targets": {"2025-12-31": 40, "2028-12-31": 75},
        "towns": {"senden": {2024: 31.0, 2025: 38.5}, "nottuln": {2024: 22.0, 2025: 27.5}},
    },
    {
        "name": "Durchschnittliche Bearbeitungszeit Bauantrag",
        "field": "verwaltung",
        "unit": "Tage",
        "direction": "lower",
        "decimals": 0,
        "description": "Mittlere Dauer vom vollständigen Antrag bis zum Bescheid.",
        "values": {2022: 94, 2023: 90, 2024: 88, 2025: 87},
        "targets": {"2026-12-31": 70},
        "towns": {},
    },
    {
        "name": "Schulen mit WLAN in allen Unterrichtsräumen",
        "field": "bildung",
        "unit": "%",
        "direction": "higher",
        "decimals": 0,
        "description": "Anteil der Schulen in Trägerschaft von Kreis und Kommunen.",
        "values": {2022: 41, 2023: 58, 2024: 72, 2025: 86},
        "targets": {"2025-12-31": 85, "2026-12-31": 100},
        "towns": {"senden": {2024: 80, 2025: 100}, "duelmen": {2024: 65, 2025: 83}},
    },
    {
        "name": "Lehrkräfte mit Fortbildung zu digitalen Medien",
        "field": "bildung",
        "unit": "%",
        "direction": "higher",
        "decimals": 0,
        "description": "Anteil der Lehrkräfte mit mindestens einer Fortbildung in zwei Jahren.",
        "values": {2023: 35, 2024: 41, 2025: 46},
        "targets": {"2027-12-31": 80},
        "towns": {},
    },
    {
        "name": "Haltestellen mit digitaler Fahrgastinformation",
        "field": "mobilitaet",
        "unit": "Anzahl",
        "direction": "higher",
        "decimals": 0,
        "description": "Haltestellen mit Echtzeitanzeige der Abfahrten.",
        "values": {2022: 22, 2023: 35, 2024: 51, 2025: 70},
        "targets": {"2025-12-31": 65, "2028-12-31": 150},
        "towns": {},
    },
    {
        "name": "Buchungen im On-Demand-Verkehr pro Monat",
        "field": "mobilitaet",
        "unit": "Fahrten",
        "direction": "higher",
        "decimals": 0,
        "description": "Mittlere monatliche Buchungen über App und Telefon.",
        "values": {2023: 900, 2024: 1650, 2025: 2150},
        "targets": {"2026-12-31": 3000},
        "towns": {},
    },
    {
        "name": "Unternehmen mit Gigabit-Anschluss",
        "field": "wirtschaft",
        "unit": "%",
        "direction": "higher",
        "decimals": 0,
        "description": "Anteil der Gewerbeadressen mit verfügbarem Glasfaseranschluss.",
        "values": {2022: 52, 2023: 63, 2024: 74, 2025: 82},
        "targets": {"2025-12-31": 80, "2027-12-31": 95},
        "towns": {},
    },
    {
        "name": "Teilnehmende an Digitalisierungs-Sprechstunden für Betriebe",
        "field": "wirtschaft",
        "unit": "Anzahl",
        "direction": "higher",
        "decimals": 0,
        "description": "Betriebe, die eine Beratung der Wirtschaftsförderung genutzt haben.",
        "values": {2023: 40, 2024: 55},
        "targets": {"2026-12-31": 120},
        "towns": {},
    },
    {
        "name": "Leerstehende Ladenlokale in den Ortskernen",
        "field": "innenstadt-dorfmitte",
        "unit": "Anzahl",
        "direction": "lower",
        "decimals": 0,
        "description": "Gezählte Leerstände in den Haupteinkaufslagen der elf Kommunen.",
        "values": {2022: 64, 2023: 61, 2024: 57, 2025: 53},
        "targets": {"2027-12-31": 45},
        "towns": {"coesfeld": {2024: 12, 2025: 10}},
    },
    {
        "name": "Ortskerne mit öffentlichem WLAN",
        "field": "innenstadt-dorfmitte",
        "unit": "Anzahl",
        "direction": "higher",
        "decimals": 0,
        "description": "Ortskerne mit frei zugänglichem WLAN-Netz.",
        "values": {2022: 4, 2023: 6, 2024: 8, 2025: 9},
        "targets": {"2025-12-31": 9, "2026-12-31": 11},
        "towns": {},
    },
]
