"""Landräume API (issue 11): spaces with the search filters (filters.py), bookings and their
decisions (views.py), shapes and bodies (serializers.py)."""

from .views import BookingViewSet, SpaceViewSet

__all__ = ["BookingViewSet", "SpaceViewSet"]
