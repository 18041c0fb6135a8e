"""Landräume (issue 11, section 7): places, providers, spaces, the employer pilot and demo
bookings.

From the seeds (``SV_2022``, ``ARTIKEL``): the working title "Landräume" for vacant or
under-used rooms bookable for culture, education or sport; the co-working space ExtraGleis in
a railway carriage next to Billerbeck station; the employer pilot with the CoWorkLand
cooperative in which the wfc Kreis Coesfeld and the Gemeinde Senden take part (from the second
half of 2022); the wfc's office in Dülmen (seed 003). Everything else is invented and loaded
with ``is_demo`` (providers, spaces, employers): addresses, opening hours, desks, amenities,
prices, contingents, staff and bookings. The coordinates of the town centres are the towns'
real ones (WGS 84, rounded); those of the spaces are approximate.
"""

import datetime

from . import ARTIKEL, SV_2022

T = datetime.time

DEMO_NOTE = (
    "Demodaten: Adresse, Öffnungszeiten, Ausstattung und Preise sind erfunden und dienen nur "
    "zum Ausprobieren."
)

# Town centres for the commuting estimate: (slug, name, town slug of the region or None,
# latitude, longitude). The eleven towns of the Kreis and where their people commute to.
PLACES = [
    ("ascheberg", "Ascheberg", "ascheberg", "51.788900", "7.620300"),
    ("billerbeck", "Billerbeck", "billerbeck", "51.978300", "7.294200"),
    ("coesfeld", "Coesfeld", "coesfeld", "51.945800", "7.167500"),
    ("duelmen", "Dülmen", "duelmen", "51.830600", "7.278300"),
    ("havixbeck", "Havixbeck", "havixbeck", "51.977500", "7.414700"),
    ("luedinghausen", "Lüdinghausen", "luedinghausen", "51.768100", "7.443100"),
    ("nordkirchen", "Nordkirchen", "nordkirchen", "51.738300", "7.525300"),
    ("nottuln", "Nottuln", "nottuln", "51.927500", "7.353100"),
    ("olfen", "Olfen", "olfen", "51.708300", "7.381100"),
    ("rosendahl", "Rosendahl", "rosendahl", "52.016700", "7.200000"),
    ("senden", "Senden", "senden", "51.857200", "7.483100"),
    ("muenster", "Münster", None, "51.962500", "7.625600"),
    ("dortmund", "Dortmund", None, "51.513900", "7.465300"),
    ("borken", "Borken", None, "51.843900", "6.858100"),
    ("recklinghausen", "Recklinghausen", None, "51.614200", "7.197800"),
    ("hamm", "Hamm", None, "51.680600", "7.815300"),
    ("essen", "Essen", None, "51.455600", "7.011700"),
]

# Providers, found again by name. "managers": demo logins (demo/data/logins.py) that manage
# the provider; given only to logins the loader creates.
PROVIDERS = [
    {
        "key": "extragleis",
        "name": "ExtraGleis",
        "kind": "coworking",
        "municipality": "billerbeck",
        "email": "extragleis@example.org",
        "phone": "",
        "website": "",
        "managers": ["extragleis"],
    },
    {
        "key": "kreis",
        "name": "Kreis Coesfeld",
        "kind": "town",
        "municipality": None,
        "email": "landraeume@example.org",
        "phone": "",
        "website": "",
        "managers": [],
    },
    {
        "key": "nordkirchen",
        "name": "Gemeinde Nordkirchen",
        "kind": "town",
        "municipality": "nordkirchen",
        "email": "raeume-nordkirchen@example.org",
        "phone": "",
        "website": "",
        "managers": [],
    },
    {
        "key": "olfen",
        "name": "Stadt Olfen",
        "kind": "town",
        "municipality": "olfen",
        "email": "sporthallen-olfen@example.org",
        "phone": "",
        "website": "",
        "managers": [],
    },
    {
        "key": "duelmen",
        "name": "Stadt Dülmen",
        "kind": "town",
        "municipality": "duelmen",
        "email": "leerstand-duelmen@example.org",
        "phone": "",
        "website": "",
        "managers": [],
    },
    {
        "key": "senden",
        "name": "Coworking an der Stever (Demo)",
        "kind": "coworking",
        "municipality": "senden",
        "email": "coworking-senden@example.org",
        "phone": "",
        "website": "",
        "managers": [],
    },
]

