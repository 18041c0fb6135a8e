"""Funding API (issue 8): the stateless what-if calculation of a financing plan
(preview.py), programmes with their rules and calls and applications with their budget
overview, read and written (views.py, serializers.py, fields.py)."""

from .preview import FundingPreviewView
from .views import (
    ApplicationViewSet,
    BudgetLineViewSet,
    FundingAPIMixin,
    ProgrammeViewSet,
    SubProjectViewSet,
)

__all__ = [
    "ApplicationViewSet",
    "BudgetLineViewSet",
    "FundingAPIMixin",
    "FundingPreviewView",
    "ProgrammeViewSet",
    "SubProjectViewSet",
]
