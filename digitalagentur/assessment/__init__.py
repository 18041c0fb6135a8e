"""Needs assessment and prioritisation (issue 9): questionnaires, assessment rounds and their
consolidation into priority groups. So far only the pure consolidation (consolidation.py)."""
