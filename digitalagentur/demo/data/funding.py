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
