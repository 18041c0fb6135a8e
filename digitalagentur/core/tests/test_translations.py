"""The English interface: a complete catalogue, and the language cookie switches the pages."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def parse_po(path: Path) -> list[dict]:
    """Entries of a PO file: flags, msgctxt, msgid (+ plural) and msgstr(s); obsolete entries
    skipped."""
    entries: list[dict] = []
    entry: dict | None = None
    key: str | None = None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry is not None and "msgid" in entry:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue  # comments; "#~" marks obsolete entries, which are not used
        elif line.startswith(("msgctxt ", "msgid ", "msgid_plural ")):
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
        elif line.startswith("msgstr"):
            head, _, value = line.partition(" ")
            key = head
            entry["msgstr"][key] = ast.literal_eval(value)
        elif line.startswith('"') and key is not None:
            value = ast.literal_eval(line)
            if key.startswith("msgstr"):
                entry["msgstr"][key] += value
            else:
                entry[key] += value
        else:
            raise AssertionError(f"Unexpected line in {path.name}: {raw!r}")
    return entries


def test_english_catalogue_has_no_untranslated_or_fuzzy_entries():
    po_file = LOCALE_DIR / "django.po"
    entries = parse_po(po_file)
    messages = [e for e in entries if e["msgid"] != ""]
    assert len(messages) > 100, "makemessages found hardly any strings"

    untranslated = [e["msgid"] for e in messages if any(not s for s in e["msgstr"].values())]
    fuzzy = [e["msgid"] or "(header)" for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    plural_without_both_forms = [
        e["msgid"]
        for e in messages
        if "msgid_plural" in e and set(e["msgstr"]) != {"msgstr[0]", "msgstr[1]"}
    ]
    assert plural_without_both_forms == []


def test_compiled_catalogue_matches_the_po_file():
    """django.mo ships in the repository (a fresh machine has no msgfmt): it must be current."""
    with (LOCALE_DIR / "django.mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    stale = []
    for e in parse_po(LOCALE_DIR / "django.po"):
        if e["msgid"] == "":
            continue
        if "msgctxt" in e:
            assert "msgid_plural" not in e, "no plural with a context yet; extend this test"
            forms = compiled.pgettext(e["msgctxt"], e["msgid"])
            expected = e["msgstr"]["msgstr"]
        elif "msgid_plural" in e:
            forms = [compiled.ngettext(e["msgid"], e["msgid_plural"], n) for n in (1, 2)]
            expected = [e["msgstr"]["msgstr[0]"], e["msgstr"]["msgstr[1]"]]
        else:
            forms, expected = compiled.gettext(e["msgid"]), e["msgstr"]["msgstr"]
        if forms != expected:
            stale.append(e["msgid"])
    assert stale == [], "django.mo is out of date; run compilemessages -l en"


@pytest.mark.django_db
def test_language_cookie_switches_the_start_page_to_english(client, region, strategy):
    url = reverse("public:home")

    german = client.get(url).content.decode()
    assert '<html lang="de">' in german
    assert ">Kommunen</a>" in german
    assert ">Municipalities</a>" not in german

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    english = response.content.decode()
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in english
    assert ">Municipalities</a>" in english
    assert ">Kommunen</a>" not in english
    assert "Our shared vision" in english
    assert "1 district" in english and "3 priority groups" in english
