"""Headless Chromium for the browser tests: Debian's package, never a downloaded browser.

The `browser` fixture (one per test module) lives in the root conftest.py; tests that check
accessibility run axe-core with AXE_OPTIONS (WCAG 2.1 A and AA).
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM would then refuse
# to run there ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
