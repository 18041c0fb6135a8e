from django.apps import AppConfig


class CommunicationConfig(AppConfig):
    name = "digitalagentur.communication"
    label = "communication"
    verbose_name = "Kommunikation"
