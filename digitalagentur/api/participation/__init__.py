"""Participation API (issue 12, section 3): ideas with their filters, submitting and supporting
them (ideas.py), competitions and their ranking (competitions.py), shapes (serializers.py)."""

from .competitions import CompetitionViewSet
from .ideas import IdeaViewSet

__all__ = ["CompetitionViewSet", "IdeaViewSet"]
