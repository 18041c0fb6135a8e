from django.apps import AppConfig


class CommunicationConfig(AppConfig):
    name = "digitalagentur.communication"
    label = "communication"
    verbose_name = "Kommunikation"

    def ready(self):
        # Scheduled news posts fall due without a write: cached pages learn of it by the
        # moments in their keys (tenancy/pagecache.py).
        from digitalagentur.tenancy.pagecache import register_schedule

        from .news import scheduled_moments

        register_schedule(scheduled_moments)
