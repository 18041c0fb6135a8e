"""The demo logins, one per role (issue 2, sections 3 and 4); no superusers."""

# The password of every demo login, set only when the login is created.
DEMO_PASSWORD = "demo"  # noqa: S105 (documented demo password, printed by load_demo)

# (username, role, town slug or None, last name shown in the change log)
DEMO_USERS = [
    ("admin", "admin", None, "Regionsadministration"),
    ("koordination", "coordinator", None, "Koordination"),
    ("senden", "officer", "senden", "Digitalisierungsbeauftragte/r Senden"),
    ("havixbeck", "officer", "havixbeck", "Digitalisierungsbeauftragte/r Havixbeck"),
    ("lenkungskreis", "reader", None, "Lenkungskreis"),
]
