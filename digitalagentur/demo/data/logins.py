"""The demo logins, one per role (issue 2, sections 3 and 4), and two of Landräume (issue 11)
without a role: a commuter who books and the provider of ExtraGleis; no superusers."""

# The password of every demo login, set only when the login is created.
DEMO_PASSWORD = "demo"  # noqa: S105 (documented demo password, printed by load_demo)

# (username, role or None, town slug or None, last name shown in the change log)
DEMO_USERS = [
    ("admin", "admin", None, "Regionsadministration"),
    ("koordination", "coordinator", None, "Koordination"),
    ("senden", "officer", "senden", "Digitalisierungsbeauftragte/r Senden"),
    ("havixbeck", "officer", "havixbeck", "Digitalisierungsbeauftragte/r Havixbeck"),
    ("lenkungskreis", "reader", None, "Lenkungskreis"),
    # Landräume: lives in Senden, works in Münster, books desks (demo/data/spaces.py).
    ("pendlerin", None, None, "Pendlerin"),
    # Landräume: manages the provider ExtraGleis and its co-working space in Billerbeck.
    ("extragleis", None, None, "ExtraGleis"),
]
