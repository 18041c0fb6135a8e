"""Communication API (issue 13): events with registration (events.py), the newsletter's
subscription (newsletter.py), news posts (news.py), shapes (serializers.py)."""

from .events import EventViewSet
from .news import NewsViewSet
from .newsletter import NewsletterSegmentsView, NewsletterSubscribeView

__all__ = ["EventViewSet", "NewsViewSet", "NewsletterSegmentsView", "NewsletterSubscribeView"]