WORKDAYS_8_TO_18 = [(day, T(8), T(18)) for day in range(5)]
WORKDAYS_7_TO_19 = [(day, T(7), T(19)) for day in range(5)]
# Evenings on working days and all day at the weekend.
EVENINGS_AND_WEEKENDS = [(day, T(17), T(22)) for day in range(5)] + [
    (day, T(9), T(22)) for day in (5, 6)
]
SHOP_HOURS = [(day, T(10), T(20)) for day in range(6)]

# Closed periods relative to the load date: "christmas" is 24.12.–01.01. (to 02.01., 00:00) of
# the coming (or current) turn of the year; "summer" two weeks from the next 20 July.
CHRISTMAS = "christmas"
SUMMER = "summer"

SPACES = [
    {
        "slug": "extragleis",
        "name": "ExtraGleis – Coworking im Zugwaggon",
        "provider": "extragleis",
        "municipality": "billerbeck",
        "kind": "coworking",
        "description": (
            "Coworking-Space im historischen Zugwaggon neben dem Bahnhof Billerbeck: "
            "Arbeitsplätze für Pendlerinnen und Pendler und alle, die mobil arbeiten – "
            "nah am Wohnort statt im Stau. Der Waggon neben dem Bahnhof ist in den Quellen "
            f"belegt ({ARTIKEL}). " + DEMO_NOTE
        ),
        "street": "Bahnhofstraße 20",
        "postcode": "48727",
        "city": "Billerbeck",
        "latitude": "51.974500",
        "longitude": "7.296800",
        "capacity": 8,
        "unit_kind": "desk",
        "units": 8,
        "amenities": ["wlan", "screen", "printer", "kitchen", "bike_parking"],
        "accessibility": [],
        "purposes": ["work", "education"],
        "house_rules": (
            "Bitte telefonieren Sie auf der Plattform oder im Bahnhof, nicht im Waggon. "
            "Den Arbeitsplatz aufgeräumt verlassen. (Demo)"
        ),
        "price_model": "day",
        "price": "15.00",
        "booking_mode": "instant",
        "min_minutes": 60,
        "max_minutes": 600,
        "max_days_ahead": 90,
        "cancel_hours": 2,
        "in_pilot": True,
        "hours": WORKDAYS_8_TO_18,
        "closed": [],
    },
    {
        "slug": "kreishaus-besprechungsraum",
        "name": "Besprechungsraum im Kreishaus Coesfeld",
        "provider": "kreis",
        "municipality": "coesfeld",
        "kind": "meeting_room",
        "description": (
            "Besprechungsraum für bis zu 12 Personen im Kreishaus, für Arbeitstreffen, "
            "Schulungen und Workshops von Vereinen, Initiativen und Unternehmen aus dem Kreis. "
            "Anfragen bestätigt die Verwaltung. " + DEMO_NOTE
        ),
        "street": "Friedrich-Ebert-Straße 7",
        "postcode": "48653",
        "city": "Coesfeld",
        "latitude": "51.944000",
        "longitude": "7.170000",
        "capacity": 12,
        "unit_kind": "room",
        "units": 1,
        "amenities": ["wlan", "screen", "video", "parking"],
        "accessibility": ["step_free", "accessible_toilet", "induction_loop"],
        "purposes": ["work", "education", "other"],
        "house_rules": "Nach der Nutzung bitte die Tische zurückstellen. (Demo)",
        "price_model": "free",
        "price": None,
        "booking_mode": "request",
        "min_minutes": 60,
        "max_minutes": 480,
        "max_days_ahead": 120,
        "cancel_hours": 24,
        "in_pilot": False,
        "hours": WORKDAYS_8_TO_18,
        "closed": [(CHRISTMAS, "Weihnachten und Jahreswechsel (Demo)")],
    },
    {
        "slug": "dorfgemeinschaftshaus-nordkirchen",
        "name": "Dorfgemeinschaftshaus Nordkirchen",
        "provider": "nordkirchen",
        "municipality": "nordkirchen",
        "kind": "village_hall",
        "description": (
            "Saal mit Küche und kleiner Bühne für Lesungen, Konzerte, Kurse und "
            "Vereinsabende; abends und am Wochenende buchbar. " + DEMO_NOTE
        ),
        "street": "Schloßstraße 12",
        "postcode": "59394",
        "city": "Nordkirchen",
        "latitude": "51.739000",
        "longitude": "7.526500",
        "capacity": 80,
        "unit_kind": "room",
        "units": 1,
        "amenities": ["kitchen", "stage", "sound", "parking", "wlan"],
        "accessibility": ["step_free", "accessible_toilet"],
        "purposes": ["culture", "education", "sport", "other"],
        "house_rules": (
            "Ab 22 Uhr Nachtruhe; Küche gereinigt übergeben; Schlüssel beim Hausmeister. (Demo)"
        ),
        "price_model": "hour",
        "price": "25.00",
        "booking_mode": "request",
        "min_minutes": 60,
        "max_minutes": 780,
        "max_days_ahead": 180,
        "cancel_hours": 72,
        "in_pilot": False,
        "hours": EVENINGS_AND_WEEKENDS,
        "closed": [(CHRISTMAS, "Weihnachten und Jahreswechsel (Demo)")],
    },
    {
        "slug": "sporthalle-olfen",
        "name": "Sporthalle Olfen",
        "provider": "olfen",
        "municipality": "olfen",
        "kind": "sports_hall",
        "description": (
            "Einfeldhalle mit Umkleiden; tagsüber Schulsport, abends und am Wochenende für "
            "Vereine, Betriebssport und Kurse buchbar. " + DEMO_NOTE
        ),
        "street": "Zur Geest 15",
        "postcode": "59399",
        "city": "Olfen",
        "latitude": "51.706000",
        "longitude": "7.384000",
        "capacity": 60,
        "unit_kind": "room",
        "units": 1,
        "amenities": ["changing_rooms", "sound", "parking", "bike_parking"],
        "accessibility": ["step_free", "accessible_toilet"],
        "purposes": ["sport", "culture", "education"],
        "house_rules": "Nur mit hellen Hallenschuhen. (Demo)",
        "price_model": "hour",
        "price": "20.00",
        "booking_mode": "request",
        "min_minutes": 60,
        "max_minutes": 780,
        "max_days_ahead": 180,
        "cancel_hours": 48,
        "in_pilot": False,
        "hours": EVENINGS_AND_WEEKENDS,
        "closed": [
            (SUMMER, "Grundreinigung und Wartung in den Sommerferien (Demo)"),
            (CHRISTMAS, "Weihnachten und Jahreswechsel (Demo)"),
        ],
    },
    {
        "slug": "ladenlokal-duelmen",
        "name": "Ladenlokal Marktstraße (Leerstand)",
        "provider": "duelmen",
        "municipality": "duelmen",
        "kind": "empty_shop",
        "description": (
            "Leerstehendes Ladenlokal in der Innenstadt mit großem Schaufenster, als "
            "Pop-up-Galerie, für Ausstellungen, Lesungen und Kulturprojekte buchbar. " + DEMO_NOTE
        ),
        "street": "Marktstraße 12",
        "postcode": "48249",
        "city": "Dülmen",
        "latitude": "51.830200",
        "longitude": "7.279000",
        "capacity": 30,
        "unit_kind": "room",
        "units": 1,
        "amenities": [],
        "accessibility": ["step_free"],
        "purposes": ["culture", "education"],
        "house_rules": "Keine Veränderungen an Wänden und Schaufenster ohne Absprache. (Demo)",
        "price_model": "free",
        "price": None,
        "booking_mode": "request",
        "min_minutes": 120,
        "max_minutes": 600,
        "max_days_ahead": 180,
        "cancel_hours": 48,
        "in_pilot": False,
        "hours": SHOP_HOURS,
        "closed": [],
    },
    {
        "slug": "coworking-senden",
        "name": "Coworking an der Stever",
        "provider": "senden",
        "municipality": "senden",
        "kind": "coworking",
        "description": (
            "Sechs Arbeitsplätze mitten in Senden, nahe der Haltestelle der Expressbuslinie "
            "nach Münster. " + DEMO_NOTE
        ),
        "street": "Münsterstraße 20",
        "postcode": "48308",
        "city": "Senden",
        "latitude": "51.857800",
        "longitude": "7.484500",
        "capacity": 6,
        "unit_kind": "desk",
        "units": 6,
        "amenities": ["wlan", "screen", "printer", "kitchen", "charging", "bike_parking"],
        "accessibility": ["step_free", "accessible_toilet"],
        "purposes": ["work", "education"],
        "house_rules": "Ruhebereich: Telefonate bitte im Besprechungsraum. (Demo)",
        "price_model": "day",
        "price": "12.00",
        "booking_mode": "instant",
        "min_minutes": 60,
        "max_minutes": 720,
        "max_days_ahead": 90,
        "cancel_hours": 2,
        "in_pilot": True,
        "hours": WORKDAYS_7_TO_19,
        "closed": [],
    },
]

