from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "digitalagentur.participation"
    label = "participation"
    verbose_name = "Beteiligung"
