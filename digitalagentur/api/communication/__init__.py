"""Communication API (issue 13): events with registration (events.py), the newsletter's
subscription (newsletter.py), shapes (serializers.py)."""

from .events import EventViewSet
from .newsletter import NewsletterSegmentsView, NewsletterSubscribeView

__all__ = ["EventViewSet", "NewsletterSegmentsView", "NewsletterSubscribeView"]
