"""Views of the staff area, split by topic (see urls.py)."""
