from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "digitalagentur.legal"
    label = "legal"
