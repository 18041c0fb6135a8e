"""Communication API (issue 13): events with registration (events.py), shapes
(serializers.py)."""

from .events import EventViewSet

__all__ = ["EventViewSet"]