# Accounts of invented people (no password, no role): staff of the pilot's employers and a
# club, who booked in the demo. (username, last name, home place, work place)
PEOPLE = [
    ("demo-wfc-1", "Mitarbeiterin wfc (Demo)", "billerbeck", "duelmen"),
    ("demo-wfc-2", "Mitarbeiter wfc (Demo)", "havixbeck", "duelmen"),
    ("demo-senden-1", "Mitarbeiterin Gemeinde Senden (Demo)", "billerbeck", "senden"),
    ("demo-verein", "Sportverein Olfen (Demo)", None, None),
]

# The pendlerin's profile (demo login): lives in Senden, works in Münster.
PENDLERIN = {"username": "pendlerin", "home": "senden", "work": "muenster"}

# The employer pilot (seed SV_2022: with the CoWorkLand cooperative, the wfc Kreis Coesfeld
# and the Gemeinde Senden take part, from the second half of 2022). Contingents, staff and
# managers are invented. "managers": demo logins; "members": (username, report consent).
PILOT_SOURCE = SV_2022
EMPLOYERS = [
    {
        "name": "wfc Kreis Coesfeld",
        "managers": [],
        "contingent": {
            "name": "Coworking-Tage wfc (Demo)",
            "days_per_month": 20,
            "valid_from": datetime.date(2022, 9, 1),
        },
        "members": [("demo-wfc-1", True), ("demo-wfc-2", False)],
    },
    {
        "name": "Gemeinde Senden",
        "managers": ["senden"],
        "contingent": {
            "name": "Coworking-Tage Gemeinde Senden (Demo)",
            "days_per_month": 12,
            "valid_from": datetime.date(2022, 9, 1),
        },
        "members": [("pendlerin", True), ("demo-senden-1", True)],
    },
]

# Coming bookings, made through spaces.booking.book at load time: (space slug, username,
# n-th working day from the day after tomorrow (0 = the first), or ("weekend", n) for the n-th
# Saturday from then, start, end, purpose, attendees, employer whose contingent is used or
# None, confirm a request at once). None falls on tomorrow: a browser test books a desk in
# ExtraGleis for tomorrow morning.
UPCOMING = [
    ("coworking-senden", "pendlerin", 0, T(8), T(17), "work", 1, "Gemeinde Senden", False),
    ("extragleis", "demo-wfc-1", 0, T(8, 30), T(16, 30), "work", 1, "wfc Kreis Coesfeld", False),
    ("extragleis", "pendlerin", 2, T(9), T(15), "work", 1, "Gemeinde Senden", False),
    ("extragleis", "demo-senden-1", 2, T(8), T(16), "work", 1, "Gemeinde Senden", False),
    ("kreishaus-besprechungsraum", "demo-wfc-2", 3, T(14), T(16), "education", 10, None, False),
    ("sporthalle-olfen", "demo-verein", 1, T(18), T(20), "sport", 24, None, True),
    (
        "dorfgemeinschaftshaus-nordkirchen",
        "demo-verein",
        ("weekend", 1),
        T(15),
        T(19),
        "culture",
        45,
        None,
        False,
    ),
    ("ladenlokal-duelmen", "demo-verein", 4, T(10), T(18), "culture", 20, None, False),
]

# Past bookings for the impact figures and the employers' usage, created directly as
# confirmed: (space slug, username, weeks back (1 = last week), weekday 0–6, start, end,
# purpose, attendees, employer whose contingent was used or None).
PAST = [
    ("coworking-senden", "pendlerin", 1, 1, T(8), T(17), "work", 1, "Gemeinde Senden"),
    ("coworking-senden", "pendlerin", 2, 3, T(8), T(17), "work", 1, "Gemeinde Senden"),
    ("coworking-senden", "pendlerin", 4, 1, T(8), T(16), "work", 1, "Gemeinde Senden"),
    ("coworking-senden", "pendlerin", 6, 3, T(8), T(17), "work", 1, "Gemeinde Senden"),
    ("coworking-senden", "pendlerin", 9, 2, T(9), T(17), "work", 1, "Gemeinde Senden"),
    ("coworking-senden", "pendlerin", 5, 4, T(9), T(13), "work", 1, None),
    ("extragleis", "demo-wfc-1", 1, 0, T(8), T(16), "work", 1, "wfc Kreis Coesfeld"),
    ("extragleis", "demo-wfc-1", 1, 2, T(8), T(16), "work", 1, "wfc Kreis Coesfeld"),
    ("extragleis", "demo-wfc-1", 3, 2, T(8), T(16), "work", 1, "wfc Kreis Coesfeld"),
    ("extragleis", "demo-wfc-1", 5, 0, T(8), T(16), "work", 1, "wfc Kreis Coesfeld"),
    ("extragleis", "demo-wfc-1", 8, 2, T(8), T(16), "work", 1, "wfc Kreis Coesfeld"),
    ("extragleis", "demo-wfc-2", 2, 1, T(9), T(17), "work", 1, "wfc Kreis Coesfeld"),
    ("extragleis", "demo-wfc-2", 6, 1, T(9), T(17), "work", 1, "wfc Kreis Coesfeld"),
    ("extragleis", "demo-wfc-2", 10, 3, T(9), T(17), "work", 1, "wfc Kreis Coesfeld"),
    ("extragleis", "demo-senden-1", 1, 2, T(8), T(16), "work", 1, "Gemeinde Senden"),
    ("extragleis", "demo-senden-1", 4, 4, T(8), T(14), "work", 1, "Gemeinde Senden"),
    ("extragleis", "demo-senden-1", 7, 1, T(8), T(16), "work", 1, "Gemeinde Senden"),
    ("kreishaus-besprechungsraum", "demo-wfc-2", 3, 3, T(10), T(12), "education", 9, None),
    ("sporthalle-olfen", "demo-verein", 1, 1, T(18), T(20), "sport", 22, None),
    ("sporthalle-olfen", "demo-verein", 2, 1, T(18), T(20), "sport", 19, None),
    ("dorfgemeinschaftshaus-nordkirchen", "demo-verein", 4, 5, T(16), T(21), "culture", 60, None),
    ("ladenlokal-duelmen", "demo-verein", 6, 5, T(10), T(18), "culture", 25, None),
]
